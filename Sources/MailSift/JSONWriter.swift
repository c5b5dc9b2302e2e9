/// Writes JSON by hand: keys in the contract's order (stable, diffable output), nulls written
/// out (the contract requires the keys), and strings escaped so that no control character
/// from a message reaches a terminal raw (C0, DEL, and U+2028/U+2029 as `\u` escapes).
public struct JSONWriter {
    /// The JSON written so far.
    public private(set) var out: [UInt8] = []

    /// An empty writer.
    public init() { out.reserveCapacity(4096) }

    /// Appends JSON text as it is (punctuation, literals).
    public mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends a JSON string, with every control character escaped.
    public mutating func string(_ s: String) {
        out.append(0x22)
        var s = s
        // Fast path: most strings need no escaping and go in one copy.
        let clean = s.withUTF8 { buf -> Bool in
            for b in buf where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xE2 { return false }
            out.append(contentsOf: buf)
            return true
        }
        if clean {
            out.append(0x22)
            return
        }
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            switch b {
            case 0xE2 where i + 1 < bytes.count && bytes[i] == 0x80 && (bytes[i + 1] == 0xA8 || bytes[i + 1] == 0xA9):
                // U+2028 and U+2029 are valid in JSON but end a line in JavaScript and in some
                // log viewers: escaped, like the other line breaks.
                raw(bytes[i + 1] == 0xA8 ? "\\u2028" : "\\u2029")
                i += 2
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x00..<0x20, 0x7F:
                raw("\\u00")
                out.append(Self.hex[Int(b >> 4)])
                out.append(Self.hex[Int(b & 0xF)])
            default:
                out.append(b)
            }
        }
        out.append(0x22)
    }

    /// Appends a JSON string, or `null`.
    public mutating func string(_ s: String?) {
        if let s { string(s) } else { raw("null") }
    }

    /// Appends a number.
    public mutating func int(_ i: Int) {
        out.append(contentsOf: String(i).utf8)
    }

    /// Appends a number, or `null`.
    public mutating func int(_ i: Int?) {
        if let i { int(i) } else { raw("null") }
    }

    /// Appends `true` or `false`.
    public mutating func bool(_ b: Bool) {
        if b { raw("true") } else { raw("false") }
    }

    /// `"key":` with a leading comma unless it is the first key of its object.
    public mutating func key(_ k: StaticString, first: Bool = false) {
        if !first { out.append(0x2C) }
        out.append(0x22)
        k.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(0x22)
        out.append(0x3A)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
