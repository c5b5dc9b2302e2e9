import MailMIME

/// Proofpoint URL Defense's three encodings of the wrapped URL. Follows Proofpoint's published
/// decoder (urldecoder.py 3.0.1, Eric Van Cleve, Proofpoint Inc.) except where it is wrong for
/// non-ASCII text: v3 run lengths count bytes, not characters, as Calvin Ardi's open decoder
/// showed against Proofpoint's output (a run may end in the middle of a UTF-8 sequence).
/// Works on bytes throughout; the caller checks that the result is UTF-8 and an http(s) URL.
enum ProofpointURL {
    /// v1 (`/v1/url?u=…&k=…`): `u` is percent-encoded. Proofpoint's decoder also unescapes HTML
    /// entities, because it rewrote URLs as they stood in the HTML source.
    static func v1(_ u: ArraySlice<UInt8>) -> [UInt8] {
        htmlUnescaped(PercentDecoding.decode(u))
    }

    /// v2 (`/v2/url?u=…&d=…`): percent-encoding with `-` for `%` and `_` for `/`, so that the
    /// value survives mail clients that mangle `%`. `-` and `_` themselves come as `-2D`, `-5F`.
    static func v2(_ u: ArraySlice<UInt8>) -> [UInt8] {
        let translated = u.map { c -> UInt8 in
            switch c {
            case UInt8(ascii: "-"): return UInt8(ascii: "%")
            case UInt8(ascii: "_"): return UInt8(ascii: "/")
            default: return c
            }
        }
        return htmlUnescaped(PercentDecoding.decode(translated[...]))
    }

    /// v3 (`/v3/__<url>__;<base64url bytes>!<ids>$`): the URL stands almost as it was, except
    /// that bytes a mail client could damage (`#`, `%`, `*`, `+`, `[`, `]`, quotes, non-ASCII …)
    /// were taken out and listed, base64url-encoded, after `;`. In their place `*` stands for one
    /// byte and `**X` for a run of 2 (`A`) to 65 (`_`) bytes, in the order listed; longer runs
    /// are split. `body` is everything after `/v3/__`.
    ///
    /// Nil when the placeholders and the listed bytes do not match one for one: such a URL was
    /// altered after rewriting, and Proofpoint's own decoder would return a guess.
    static func v3(_ body: ArraySlice<UInt8>) -> [UInt8]? {
        // The last `__;`: what follows it (base64url, `!`, ids, `$`) never contains `;`, while the
        // wrapped URL may itself contain `__;`.
        var t = body.endIndex - 3
        while t >= body.startIndex,
              !(body[t] == UInt8(ascii: "_") && body[t + 1] == UInt8(ascii: "_") && body[t + 2] == UInt8(ascii: ";")) {
            t -= 1
        }
        guard t >= body.startIndex else { return nil }
        var e = t + 3
        while e < body.endIndex, base64Value(body[e]) != nil || body[e] == UInt8(ascii: "=") { e += 1 }
        guard e < body.endIndex, body[e] == UInt8(ascii: "!"),
              let replacements = base64URLDecoded(body[(t + 3)..<e]) else { return nil }
        // As Proofpoint's decoder: undo percent-encoding added after rewriting, then substitute.
        // A genuine `%` of the original URL is always among the listed bytes, so this changes
        // nothing in a URL as Proofpoint wrote it.
        let text = PercentDecoding.decode(body[body.startIndex..<t])
        var out: [UInt8] = []
        out.reserveCapacity(text.count + replacements.count)
        var r = 0
        var k = 0
        while k < text.count {
            guard text[k] == UInt8(ascii: "*") else {
                out.append(text[k])
                k += 1
                continue
            }
            var length = 1
            var width = 1
            if k + 1 < text.count, text[k + 1] == UInt8(ascii: "*") {
                guard k + 2 < text.count, let value = base64Value(text[k + 2]) else { return nil }
                length = Int(value) + 2
                width = 3
            }
            guard replacements.count - r >= length else { return nil }
            out.append(contentsOf: replacements[r..<(r + length)])
            r += length
            k += width
        }
        guard r == replacements.count else { return nil }
        return out
    }

    /// The run-length alphabet is the base64url alphabet: `A` = 0 … `_` = 63.
    @inline(__always)
    static func base64Value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return c - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return c - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): return 62
        case UInt8(ascii: "_"): return 63
        default: return nil
        }
    }

    /// Unpadded (or `=`-padded) base64url; nil on any other byte or an impossible length.
    static func base64URLDecoded(_ s: ArraySlice<UInt8>) -> [UInt8]? {
        var s = s
        while s.last == UInt8(ascii: "=") { s = s.dropLast() }
        guard s.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(s.count * 3 / 4)
        var acc: UInt32 = 0
        var bits = 0
        for c in s {
            guard let v = base64Value(c) else { return nil }
            acc = acc << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
            }
        }
        return out
    }

    /// The entities an href can carry (`&amp;` above all), as Python's `html.unescape` in
    /// Proofpoint's decoder would read them; anything else stays as it is.
    static func htmlUnescaped(_ b: [UInt8]) -> [UInt8] {
        guard b.contains(UInt8(ascii: "&")) else { return b }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "&"), let (bytes, length) = entity(b[i...]) {
                out.append(contentsOf: bytes)
                i += length
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }

    private static let named: [(String, UInt8)] = [
        ("&amp;", UInt8(ascii: "&")), ("&lt;", UInt8(ascii: "<")), ("&gt;", UInt8(ascii: ">")),
        ("&quot;", UInt8(ascii: "\"")), ("&apos;", UInt8(ascii: "'")),
    ]

    /// The entity at the start of `s` and its length in bytes.
    private static func entity(_ s: ArraySlice<UInt8>) -> ([UInt8], Int)? {
        for (name, byte) in named where s.starts(with: name.utf8) { return ([byte], name.utf8.count) }
        guard s.count >= 4, s[s.startIndex + 1] == UInt8(ascii: "#") else { return nil }
        var i = s.startIndex + 2
        let hex = s[i] | 0x20 == UInt8(ascii: "x")
        if hex { i += 1 }
        var value: UInt32 = 0
        let digitsStart = i
        while i < s.endIndex, i - digitsStart < 8 {
            let c = s[i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: d = UInt32(c - UInt8(ascii: "A") + 10)
            default: d = .max
            }
            if d == .max { break }
            value = value * (hex ? 16 : 10) + d
            i += 1
        }
        guard i > digitsStart, i < s.endIndex, s[i] == UInt8(ascii: ";"),
              value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return (Array(String(Character(scalar)).utf8), i + 1 - s.startIndex)
    }
}
