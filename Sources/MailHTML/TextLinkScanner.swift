/// Finds URLs in plain text the way mail readers linkify it: bare `http(s)://` URLs, and URLs in
/// angle brackets (RFC 3986 Appendix C), which may be broken across lines by the sender.
public enum TextLinkScanner {
    /// The links of `text` in order; at most `maxLinks`, so a hostile part costs bounded time.
    public static func scan(_ text: String, maxLinks: Int = 10_000) -> [ExtractedLink] {
        scan(bytes: Array(text.utf8), maxLinks: maxLinks)
    }

    static func scan(bytes b: [UInt8], maxLinks: Int = 10_000) -> [ExtractedLink] {
        var out: [ExtractedLink] = []
        var i = 0
        let n = b.count
        while i < n, out.count < maxLinks {
            let c = b[i]
            if c == UInt8(ascii: "<"), let (url, next) = bracketed(b, from: i) {
                out.append(ExtractedLink(url: url, text: nil))
                i = next
                continue
            }
            if c == UInt8(ascii: "h") || c == UInt8(ascii: "H"), let schemeEnd = httpScheme(b, at: i),
               i == 0 || !isWordByte(b[i - 1]) {
                var j = schemeEnd
                while j < n, isURLByte(b[j]) { j += 1 }
                let end = trimEnd(b, from: i, to: j)
                if end > schemeEnd {
                    out.append(ExtractedLink(url: String(decoding: b[i..<end], as: UTF8.self), text: nil))
                }
                i = max(end, i + 1)
                continue
            }
            i += 1
        }
        return out
    }

    /// `http://` or `https://` at `i`, case-insensitive: the index after `//`.
    static func httpScheme(_ b: [UInt8], at i: Int) -> Int? {
        func lower(_ k: Int) -> UInt8 { k < b.count ? (b[k] | 0x20) : 0 }
        guard lower(i) == 0x68, lower(i + 1) == 0x74, lower(i + 2) == 0x74, lower(i + 3) == 0x70 else { return nil }
        var k = i + 4
        if lower(k) == 0x73 { k += 1 }
        guard k + 2 < b.count,
              b[k] == UInt8(ascii: ":"), b[k + 1] == UInt8(ascii: "/"), b[k + 2] == UInt8(ascii: "/") else { return nil }
        return k + 3
    }

    /// `<http…>` or `<URL:http…>`, whitespace and line breaks inside dropped. nil when the
    /// bracket holds something else or does not close within a few lines.
    static func bracketed(_ b: [UInt8], from i: Int) -> (String, Int)? {
        var j = i + 1
        if j + 4 <= b.count, (b[j] | 0x20) == 0x75, (b[j + 1] | 0x20) == 0x72, (b[j + 2] | 0x20) == 0x6C, b[j + 3] == UInt8(ascii: ":") {
            j += 4
        }
        guard let start = httpScheme(b, at: j).map({ _ in j }) else { return nil }
        var url: [UInt8] = []
        var k = start
        var breaks = 0
        while k < b.count, k - start < 8192 {
            let c = b[k]
            if c == UInt8(ascii: ">") {
                guard !url.isEmpty else { return nil }
                return (String(decoding: url, as: UTF8.self), k + 1)
            }
            if c == 0x0A { breaks += 1; if breaks > 3 { return nil } }
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                k += 1
                continue
            }
            if c == UInt8(ascii: "<") { return nil }
            url.append(c)
            k += 1
        }
        return nil
    }

    /// Bytes that may stand in a bare URL: RFC 3986 characters plus any non-ASCII (IRIs).
    @inline(__always)
    static func isURLByte(_ c: UInt8) -> Bool {
        if c >= 0x80 { return true }
        if c <= 0x20 || c == 0x7F { return false }
        switch c {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
             UInt8(ascii: "`"):
            return false
        default:
            return true
        }
    }

    @inline(__always)
    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
    }

    /// Sentence punctuation after a URL is not part of it; a closing parenthesis is, only when the
    /// URL opened one (Wikipedia-style paths).
    static func trimEnd(_ b: [UInt8], from start: Int, to end: Int) -> Int {
        var e = end
        while e > start {
            let c = b[e - 1]
            switch c {
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"),
                 UInt8(ascii: "?"), UInt8(ascii: "'"), UInt8(ascii: "*"):
                e -= 1
            case UInt8(ascii: ")"):
                let opens = b[start..<e].filter { $0 == UInt8(ascii: "(") }.count
                let closes = b[start..<e].filter { $0 == UInt8(ascii: ")") }.count
                if closes > opens { e -= 1 } else { return e }
            default:
                // A non-breaking space or other Unicode punctuation that a mailer glued on.
                if c == 0xA0, e - 2 >= start, b[e - 2] == 0xC2 { e -= 2; continue }
                return e
            }
        }
        return e
    }
}
