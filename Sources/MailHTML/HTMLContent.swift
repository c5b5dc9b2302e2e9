/// What a message's HTML says to a reader: its links in document order and its visible text.
public struct HTMLContent: Sendable {
    public var links: [ExtractedLink]
    /// Visible text: script, style and head content left out; one line per block element;
    /// whitespace inside a line collapsed.
    public var text: String
    /// Elements deeper than `HTMLExtractor.Options.maxDepth` were present (their text and links
    /// are still read: the walk is streamed, not recursive).
    public var maxDepthSeen: Int

    public init(links: [ExtractedLink], text: String, maxDepthSeen: Int) {
        self.links = links
        self.text = text
        self.maxDepthSeen = maxDepthSeen
    }
}
