/// Why an input, or a piece of one, could not be read as mail. Named in `mailsift: PATH: reason`.
public enum InputError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case notMail(path: String, reason: String)

    /// The input (or the part of one) that failed, as named on the command line.
    public var path: String {
        switch self {
        case .notFound(let p), .unreadable(let p, _), .notMail(let p, _): return p
        }
    }

    /// `PATH: reason`, as printed after `mailsift: `.
    public var description: String {
        switch self {
        case .notFound(let p): return "\(p): no such file or directory"
        case .unreadable(let p, let r): return "\(p): cannot read: \(r)"
        case .notMail(let p, let r): return "\(p): not mail: \(r)"
        }
    }
}
