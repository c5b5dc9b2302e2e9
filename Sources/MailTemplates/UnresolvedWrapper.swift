/// A gateway URL that was recognised but could not be opened offline. The link's destination is
/// then unknown, which a report must say rather than judge the gateway's own host.
public struct UnresolvedWrapper: Sendable, Hashable {
    /// Why the destination cannot be known.
    public enum Reason: String, Sendable, Hashable {
        /// The gateway keeps the destination on its servers (Mimecast): only a click, which we
        /// never make, would reveal it.
        case opaque
        /// The URL does not carry a usable destination: the parameter is missing or empty, the
        /// encoding does not decode (Proofpoint v3 placeholders that do not match their bytes,
        /// escapes that are not UTF-8), or the result is not an absolute http(s) URL. Such a link
        /// was damaged in transit or forged; either way we do not guess.
        case malformed
    }

    /// The gateway recognised.
    public let rewriter: LinkRewriter
    /// Why it could not be opened.
    public let reason: Reason
    /// The destination domain Mimecast shows in `?domain=` when the administrator enabled it.
    /// Anyone can write that parameter next to any token, so it is a claim to display, never
    /// evidence that the link is official.
    public let claimedDomain: String?

    init(rewriter: LinkRewriter, reason: Reason, claimedDomain: String? = nil) {
        self.rewriter = rewriter
        self.reason = reason
        self.claimedDomain = claimedDomain
    }
}
