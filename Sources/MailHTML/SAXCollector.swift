/// Accumulates links and visible text while libxml2 streams the document. A class because
/// libxml2 holds one pointer to it for the whole parse; it never leaves HTMLExtractor.
final class SAXCollector {
    private var links: [(href: String, text: String?)] = []
    private var base: String?
    private let maxLinks: Int

    private var lines: [String] = []
    private var line = ""
    /// Depth inside elements whose content is not shown (script, style, head, title, …).
    private var hidden = 0
    private var depth = 0
    private(set) var maxDepth = 0

    /// The anchor being read: its href and the text seen so far, and an image's alt as fallback.
    private var anchor: (href: String, text: String, alt: String)? = nil

    init(maxLinks: Int) { self.maxLinks = maxLinks }

    private static let hiddenElements: Set<String> = ["script", "style", "head", "title", "noscript", "template", "xml"]
    private static let blockElements: Set<String> = [
        "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "hr", "section", "article", "header", "footer", "center", "dd", "dt", "dl",
        "address", "form", "body", "html", "tbody", "thead", "tfoot", "caption", "nav", "main", "aside",
    ]
    private static let cellElements: Set<String> = ["td", "th"]

    func start(_ name: String, _ attributes: [(String, String)]) {
        depth += 1
        if depth > maxDepth { maxDepth = depth }
        if Self.hiddenElements.contains(name) { hidden += 1; return }
        if Self.blockElements.contains(name) { breakLine() }
        else if Self.cellElements.contains(name) { space() }
        switch name {
        case "a":
            finishAnchor()
            if let href = attributes.first(where: { $0.0 == "href" })?.1 {
                anchor = (href, "", "")
            }
        case "area":
            if let href = attributes.first(where: { $0.0 == "href" })?.1 {
                let alt = attributes.first(where: { $0.0 == "alt" })?.1
                add(href, text: alt.map(Self.collapse).flatMap { $0.isEmpty ? nil : $0 })
            }
        case "img":
            if anchor != nil, let alt = attributes.first(where: { $0.0 == "alt" })?.1 {
                anchor!.alt += " " + alt
            }
        case "base":
            if base == nil, let href = attributes.first(where: { $0.0 == "href" })?.1 {
                base = Self.cleanURL(href)
            }
        default:
            break
        }
    }

    func end(_ name: String) {
        depth -= 1
        if Self.hiddenElements.contains(name) { hidden = max(0, hidden - 1); return }
        if name == "a" { finishAnchor() }
        if Self.blockElements.contains(name) { breakLine() }
        else if Self.cellElements.contains(name) { space() }
    }

    func characters(_ text: String) {
        guard hidden == 0 else { return }
        line += text
        if anchor != nil { anchor!.text += text }
    }

    private func space() { line += " " }

    private func breakLine() {
        let l = Self.collapse(line)
        if !l.isEmpty { lines.append(l) }
        line = ""
    }

    private func finishAnchor() {
        guard let a = anchor else { return }
        anchor = nil
        var text = Self.collapse(a.text)
        if text.isEmpty { text = Self.collapse(a.alt) }
        add(a.href, text: text.isEmpty ? nil : text)
    }

    private func add(_ href: String, text: String?) {
        guard links.count < maxLinks else { return }
        links.append((href, text))
    }

    func finish() -> HTMLContent {
        finishAnchor()
        breakLine()
        var out: [ExtractedLink] = []
        out.reserveCapacity(links.count)
        for (href, text) in links {
            var url = Self.cleanURL(href)
            if url.isEmpty || url.hasPrefix("#") { continue }
            let lower = url.prefix(12).lowercased()
            if lower.hasPrefix("javascript:") || lower.hasPrefix("cid:") || lower.hasPrefix("data:") || lower.hasPrefix("about:") {
                continue
            }
            if !Self.hasScheme(url), let base, let resolved = LibXML.resolve(url, base: base) {
                url = resolved
            }
            out.append(ExtractedLink(url: url, text: text))
        }
        return HTMLContent(links: out, text: lines.joined(separator: "\n"), maxDepthSeen: maxDepth)
    }

    /// Browsers strip leading/trailing C0 controls and spaces and remove tabs and line breaks
    /// anywhere in a URL (WHATWG URL §4.4); a quoted-printable soft break often leaves them there.
    /// libxml2 has already turned line breaks inside attribute values into spaces, so a run of
    /// several blanks (a break plus indentation) is removed, and a lone space is encoded as %20.
    static func cleanURL(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        var run = String.UnicodeScalarView()
        var runHadBreak = false
        func flushRun() {
            if run.count == 1 && !runHadBreak { out.append(contentsOf: "%20".unicodeScalars) }
            run.removeAll()
            runHadBreak = false
        }
        for s in raw.unicodeScalars {
            if s == " " || s == "\t" || s == "\n" || s == "\r" {
                run.append(s)
                if s != " " { runHadBreak = true }
                continue
            }
            if !run.isEmpty {
                if out.isEmpty { run.removeAll(); runHadBreak = false } else { flushRun() }
            }
            if s.value < 0x20 || s == "\u{7F}" || s == "\u{FEFF}" || (out.isEmpty && s == "\u{A0}") { continue }
            out.append(s)
        }
        var result = String(out)
        while result.hasSuffix("\u{A0}") { result.removeLast() }
        return result
    }

    static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    /// Runs of whitespace (including no-break spaces) become one space; ends trimmed.
    static func collapse(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for s in text.unicodeScalars {
            if s.properties.isWhitespace || s == "\u{200B}" || s == "\u{FEFF}" || s == "\u{200C}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
                out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
