/// What a message's HTML says to a reader: its links in document order and its visible text.
public struct HTMLContent: Sendable {
    /// Anchors and image-map areas, in document order, then URLs written out in the visible text
    /// that no anchor points to (the "copy and paste this link" line, whose anchor a click
    /// tracker may have rewritten), with no text.
    public var links: [ExtractedLink]
    /// Visible text as collected, block boundaries marked with line breaks; collapsed only when
    /// someone reads `text` (most messages never need it).
    var rawText: [UInt8]
    /// Visible text: script, style and head content left out; one line per block element;
    /// whitespace inside a line collapsed.
    public var text: String { SAXCollector.collapse(rawText, keepLines: true) }
    /// The deepest element nesting met (whether or not past the extractor's `maxDepth`: the
    /// parse is streamed, so depth is counted even where elements are skipped).
    public var maxDepthSeen: Int
    /// More links than `maxLinks`: some were not kept.
    public var linkLimitHit = false
    /// Elements deeper than the extractor's `maxDepth` were skipped, with their text and links.
    public var depthLimitHit = false

    init(links: [ExtractedLink], rawText: [UInt8], maxDepthSeen: Int) {
        self.links = links
        self.rawText = rawText
        self.maxDepthSeen = maxDepthSeen
    }
}
