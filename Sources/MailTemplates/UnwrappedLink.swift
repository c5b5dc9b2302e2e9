/// Where a link goes once mail gateways' rewriting is taken off, and which gateways it passed.
/// Universities' gateways wrap every link so that a click goes through their scanner first; to
/// tell a real BSrE link from a look-alike only the destination counts, while the chain is kept
/// because a report that hid it would look nothing like the mail the user saw.
public struct UnwrappedLink: Sendable, Hashable {
    /// One layer taken off: which gateway, and the URL as it was before this layer was removed.
    public struct Step: Sendable, Hashable {
        /// The gateway of this layer.
        public let rewriter: LinkRewriter
        /// The URL before this layer was taken off.
        public let url: String
    }

    /// The destination. When `unresolved` is set or `depthLimitReached` is true this is still a
    /// gateway's URL, not the destination.
    public let url: String
    /// Outermost first; empty when the link was not wrapped.
    public let steps: [Step]
    /// The gateway that stopped unwrapping, when one was recognised but could not be opened.
    public let unresolved: UnresolvedWrapper?
    /// `maxDepth` layers were removed and `url` is still a recognised gateway URL.
    public let depthLimitReached: Bool

    /// Whether any gateway was recognised, resolved or not.
    public var isWrapped: Bool { !steps.isEmpty || unresolved != nil || depthLimitReached }
    /// Whether `url` is the destination rather than a gateway still in the way.
    public var isResolved: Bool { unresolved == nil && !depthLimitReached }

    init(url: String, steps: [Step], unresolved: UnresolvedWrapper? = nil, depthLimitReached: Bool = false) {
        self.url = url
        self.steps = steps
        self.unresolved = unresolved
        self.depthLimitReached = depthLimitReached
    }
}
