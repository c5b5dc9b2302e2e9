/// One message's bytes as the container held them (mboxrd `>From ` unquoted, the `From ` line removed).
public struct RawMessage: Sendable {
    public var origin: MessageOrigin
    public var bytes: [UInt8]
    /// The message was larger than the size limit: `bytes` holds only its first part (headers),
    /// and the report must say so.
    public var truncatedFrom: Int?

    public init(origin: MessageOrigin, bytes: [UInt8], truncatedFrom: Int? = nil) {
        self.origin = origin
        self.bytes = bytes
        self.truncatedFrom = truncatedFrom
    }
}
