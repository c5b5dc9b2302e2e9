/// One message's bytes as the container held them (mboxrd `>From ` unquoted, the `From ` line removed).
public struct RawMessage: Sendable {
    /// Where the message was found: the report's `source`.
    public var origin: MessageOrigin
    /// The message's bytes (without an mbox's From_ line).
    public var bytes: [UInt8]
    /// The message was larger than the size limit: `bytes` holds only its first part (headers),
    /// and the report must say so.
    public var truncatedFrom: Int?

    /// `truncatedFrom` is the real size when the message was cut to the reader's limit.
    public init(origin: MessageOrigin, bytes: [UInt8], truncatedFrom: Int? = nil) {
        self.origin = origin
        self.bytes = bytes
        self.truncatedFrom = truncatedFrom
    }
}
