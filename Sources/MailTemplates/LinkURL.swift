import MailMIME

/// The parts of a URL that rules look at. Deliberately small and forgiving: mail carries URLs
/// that strict parsers reject, and a rule only needs host, path and query names. Parsed over
/// UTF-8 bytes: it runs for every link of every message.
public struct LinkURL: Sendable, Hashable {
    /// Lowercased scheme (`https`, `mailto`).
    public var scheme: String
    /// Lowercased, without userinfo, port or a trailing dot; the domain for `mailto:`.
    public var host: String
    /// The path as written, without query or fragment.
    public var path: String
    /// The query as written, without `?` or fragment.
    public var query: String
    /// The path lowercased and split at `/` (empty segments dropped), for rule matching.
    var segments: [[UInt8]]

    /// Never fails: what cannot be parsed is left empty.
    public init(_ url: String) {
        let b = Array(url.utf8)
        let n = b.count
        var i = 0
        scheme = ""
        host = ""
        path = ""
        query = ""
        segments = []
        // scheme ":"
        var j = 0
        while j < n, Self.isSchemeByte(b[j], first: j == 0) { j += 1 }
        if j > 0, j < n, b[j] == UInt8(ascii: ":") {
            scheme = String(decoding: b[0..<j].map(Self.lower), as: UTF8.self)
            i = j + 1
        }
        if scheme == "mailto" {
            var end = i
            while end < n, b[end] != UInt8(ascii: "?") { end += 1 }
            if let at = b[i..<end].lastIndex(of: UInt8(ascii: "@")) {
                host = String(decoding: b[(at + 1)..<end].map(Self.lower), as: UTF8.self)
            }
            return
        }
        var end = n
        if let hash = b[i...].firstIndex(of: UInt8(ascii: "#")) { end = hash }
        if i + 1 < end, b[i] == UInt8(ascii: "/"), b[i + 1] == UInt8(ascii: "/") {
            i += 2
            var authEnd = i
            while authEnd < end, b[authEnd] != UInt8(ascii: "/"), b[authEnd] != UInt8(ascii: "?"), b[authEnd] != UInt8(ascii: "\\") {
                authEnd += 1
            }
            var hs = i
            if let at = b[i..<authEnd].lastIndex(of: UInt8(ascii: "@")) { hs = at + 1 }
            var he = authEnd
            if hs < authEnd, b[hs] == UInt8(ascii: "[") {
                if let close = b[hs..<authEnd].firstIndex(of: UInt8(ascii: "]")) { he = close + 1 }
            } else if let colon = b[hs..<authEnd].lastIndex(of: UInt8(ascii: ":")) {
                he = colon
            }
            while he > hs, b[he - 1] == UInt8(ascii: ".") { he -= 1 }
            host = String(decoding: b[hs..<he].map(Self.lower), as: UTF8.self)
            i = authEnd
        }
        let pathEnd = b[i..<end].firstIndex(of: UInt8(ascii: "?")) ?? end
        var segStart = i
        for k in i...pathEnd {
            if k == pathEnd || b[k] == UInt8(ascii: "/") {
                if k > segStart { segments.append(b[segStart..<k].map(Self.lower)) }
                segStart = k + 1
            }
        }
        if let q = b[i..<end].firstIndex(of: UInt8(ascii: "?")) {
            path = String(decoding: b[i..<q], as: UTF8.self)
            query = String(decoding: b[(q + 1)..<end], as: UTF8.self)
        } else {
            path = String(decoding: b[i..<end], as: UTF8.self)
        }
    }

    /// Just the host (lowercased), as `LinkURL(url).host` gives it, without the rest of the work.
    public static func host(of url: String) -> String {
        var url = url
        return url.withUTF8 { b -> String in
            let n = b.count
            var j = 0
            while j < n, isSchemeByte(b[j], first: j == 0) { j += 1 }
            guard j > 0, j < n, b[j] == UInt8(ascii: ":") else { return "" }
            var i = j + 1
            let isMailto = j == 6 && (0..<6).allSatisfy { lower(b[$0]) == Array("mailto".utf8)[$0] }
            if isMailto {
                var end = i
                while end < n, b[end] != UInt8(ascii: "?") { end += 1 }
                var at = end
                while at > i, b[at - 1] != UInt8(ascii: "@") { at -= 1 }
                return at > i ? String(decoding: b[at..<end].map(lower), as: UTF8.self) : ""
            }
            guard i + 1 < n, b[i] == UInt8(ascii: "/"), b[i + 1] == UInt8(ascii: "/") else { return "" }
            i += 2
            var end = i
            while end < n, b[end] != UInt8(ascii: "/"), b[end] != UInt8(ascii: "?"), b[end] != UInt8(ascii: "#"), b[end] != UInt8(ascii: "\\") {
                end += 1
            }
            var hs = i
            var k = end
            while k > i { if b[k - 1] == UInt8(ascii: "@") { hs = k; break }; k -= 1 }
            var he = end
            if hs < end, b[hs] == UInt8(ascii: "[") {
                var c = hs
                while c < end, b[c] != UInt8(ascii: "]") { c += 1 }
                he = min(end, c + 1)
            } else {
                var c = end
                while c > hs { if b[c - 1] == UInt8(ascii: ":") { he = c - 1; break }; c -= 1 }
            }
            while he > hs, b[he - 1] == UInt8(ascii: ".") { he -= 1 }
            return String(decoding: b[hs..<he].map(lower), as: UTF8.self)
        }
    }

    @inline(__always)
    static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    @inline(__always)
    static func isSchemeByte(_ c: UInt8, first: Bool) -> Bool {
        let alpha = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
        if first { return alpha }
        return alpha || (c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2D || c == 0x2E
    }

    /// Whether the query has a parameter `name` (with or without a value).
    public func hasQueryParameter(_ name: String) -> Bool {
        query.split(separator: "&").contains { pair in
            (pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? "") == name
        }
    }

    /// The value of the first query parameter `name`, percent-decoded (as raw text when the
    /// decoded bytes are not UTF-8).
    public func queryValue(_ name: String) -> String? {
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if kv.first.map(String.init) == name {
                let v = kv.count > 1 ? String(kv[1]) : ""
                return Self.percentDecoded(v) ?? v
            }
        }
        return nil
    }

    /// Percent-decoded text; nil when the decoded bytes are not UTF-8.
    static func percentDecoded(_ s: String) -> String? {
        let out = PercentDecoding.decode(Array(s.utf8)[...])
        let decoded = String(decoding: out, as: UTF8.self)
        return decoded.utf8.elementsEqual(out) ? decoded : nil
    }
}
