/// A structured header value with parameters: Content-Type, Content-Disposition (RFC 2045 §5.1,
/// RFC 2183), with RFC 2231 continuations, charsets and languages, and RFC 2047 words in
/// quoted values as some clients write them.
public struct HeaderParameters: Sendable, Hashable {
    /// The value before the first `;`, lowercased and trimmed (e.g. `text/html`, `attachment`).
    public var value: String
    /// Parameters by lowercased name, values decoded. Duplicate names: the first wins.
    public var parameters: [String: String]

    public init(value: String, parameters: [String: String]) {
        self.value = value
        self.parameters = parameters
    }

    public subscript(_ name: String) -> String? { parameters[name] }

    /// Parses an unfolded header value. Never fails; malformed parameters are skipped.
    public static func parse(_ raw: ArraySlice<UInt8>) -> HeaderParameters {
        fatalError("TODO")
    }
}
