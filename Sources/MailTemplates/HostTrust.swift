/// How far a host can be trusted to be the brand's.
public enum HostTrust: Sendable, Hashable {
    /// Under one of the official domains.
    case official
    /// Not official but built to look like it (`bssn-go.id`, `bsn.go.id`, `b5sn.id`, punycode).
    case lookalike
    case other

    /// `host`, `officialDomains` and `tokens` are lowercased.
    static func of(host: String, officialDomains: [String], tokens: [String]) -> HostTrust {
        guard !host.isEmpty else { return .other }
        for d in officialDomains where host == d || (host.hasSuffix(d) && host.utf8.count > d.utf8.count
                                                      && Array(host.utf8)[host.utf8.count - d.utf8.count - 1] == UInt8(ascii: ".")) {
            return .official
        }
        let tokenBytes = tokens.map { Array($0.utf8) }
        for label in host.utf8.split(separator: UInt8(ascii: ".")) {
            if label.starts(with: "xn--".utf8) { return .lookalike }
            // Digits that pass for letters at a glance.
            let folded: [UInt8] = label.map { c in
                switch c {
                case UInt8(ascii: "5"): return UInt8(ascii: "s")
                case UInt8(ascii: "0"): return UInt8(ascii: "o")
                case UInt8(ascii: "1"): return UInt8(ascii: "l")
                case UInt8(ascii: "3"): return UInt8(ascii: "e")
                default: return c
                }
            }
            var pieces = folded.split(whereSeparator: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }).map(Array.init)
            pieces.append(folded.filter { $0 != UInt8(ascii: "-") })
            for piece in pieces {
                for t in tokenBytes {
                    if contains(piece, t) { return .lookalike }
                    if piece.count >= 3, editDistanceAtMostOne(piece, t) { return .lookalike }
                }
            }
        }
        return .other
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    static func editDistanceAtMostOne(_ a: String, _ b: String) -> Bool {
        editDistanceAtMostOne(Array(a.utf8), Array(b.utf8))
    }

    /// Levenshtein distance ≤ 1, including one adjacent transposition.
    static func editDistanceAtMostOne(_ x: [UInt8], _ y: [UInt8]) -> Bool {
        if abs(x.count - y.count) > 1 { return false }
        if x == y { return true }
        if x.count == y.count {
            let diffs = (0..<x.count).filter { x[$0] != y[$0] }
            if diffs.count == 1 { return true }
            if diffs.count == 2, diffs[1] == diffs[0] + 1, x[diffs[0]] == y[diffs[1]], x[diffs[1]] == y[diffs[0]] { return true }
            return false
        }
        let (s, l) = x.count < y.count ? (x, y) : (y, x)
        var i = 0, j = 0, skipped = false
        while i < s.count, j < l.count {
            if s[i] == l[j] { i += 1; j += 1 }
            else if skipped { return false }
            else { skipped = true; j += 1 }
        }
        return true
    }
}
