/// A link as the message shows it: where it goes and the words a reader clicks.
public struct ExtractedLink: Sendable, Hashable {
    /// The URL with entities decoded, surrounding whitespace and embedded tabs/line breaks removed
    /// (as browsers do), and resolved against `<base href>` when relative.
    public var url: String
    /// The anchor's visible text, whitespace collapsed; nil for a bare URL in text.
    public var text: String?
    /// For a URL read from visible text: the href of the anchor whose text shows it, when the
    /// two differ. A click tracker does that; so does a phisher showing the real site's address.
    public var shownByAnchor: String?

    /// A link; `shownByAnchor` only for a URL read from visible text (see the property).
    public init(url: String, text: String?, shownByAnchor: String? = nil) {
        self.url = url
        self.text = text
        self.shownByAnchor = shownByAnchor
    }
}
