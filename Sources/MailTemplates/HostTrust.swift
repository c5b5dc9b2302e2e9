import Foundation
import MailMIME

/// How far a host can be trusted to be the brand's.
public enum HostTrust: Sendable, Hashable {
    /// Under one of the official domains.
    case official
    /// Not official but built to look like it (`bssn-go.id`, `bsn.go.id`, `b5sn.id`, `bѕsn.go.id`
    /// with a Cyrillic `ѕ`, or its punycode `xn--bsn-…`).
    case lookalike
    case other

    /// `host`, `officialDomains` and `tokens` are lowercased (ASCII).
    ///
    /// A plain ASCII host (most links) is judged on its bytes: official, else look-alike when a
    /// label, with digits read as the letters they pass for (`5`→`s`, `0`→`o` …), contains a
    /// token or is one edit away from one, or spells an official domain. A host with punycode
    /// (`xn--`) labels, other non-ASCII characters or percent-escapes is first read as a browser
    /// would (percent-decoded, compatibility-mapped: full-width letters are plain letters) — if
    /// that is an official host, it is official — then its labels are decoded (RFC 3492) and their
    /// look-alike characters folded to the Latin letters they imitate (Cyrillic `ѕ`, Greek `ο`,
    /// small capitals, accents dropped), and the same checks run on the result. A non-ASCII host
    /// that imitates nothing (`bücher.de`) is `.other`.
    static func of(host: String, officialDomains: [String], tokens: [String]) -> HostTrust {
        guard !host.isEmpty else { return .other }
        let plain = host.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "%") } && !HostSkeleton.hasACELabel(host)
        guard plain, host.utf8.count <= HostSkeleton.maxHostBytes else {
            return unicodeHost(host, officialDomains: officialDomains, tokens: tokens)
        }
        if isOfficial(host, officialDomains) { return .official }
        let labels = host.utf8.split(separator: UInt8(ascii: ".")).map { HostSkeleton.foldDigits(Array($0)) }
        // Unless a digit was read as a letter, the labels spell the host itself: not official.
        let folded = host.utf8.contains { $0 == UInt8(ascii: "5") || $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") || $0 == UInt8(ascii: "3") }
        return imitates(labels, officialDomains: folded ? officialDomains : [], tokens: tokens) ? .lookalike : .other
    }

    private static func unicodeHost(_ host: String, officialDomains: [String], tokens: [String]) -> HostTrust {
        // Hostile input: a real host name is at most 253 bytes (ASCII form); past a generous
        // bound, judge the raw bytes only.
        guard host.utf8.count <= HostSkeleton.maxHostBytes else {
            if isOfficial(host, officialDomains) { return .official }
            let labels = host.utf8.split(separator: UInt8(ascii: ".")).prefix(64).map { HostSkeleton.foldDigits(Array($0.prefix(256))) }
            return imitates(labels, officialDomains: officialDomains, tokens: tokens) ? .lookalike : .other
        }
        let mapped = HostSkeleton.browserForm(host)
        if isOfficial(mapped, officialDomains) { return .official }
        let labels = HostSkeleton.labels(mapped)
        return imitates(labels, officialDomains: officialDomains, tokens: tokens) ? .lookalike : .other
    }

    /// `host` is one of `officialDomains` or under one (byte comparison).
    /// How a punycode or non-ASCII host reads to the eye (`sso.xn--bsn-fhd.id`, `sso.bѕsn.id` →
    /// `sso.bssn.id`), for warnings about look-alikes a reader cannot see; nil for a plain ASCII
    /// host or one that reads as written.
    public static func reading(of host: String) -> String? {
        let plain = host.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "%") } && !HostSkeleton.hasACELabel(host)
        guard !plain, host.utf8.count <= HostSkeleton.maxHostBytes else { return nil }
        let read = String(decoding: Array(HostSkeleton.labels(HostSkeleton.browserForm(host)).joined(separator: [UInt8(ascii: ".")])), as: UTF8.self)
        return read == host ? nil : read
    }

    static func isOfficial(_ host: String, _ officialDomains: [String]) -> Bool {
        let h = host.utf8
        for d in officialDomains {
            let n = d.utf8.count
            if h.count == n, h.elementsEqual(d.utf8) { return true }
            if h.count > n, h.suffix(n).elementsEqual(d.utf8), h[h.index(h.endIndex, offsetBy: -(n + 1))] == UInt8(ascii: ".") {
                return true
            }
        }
        return false
    }

    /// `labels`: the host's labels, already folded to the letters they look like.
    static func imitates(_ labels: [[UInt8]], officialDomains: [String], tokens: [String]) -> Bool {
        // Spelled like an official host (`b55n.go.id`, `bѕsn.go.id` → `bssn.go.id`).
        if !officialDomains.isEmpty {
            let joined = String(decoding: Array(labels.joined(separator: [UInt8(ascii: ".")])), as: UTF8.self)
            if isOfficial(joined, officialDomains) { return true }
        }
        let tokenBytes = tokens.map { Array($0.utf8) }
        for label in labels {
            var pieces = label.split(whereSeparator: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }).map(Array.init)
            pieces.append(label.filter { $0 != UInt8(ascii: "-") })
            for piece in pieces {
                for t in tokenBytes {
                    if contains(piece, t) { return true }
                    if piece.count >= 3, editDistanceAtMostOne(piece, t) { return true }
                }
            }
        }
        return false
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Lowercase letters that a reader confuses in a host name (digits are folded before).
    static let confusablePairs: Set<[UInt8]> = {
        let pairs = ["ao", "ce", "ec", "il", "li", "ij", "mn", "nm", "nr", "rn", "un", "nu", "uv", "vu", "vw", "wv",
                     "sz", "zs", "gq", "qg", "hn", "nh", "bd", "db", "pq", "qp", "oa", "tf", "ft", "kx", "xk"]
        return Set(pairs.map { Array($0.utf8) })
    }()

    static func confusable(_ a: UInt8, _ b: UInt8) -> Bool {
        confusablePairs.contains([a, b])
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
            // One letter swapped for another counts only when the two pass for each other at a
            // glance: "bare" is a word, not an imitation of "bsre"; "bssm" or "bsrc" is.
            if diffs.count == 1 { return confusable(x[diffs[0]], y[diffs[0]]) }
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

/// A host as the eye reads it: internationalised labels decoded and their look-alike characters
/// replaced by the Latin letters they imitate. Only for hosts that are not plain ASCII.
enum HostSkeleton {
    /// Longest host (UTF-8 bytes) that is decoded and folded; 253 ASCII bytes at most in DNS,
    /// up to four bytes a character when written in Unicode.
    static let maxHostBytes = 1024
    /// Stands for a character that imitates no Latin letter: one character, one edit.
    static let unknown = UInt8(ascii: "*")

    /// Whether a label starts with `xn--` (any case).
    static func hasACELabel(_ host: String) -> Bool {
        func scan(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            var i = 0
            while i + 4 <= b.count {
                if (i == 0 || b[i - 1] == UInt8(ascii: ".")), b[i] | 0x20 == UInt8(ascii: "x"), b[i + 1] | 0x20 == UInt8(ascii: "n"),
                   b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                    return true
                }
                i += 1
            }
            return false
        }
        if let r = host.utf8.withContiguousStorageIfAvailable(scan) { return r }
        return Array(host.utf8).withUnsafeBufferPointer(scan)
    }

    /// Digits that pass for letters at a glance.
    static func foldDigits(_ label: [UInt8]) -> [UInt8] {
        label.map { c in
            switch c {
            case UInt8(ascii: "5"): return UInt8(ascii: "s")
            case UInt8(ascii: "0"): return UInt8(ascii: "o")
            case UInt8(ascii: "1"): return UInt8(ascii: "l")
            case UInt8(ascii: "3"): return UInt8(ascii: "e")
            default: return c
            }
        }
    }

    /// The host a browser would look up: percent-escapes decoded (when they are UTF-8),
    /// compatibility-mapped and lowercased (UTS 46: full-width `ｂ` is `b`, `𝐛` is `b`), the
    /// ideographic full stops read as dots. Punycode labels stay as they are.
    static func browserForm(_ host: String) -> String {
        var s = host
        if s.utf8.contains(UInt8(ascii: "%")) {
            let bytes = PercentDecoding.decode(Array(s.utf8)[...])
            if let decoded = String(validating: bytes, as: UTF8.self) { s = decoded }
        }
        if s.utf8.contains(where: { $0 >= 0x80 }) {
            s = s.precomposedStringWithCompatibilityMapping.lowercased()
            s = String(s.unicodeScalars.map { c -> Character in
                switch c.value {
                case 0x3002, 0xFF0E, 0xFF61: return "."
                default: return Character(c)
                }
            })
        } else {
            s = String(decoding: s.utf8.map(LinkURL.lower), as: UTF8.self)
        }
        return s
    }

    /// The labels of a host in `browserForm`, each decoded from punycode when it is one,
    /// accents dropped, look-alike characters folded to Latin letters, digits folded; a character
    /// that imitates no letter becomes `*`.
    static func labels(_ host: String) -> [[UInt8]] {
        host.split(separator: ".", omittingEmptySubsequences: true).prefix(128).map { label -> [UInt8] in
            var scalars: [Unicode.Scalar]
            if label.utf8.count <= 63, label.utf8.starts(with: "xn--".utf8), label.utf8.allSatisfy({ $0 < 0x80 }),
               let decoded = Punycode.decode(Array(label.utf8.dropFirst(4))) {
                scalars = decoded
            } else {
                scalars = Array(label.unicodeScalars)
            }
            if scalars.contains(where: { $0.value >= 0x80 }) {
                // Decomposed, so that the accents come off (`š` → `s`); lowercased, since a
                // decoded label need not be.
                let text = String(String.UnicodeScalarView(scalars)).lowercased().decomposedStringWithCanonicalMapping
                scalars = text.unicodeScalars.filter { !isCombiningMark($0) }
            }
            return foldDigits(scalars.prefix(256).map(fold))
        }
    }

    static func fold(_ c: Unicode.Scalar) -> UInt8 {
        if c.value < 0x80 { return LinkURL.lower(UInt8(c.value)) }
        return confusables[c.value] ?? unknown
    }

    static func isCombiningMark(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: return true
        default: return false
        }
    }

    /// Characters of other scripts (and Latin's own small capitals and variants) that pass for
    /// a lowercase Latin letter; after Unicode's confusables (UTS 39), cut down to what
    /// matters in a host name. Full-width and mathematical letters need no entry: the
    /// compatibility mapping has already made them ASCII.
    static let confusables: [UInt32: UInt8] = {
        let groups: [(Character, String)] = [
            ("a", "\u{0430}\u{0251}\u{03B1}\u{1D00}"),              // Cyrillic а, Latin ɑ, Greek α, small capital ᴀ
            ("b", "\u{044C}\u{0432}\u{0299}\u{0185}"),              // Cyrillic ь в, ʙ, ƅ
            ("c", "\u{0441}\u{03F2}\u{1D04}"),                      // Cyrillic с, Greek ϲ, ᴄ
            ("d", "\u{0501}\u{1D05}"),                              // Cyrillic ԁ, ᴅ
            ("e", "\u{0435}\u{04BD}\u{1D07}"),                      // Cyrillic е ҽ, ᴇ
            ("g", "\u{0261}\u{0262}\u{050D}\u{0581}"),              // ɡ, ɢ, Cyrillic ԍ, Armenian ց
            ("h", "\u{04BB}\u{029C}"),                              // Cyrillic һ, ʜ
            ("i", "\u{0456}\u{03B9}\u{026A}\u{0131}\u{0269}"),      // Cyrillic і, Greek ι, ɪ, dotless ı, ɩ
            ("j", "\u{0458}\u{0237}\u{03F3}\u{1D0A}"),              // Cyrillic ј, ȷ, Greek ϳ, ᴊ
            ("k", "\u{03BA}\u{043A}\u{1D0B}"),                      // Greek κ, Cyrillic к, ᴋ
            ("l", "\u{04CF}\u{029F}\u{01C0}"),                      // Cyrillic ӏ, ʟ, ǀ
            ("m", "\u{043C}\u{1D0D}"),                              // Cyrillic м, ᴍ
            ("n", "\u{0274}\u{0578}"),                              // ɴ, Armenian ո
            ("o", "\u{043E}\u{03BF}\u{03C3}\u{1D0F}\u{0585}"),      // Cyrillic о, Greek ο σ, ᴏ, Armenian օ
            ("p", "\u{0440}\u{03C1}\u{1D18}"),                      // Cyrillic р, Greek ρ, ᴘ
            ("q", "\u{051B}"),                                      // Cyrillic ԛ
            ("r", "\u{0433}\u{0280}"),                              // Cyrillic г, ʀ
            ("s", "\u{0455}\u{A731}"),                              // Cyrillic ѕ, ꜱ
            ("t", "\u{1D1B}"),                                      // ᴛ
            ("u", "\u{03C5}\u{057D}\u{1D1C}\u{028B}"),              // Greek υ, Armenian ս, ᴜ, ʋ
            ("v", "\u{03BD}\u{0475}\u{1D20}"),                      // Greek ν, Cyrillic ѵ, ᴠ
            ("w", "\u{051D}\u{0461}\u{03C9}\u{1D21}"),              // Cyrillic ԝ ѡ, Greek ω, ᴡ
            ("x", "\u{0445}\u{03C7}"),                              // Cyrillic х, Greek χ
            ("y", "\u{0443}\u{04AF}\u{03B3}\u{028F}"),              // Cyrillic у ү, Greek γ, ʏ
            ("z", "\u{1D22}"),                                      // ᴢ
        ]
        var m: [UInt32: UInt8] = [:]
        for (letter, chars) in groups {
            for c in chars.unicodeScalars { m[c.value] = letter.asciiValue! }
        }
        return m
    }()
}

/// RFC 3492 (Punycode) decoding of one label's part after `xn--`, bounded for hostile input:
/// at most 59 input bytes and 63 output characters, every step checked for overflow; nil for
/// anything malformed (bad digit, overflow, a surrogate or out-of-range code point).
enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
    private static let initialBias = 72, initialN = 0x80
    private static let maxOutput = 63
    private static let limit = Int(Int32.max)

    static func decode(_ input: [UInt8]) -> [Unicode.Scalar]? {
        guard !input.isEmpty, input.count <= 59 else { return nil }
        var output: [UInt32] = []
        var start = 0
        if let dash = input.lastIndex(of: UInt8(ascii: "-")) {
            for c in input[..<dash] {
                guard c < 0x80 else { return nil }
                output.append(UInt32(c))
            }
            start = dash + 1
        }
        var n = initialN, i = 0, bias = initialBias
        var pos = start
        while pos < input.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard pos < input.count, let digit = digitValue(input[pos]) else { return nil }
                pos += 1
                guard digit <= (limit - i) / w else { return nil }
                i += digit * w
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if digit < t { break }
                guard w <= limit / (base - t) else { return nil }
                w *= base - t
                k += base
            }
            let count = output.count + 1
            bias = adapt(i - oldI, count, oldI == 0)
            guard i / count <= limit - n else { return nil }
            n += i / count
            i %= count
            guard n <= 0x10FFFF, !(0xD800...0xDFFF).contains(n), output.count < maxOutput else { return nil }
            output.insert(UInt32(n), at: i)
            i += 1
        }
        guard !output.isEmpty else { return nil }
        return output.compactMap(Unicode.Scalar.init)
    }

    private static func digitValue(_ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(c - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(c - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(c - UInt8(ascii: "0")) + 26
        default: return nil
        }
    }

    private static func adapt(_ delta: Int, _ count: Int, _ first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
