/// Accumulates links and visible text while libxml2 streams the document. A class because
/// libxml2 holds one pointer to it for the whole parse; it never leaves HTMLExtractor.
/// Works on the UTF-8 bytes libxml2 hands over: building Swift strings per text node costs more
/// than the parse itself on large newsletters.
final class SAXCollector {
    private var links: [(href: [UInt8], text: [UInt8])] = []
    private var base: String?
    private let maxLinks: Int
    private let maxDepthRead: Int
    /// Links not kept because `maxLinks` was reached; elements skipped past `maxDepthRead`.
    private var linksDropped = 0
    private var depthSkipped = 0

    /// Visible text, raw: block boundaries are marked with LF; collapsed once at the end.
    private var text: [UInt8] = []
    /// Depth inside elements whose content is not shown (script, style, head, title, …).
    private var hidden = 0
    private var depth = 0
    private(set) var maxDepth = 0

    /// The anchor being read: its href, the text seen so far, and images' alt text as fallback.
    private var anchorHref: [UInt8]? = nil
    private var anchorText: [UInt8] = []
    private var anchorAlt: [UInt8] = []

    init(maxLinks: Int, maxDepth: Int = 4_096) {
        self.maxLinks = maxLinks
        self.maxDepthRead = max(1, maxDepth)
        text.reserveCapacity(8192)
    }

    enum Element {
        case anchor, area, image, base, hidden, block, cell, other
    }

    /// libxml2's HTML parser lowercases element names, so a name packs into one integer key
    /// (at most 8 bytes; longer names are of no interest here).
    static func element(_ name: UnsafePointer<UInt8>) -> Element {
        var key: UInt64 = 0
        var n = 0
        while name[n] != 0 {
            if n == 8 { return .other }
            key |= UInt64(name[n]) << (8 * UInt64(n))
            n += 1
        }
        return kinds[key] ?? .other
    }

    static func pack(_ s: String) -> UInt64 {
        var key: UInt64 = 0
        for (i, b) in s.utf8.enumerated() { key |= UInt64(b) << (8 * UInt64(i)) }
        return key
    }

    private static let kinds: [UInt64: Element] = {
        var d: [UInt64: Element] = [pack("a"): .anchor, pack("area"): .area, pack("img"): .image, pack("base"): .base,
                                    pack("td"): .cell, pack("th"): .cell]
        for h in ["script", "style", "head", "title", "noscript", "template", "xml"] { d[pack(h)] = .hidden }
        for b in ["p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
                  "pre", "hr", "section", "article", "header", "footer", "center", "dd", "dt", "dl",
                  "address", "form", "body", "html", "tbody", "thead", "tfoot", "caption", "nav", "main", "aside"] {
            d[pack(b)] = .block
        }
        return d
    }()

    func start(_ kind: Element, _ attribute: (String) -> [UInt8]?) {
        depth += 1
        if depth > maxDepth { maxDepth = depth }
        if depth > maxDepthRead { depthSkipped += 1; return }
        switch kind {
        case .hidden:
            hidden += 1
        case .block:
            text.append(0x0A)
        case .cell:
            text.append(0x20)
        case .anchor:
            finishAnchor()
            if let href = attribute("href") {
                anchorHref = href
                anchorText.removeAll(keepingCapacity: true)
                anchorAlt.removeAll(keepingCapacity: true)
            }
        case .area:
            if let href = attribute("href") { add(href, text: attribute("alt") ?? []) }
        case .image:
            if anchorHref != nil, let alt = attribute("alt") {
                anchorAlt.append(0x20)
                anchorAlt.append(contentsOf: alt)
            }
        case .base:
            if base == nil, let href = attribute("href") { base = Self.cleanURL(href) }
        case .other:
            break
        }
    }

    func end(_ kind: Element) {
        depth -= 1
        if depth >= maxDepthRead { return }
        switch kind {
        case .hidden: hidden = max(0, hidden - 1)
        case .anchor: finishAnchor()
        case .block: text.append(0x0A)
        case .cell: text.append(0x20)
        default: break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard hidden == 0, depth <= maxDepthRead else { return }
        text.append(contentsOf: bytes)
        if anchorHref != nil { anchorText.append(contentsOf: bytes) }
    }

    private func finishAnchor() {
        guard let href = anchorHref else { return }
        anchorHref = nil
        add(href, text: Self.hasVisible(anchorText) ? anchorText : anchorAlt)
    }

    private func add(_ href: [UInt8], text: [UInt8]) {
        guard links.count < maxLinks else { linksDropped += 1; return }
        links.append((href, text))
    }

    func finish() -> HTMLContent {
        finishAnchor()
        var out: [ExtractedLink] = []
        out.reserveCapacity(links.count)
        for (href, rawText) in links {
            var url = Self.cleanURL(href)
            if url.isEmpty || url.hasPrefix("#") { continue }
            let lower = url.prefix(12).lowercased()
            if lower.hasPrefix("javascript:") || lower.hasPrefix("cid:") || lower.hasPrefix("data:") || lower.hasPrefix("about:") {
                continue
            }
            if !Self.hasScheme(url), let base, let resolved = LibXML.resolve(url, base: base) {
                url = resolved
            }
            let t = Self.collapse(rawText, keepLines: false)
            out.append(ExtractedLink(url: url, text: t.isEmpty ? nil : t))
        }
        // URLs shown as text: only worth a scan when the text has a scheme separator at all.
        if Self.containsSchemeSeparator(text) {
            // One set for every URL already out: a membership test per found URL, not a search
            // of the list (which was quadratic in links).
            var known = Set(out.map(\.url))
            let anchors = out.count
            // Only anchors whose text shows a URL can show this one; most mail has a handful.
            // Past 64 of them, a map from each URL written in such an anchor's text to the first
            // anchor replaces the search of every anchor's text for every URL (quadratic).
            let showing = out[..<anchors].indices.filter { out[$0].text.map { Self.containsSchemeSeparator(Array($0.utf8)) } == true }
            var shownIn: [String: String]? = nil
            if showing.count > 64 {
                var map: [String: String] = [:]
                for i in showing {
                    for l in TextLinkScanner.scan(out[i].text!, maxLinks: 16) where map[l.url] == nil { map[l.url] = out[i].url }
                }
                shownIn = map
            }
            for var link in TextLinkScanner.scan(bytes: text, maxLinks: maxLinks) where !known.contains(link.url) {
                guard out.count < maxLinks else { linksDropped += 1; break }
                known.insert(link.url)
                if let shownIn {
                    link.shownByAnchor = shownIn[link.url]
                } else {
                    link.shownByAnchor = showing.first(where: { out[$0].text?.contains(link.url) == true }).map { out[$0].url }
                }
                out.append(link)
            }
        }
        var content = HTMLContent(links: out, rawText: text, maxDepthSeen: maxDepth)
        content.linkLimitHit = linksDropped > 0
        content.depthLimitHit = depthSkipped > 0
        return content
    }

    static func containsSchemeSeparator(_ b: [UInt8]) -> Bool {
        b.withUnsafeBufferPointer { p in
            guard p.count >= 3 else { return false }
            var i = 0
            while i + 2 < p.count {
                if p[i] == 0x3A, p[i + 1] == 0x2F, p[i + 2] == 0x2F { return true }
                i += 1
            }
            return false
        }
    }

    static func hasVisible(_ b: [UInt8]) -> Bool {
        b.contains { $0 > 0x20 && $0 != 0xC2 && $0 != 0xA0 }
    }

    /// Browsers strip leading/trailing C0 controls and spaces and remove tabs and line breaks
    /// anywhere in a URL (WHATWG URL §4.4); a quoted-printable soft break often leaves them there.
    /// libxml2 has already turned line breaks inside attribute values into spaces, so a run of
    /// several blanks (a break plus indentation) is removed, and a lone space is encoded as %20.
    static func cleanURL(_ raw: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        let n = raw.count
        while i < n {
            let b = raw[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                var j = i
                var hadBreak = false
                while j < n, raw[j] == 0x20 || raw[j] == 0x09 || raw[j] == 0x0A || raw[j] == 0x0D {
                    if raw[j] != 0x20 { hadBreak = true }
                    j += 1
                }
                if !out.isEmpty, j < n, j - i == 1, !hadBreak { out.append(contentsOf: [0x25, 0x32, 0x30]) }
                i = j
                continue
            }
            // Other C0 controls, DEL; a leading no-break space or byte order mark.
            if b < 0x20 || b == 0x7F { i += 1; continue }
            if out.isEmpty, b == 0xC2, i + 1 < n, raw[i + 1] == 0xA0 { i += 2; continue }
            if out.isEmpty, b == 0xEF, i + 2 < n, raw[i + 1] == 0xBB, raw[i + 2] == 0xBF { i += 3; continue }
            out.append(b)
            i += 1
        }
        while out.count >= 2, out[out.count - 2] == 0xC2, out[out.count - 1] == 0xA0 { out.removeLast(2) }
        return String(decoding: out, as: UTF8.self)
    }


    static func hasScheme(_ url: String) -> Bool {
        var sawLetter = false
        for b in url.utf8 {
            if b == UInt8(ascii: ":") { return sawLetter }
            let isAlpha = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
            if !sawLetter {
                guard isAlpha else { return false }
                sawLetter = true
                continue
            }
            guard isAlpha || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x2E else { return false }
        }
        return false
    }

    /// Whitespace runs (ASCII, no-break space, zero-width space and joiners, byte order mark)
    /// become one space; with `keepLines`, LF separates lines, each trimmed, empty lines dropped.
    static func collapse(_ b: [UInt8], keepLines: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var pendingSpace = false
        var pendingLine = false
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            var ws = 0
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0C { ws = 1 }
            else if c == 0x0A { ws = 1; if keepLines { pendingLine = true } }
            else if c == 0xC2, i + 1 < n, b[i + 1] == 0xA0 { ws = 2 }
            else if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] >= 0x8B && b[i + 2] <= 0x8D { ws = 3 }
            else if c == 0xEF, i + 2 < n, b[i + 1] == 0xBB, b[i + 2] == 0xBF { ws = 3 }
            if ws > 0 {
                pendingSpace = true
                i += ws
                continue
            }
            if !out.isEmpty {
                if pendingLine { out.append(0x0A) } else if pendingSpace { out.append(0x20) }
            }
            pendingLine = false
            pendingSpace = false
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
