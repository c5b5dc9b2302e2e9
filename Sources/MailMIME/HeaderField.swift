/// One header field, unfolded (CRLF/LF before continuation whitespace removed, the whitespace kept)
/// but otherwise undecoded: decoding depends on the field, so it is left to the reader of it.
public struct HeaderField: Sendable {
    /// The name as written.
    public var name: String
    /// Lowercased name, for lookups.
    public var key: String
    /// The unfolded raw value, leading whitespace trimmed.
    public var value: ArraySlice<UInt8>

    /// `name` as written; `value` the raw, still folded bytes after the colon.
    public init(name: String, value: ArraySlice<UInt8>) {
        self.name = name
        self.key = name.lowercased()
        self.value = value
    }
}
