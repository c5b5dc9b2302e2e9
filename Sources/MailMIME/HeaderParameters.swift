/// A structured header value with parameters: Content-Type, Content-Disposition (RFC 2045 §5.1,
/// RFC 2183), with RFC 2231 continuations, charsets and languages, and RFC 2047 words in
/// quoted values as some clients write them.
public struct HeaderParameters: Sendable, Hashable {
    /// The value before the first `;`, lowercased and trimmed (e.g. `text/html`, `attachment`).
    public var value: String
    /// Parameters by lowercased name, values decoded. Duplicate names: the first wins.
    public var parameters: [String: String]

    public init(value: String, parameters: [String: String]) {
        self.value = value
        self.parameters = parameters
    }

    public subscript(_ name: String) -> String? { parameters[name] }

    /// Parses an unfolded header value. Never fails; malformed parameters are skipped.
    public static func parse(_ raw: ArraySlice<UInt8>) -> HeaderParameters {
        var i = raw.startIndex
        let end = raw.endIndex
        // The value: up to the first ';' outside comments, spaces and comments dropped.
        var valueBytes: [UInt8] = []
        var depth = 0
        while i < end {
            let b = raw[i]
            if depth > 0 {
                if b == UInt8(ascii: ")") { depth -= 1 } else if b == UInt8(ascii: "(") { depth += 1 }
                i += 1
                continue
            }
            if b == UInt8(ascii: ";") { break }
            if b == UInt8(ascii: "(") { depth = 1 } else if b != 0x20 && b != 0x09 && b != 0x22 { valueBytes.append(b) }
            i += 1
        }
        let value = String(decoding: valueBytes, as: UTF8.self).lowercased()

        // Parameters: name [*N][*] = value; collected raw, then RFC 2231 sections joined.
        var plain: [String: String] = [:]
        var sections: [String: [(index: Int, encoded: Bool, value: [UInt8])]] = [:]
        var order: [String] = []
        while i < end {
            // Skip separators.
            while i < end, raw[i] == UInt8(ascii: ";") || raw[i] == 0x20 || raw[i] == 0x09 { i += 1 }
            if i >= end { break }
            if raw[i] == UInt8(ascii: "(") {
                var d = 0
                while i < end {
                    if raw[i] == UInt8(ascii: "(") { d += 1 } else if raw[i] == UInt8(ascii: ")") { d -= 1; if d == 0 { i += 1; break } }
                    i += 1
                }
                continue
            }
            let nameStart = i
            while i < end, raw[i] != UInt8(ascii: "="), raw[i] != UInt8(ascii: ";") { i += 1 }
            var name = String(decoding: raw[nameStart..<i], as: UTF8.self).lowercased()
            name = String(name.filter { $0 != " " && $0 != "\t" })
            guard i < end, raw[i] == UInt8(ascii: "="), !name.isEmpty else { continue }
            i += 1
            while i < end, raw[i] == 0x20 || raw[i] == 0x09 { i += 1 }
            var v: [UInt8] = []
            var quoted = false
            if i < end, raw[i] == 0x22 {
                quoted = true
                i += 1
                while i < end, raw[i] != 0x22 {
                    if raw[i] == 0x5C, i + 1 < end { i += 1 }
                    v.append(raw[i])
                    i += 1
                }
                if i < end { i += 1 }
                // Junk after the closing quote up to ';' is dropped.
                while i < end, raw[i] != UInt8(ascii: ";") { i += 1 }
            } else {
                while i < end, raw[i] != UInt8(ascii: ";") { v.append(raw[i]); i += 1 }
                while let l = v.last, l == 0x20 || l == 0x09 { v.removeLast() }
            }
            // RFC 2231: name*N*, name*N, name*.
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                var rest = name[name.index(after: star)...]
                var encoded = false
                if rest.hasSuffix("*") { encoded = true; rest = rest.dropLast() }
                let index: Int
                if rest.isEmpty {
                    index = 0
                    encoded = true
                } else if let n = Int(rest) {
                    index = n
                } else {
                    continue
                }
                if sections[base] == nil { order.append(base) }
                sections[base, default: []].append((index, encoded, v))
            } else if plain[name] == nil {
                plain[name] = decodePlain(v, quoted: quoted)
            }
        }
        for base in order {
            guard let parts = sections[base] else { continue }
            let sorted = parts.sorted { $0.index < $1.index }
            var charset: String? = nil
            var bytes: [UInt8] = []
            for (k, p) in sorted.enumerated() {
                var v = p.value[...]
                if p.encoded {
                    if k == 0 || p.index == 0 {
                        // charset'language'value
                        if let q1 = v.firstIndex(of: 0x27) {
                            let cs = String(decoding: v[v.startIndex..<q1], as: UTF8.self)
                            let afterLang = v[(q1 + 1)...]
                            if let q2 = afterLang.firstIndex(of: 0x27) {
                                charset = cs.isEmpty ? nil : cs
                                v = afterLang[(q2 + 1)...]
                            }
                        }
                    }
                    bytes.append(contentsOf: PercentDecoding.decode(v))
                } else {
                    bytes.append(contentsOf: v)
                }
            }
            // An RFC 2231 value wins over a plain one of the same name (it is the precise form).
            plain[base] = CharsetDecoder.decode(bytes[...], label: charset ?? "utf-8").text
        }
        return HeaderParameters(value: value, parameters: plain)
    }

    /// Quoted values sometimes hold RFC 2047 words (Outlook's filenames); raw 8-bit is UTF-8 or
    /// windows-1252. Boundaries must stay byte-exact, and they never contain "=?".
    private static func decodePlain(_ v: [UInt8], quoted: Bool) -> String {
        var hasHigh = false
        var hasWord = false
        var prev: UInt8 = 0
        for b in v {
            if b >= 0x80 { hasHigh = true }
            if prev == UInt8(ascii: "="), b == UInt8(ascii: "?") { hasWord = true }
            prev = b
        }
        if hasWord { return EncodedWordDecoder.decode(v[...]).text }
        if hasHigh { return CharsetDecoder.decode(v[...], label: nil).text }
        return String(decoding: v, as: UTF8.self)
    }

}
