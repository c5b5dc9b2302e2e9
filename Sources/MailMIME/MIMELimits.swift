/// Bounds that keep a hostile message from costing unbounded time or memory. Each one hit
/// becomes a warning on the message, never a crash or a lost message.
public struct MIMELimits: Sendable {
    /// Bytes of one header block.
    public var maxHeaderBytes = 1 << 20
    /// Fields of one header block.
    public var maxHeaderFields = 2_000
    /// Bytes of one (unfolded) header field.
    public var maxHeaderLineBytes = 256 << 10
    /// multipart and message/rfc822 nesting, together.
    public var maxDepth = 40
    /// Parts in the whole tree.
    public var maxParts = 5_000
    /// Decoded bytes kept per part; the rest is dropped with a warning.
    public var maxDecodedPartBytes = 32 << 20
    /// Decoded bytes kept for all of a message's readable parts together: many parts each just
    /// under the part limit must not add up to gigabytes.
    public var maxDecodedMessageBytes = 128 << 20

    /// Limits that real mail never reaches and a hostile message cannot exceed cheaply.
    public init() {}
}
