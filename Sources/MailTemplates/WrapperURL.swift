/// The pieces of a candidate gateway URL a rewrite rule reads, kept as raw bytes. Unlike
/// `LinkURL`, nothing past the host is decoded: every gateway has its own encoding, and decoding
/// twice changes the destination (`%2540` must come out as `%40`, not `@`). Built only for URLs
/// whose host is a known gateway, so it is off the hot path.
struct WrapperURL {
    let bytes: [UInt8]
    /// The path, from its leading `/` (if any) to `?`, `#` or the end.
    let path: Range<Int>
    /// The query without its `?`, up to `#`; nil when there is no `?`.
    let query: Range<Int>?
    /// Where a `#` starts, or the end. A browser never sends the fragment, so no rule reads it.
    let end: Int

    /// Nil unless the URL is absolute `http` or `https` with an authority: a gateway is only
    /// followed where a browser would follow it.
    init?(_ url: String) {
        let b = Array(url.utf8)
        var colon = 0
        while colon < b.count, colon <= 5, b[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < b.count, b[colon] == UInt8(ascii: ":"), Self.isHTTPScheme(b[0..<colon]) else { return nil }
        var i = colon + 1
        guard i + 1 < b.count, b[i] == UInt8(ascii: "/"), b[i + 1] == UInt8(ascii: "/") else { return nil }
        i += 2
        // The authority ends where `LinkURL.host(of:)` ends it, so the host the table matched is
        // the host whose path and query are read here.
        while i < b.count, !Self.endsAuthority(b[i]) { i += 1 }
        let end = b.firstIndex(of: UInt8(ascii: "#")) ?? b.count
        let pathEnd = b[i..<max(i, end)].firstIndex(of: UInt8(ascii: "?")) ?? max(i, end)
        bytes = b
        path = i..<pathEnd
        query = pathEnd < end ? (pathEnd + 1)..<end : nil
        self.end = max(i, end)
    }

    /// The raw value of the first query parameter named exactly `name`; empty when it has no `=`.
    func parameter(_ name: String) -> ArraySlice<UInt8>? {
        guard let query else { return nil }
        let key = Array(name.utf8)
        var start = query.lowerBound
        while start <= query.upperBound {
            var stop = start
            while stop < query.upperBound, bytes[stop] != UInt8(ascii: "&") { stop += 1 }
            let eq = bytes[start..<stop].firstIndex(of: UInt8(ascii: "=")) ?? stop
            if bytes[start..<eq].elementsEqual(key) {
                return eq < stop ? bytes[(eq + 1)..<stop] : bytes[stop..<stop]
            }
            start = stop + 1
        }
        return nil
    }

    func pathIs(_ literal: String) -> Bool {
        bytes[path].elementsEqual(literal.utf8)
    }

    func pathStarts(with prefix: String) -> Bool {
        bytes[path].starts(with: prefix.utf8)
    }

    /// Everything after `prefix` up to the fragment, query included: Proofpoint v3 carries the
    /// wrapped URL, `?` and all, in what a parser would call path and query.
    func remainder(after prefix: String) -> ArraySlice<UInt8>? {
        guard pathStarts(with: prefix) else { return nil }
        return bytes[(path.lowerBound + prefix.utf8.count)..<end]
    }

    /// The path after its first segment, when that segment is a non-empty token of
    /// `[A-Za-z0-9_-]`: Cisco's `/<token>/<percent-encoded URL>`.
    func pathAfterToken() -> ArraySlice<UInt8>? {
        guard !path.isEmpty, bytes[path.lowerBound] == UInt8(ascii: "/") else { return nil }
        let tokenStart = path.lowerBound + 1
        guard let slash = bytes[tokenStart..<path.upperBound].firstIndex(of: UInt8(ascii: "/")),
              slash > tokenStart,
              bytes[tokenStart..<slash].allSatisfy(Self.isTokenByte) else { return nil }
        return bytes[(slash + 1)..<path.upperBound]
    }

    static func isHTTPScheme(_ s: ArraySlice<UInt8>) -> Bool {
        let lower = s.map { $0 | 0x20 }
        return lower.elementsEqual("http".utf8) || lower.elementsEqual("https".utf8)
    }

    @inline(__always)
    static func endsAuthority(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: "#") || c == UInt8(ascii: "\\")
    }

    @inline(__always)
    static func isTokenByte(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
