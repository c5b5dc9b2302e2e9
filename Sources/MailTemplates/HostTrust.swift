import Foundation

/// How far a host can be trusted to be the brand's.
public enum HostTrust: Sendable, Hashable {
    /// Under one of the official domains.
    case official
    /// Not official but built to look like it (`bssn-go.id`, `bsn.go.id`, `b5sn.id`, punycode).
    case lookalike
    case other

    /// `officialDomains` and `tokens` are lowercased.
    static func of(host: String, officialDomains: [String], tokens: [String]) -> HostTrust {
        guard !host.isEmpty else { return .other }
        for d in officialDomains where host == d || host.hasSuffix("." + d) { return .official }
        let labels = host.split(separator: ".")
        for label in labels {
            let l = String(label)
            if l.hasPrefix("xn--") { return .lookalike }
            // Digits and doubled letters that pass for letters at a glance.
            let folded = l.replacingOccurrences(of: "5", with: "s").replacingOccurrences(of: "0", with: "o")
                .replacingOccurrences(of: "1", with: "l").replacingOccurrences(of: "3", with: "e")
            for piece in folded.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init) + [folded.replacingOccurrences(of: "-", with: "")] {
                for t in tokens {
                    if piece.contains(t) { return .lookalike }
                    if piece.count >= 3, editDistanceAtMostOne(piece, t) { return .lookalike }
                }
            }
        }
        return .other
    }

    /// Levenshtein distance ≤ 1, including one adjacent transposition.
    static func editDistanceAtMostOne(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
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

