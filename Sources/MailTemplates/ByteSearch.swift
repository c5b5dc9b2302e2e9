/// ASCII case-insensitive search for several needles at once over UTF-8 text, for the pre-filter
/// that runs on every message. One pass: a 64 Kbit table of the needles' first two bytes says
/// where a needle may start, and only there are the needles compared.
public struct ByteSearch: Sendable {
    private let needles: [[UInt8]]
    /// Bit (b0 << 8 | b1) set when some needle starts with lowercased bytes b0, b1.
    private let pairs: [UInt64]
    private let hasShortNeedle: Bool

    /// A searcher for `needles`, compared ASCII case-insensitively.
    public init(needles: [String]) {
        let ns = needles.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
        // A needle that contains another is redundant: the shorter one is found first.
        self.needles = ns.filter { n in !ns.contains { $0 != n && $0.count < n.count && Self.contains(n, $0) } }
        var table = [UInt64](repeating: 0, count: 1024)
        var short = false
        for n in self.needles {
            if n.count < 2 { short = true; continue }
            let key = Int(n[0]) << 8 | Int(n[1])
            table[key >> 6] |= 1 << UInt64(key & 63)
        }
        pairs = table
        hasShortNeedle = short
    }

    /// No needles: nothing can match.
    public var isEmpty: Bool { needles.isEmpty }

    @inline(__always)
    static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard hay.count >= needle.count else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Plain substring test over UTF-8 (no locale, no Unicode normalisation: both sides are
    /// already lowercased and whitespace-folded by the caller).
    static func contains(_ hay: String, _ needle: String) -> Bool {
        var hay = hay, needle = needle
        return hay.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count > 0 else { return true }
                guard h.count >= n.count else { return false }
                let first = n[0]
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count, h[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Whether any needle occurs in `text`.
    public func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { matches($0) }
    }

    /// Whether any needle occurs in the UTF-8 bytes of `buf`.
    public func matches(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        if hasShortNeedle { return true }
        let n = buf.count
        guard n >= 2 else { return false }
        var i = 0
        var prev = Self.lower(buf[0])
        while i < n - 1 {
            let next = Self.lower(buf[i + 1])
            let key = Int(prev) << 8 | Int(next)
            if pairs[key >> 6] & (1 << UInt64(key & 63)) != 0 {
                for needle in needles where needle[0] == prev && needle[1] == next && n - i >= needle.count {
                    var k = 2
                    while k < needle.count, Self.lower(buf[i + k]) == needle[k] { k += 1 }
                    if k == needle.count { return true }
                }
            }
            prev = next
            i += 1
        }
        return false
    }
}
