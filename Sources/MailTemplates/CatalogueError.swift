/// Why a template catalogue could not be used, worded for the person who wrote the file.
public enum CatalogueError: Error, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalid(path: String, field: String, expected: String)
    case badPattern(path: String, pattern: String, reason: String)

    /// The file and the field at fault, on one line.
    public var description: String {
        switch self {
        case .unreadable(let p, let r): return "\(p): cannot read template catalogue: \(r)"
        case .invalid(let p, let f, let e): return "\(p): \(f): \(e)"
        case .badPattern(let p, let pat, let r): return "\(p): expiry pattern \(pat): \(r)"
        }
    }
}
