/// RFC 5322 address lists (§3.4) with the obsolete forms real mail still carries: groups,
/// comments, quoted names, missing angle brackets, RFC 2047 names, stray commas.
public enum AddressParser {
    private enum Piece {
        case word([UInt8])
        case quoted([UInt8])
        case comment([UInt8])
        case angle([UInt8])
    }

    /// Every mailbox in an unfolded header value, group members included, in order. Never fails.
    /// One pass, no recursion: nested comments are counted, not descended into.
    public static func parse(_ raw: ArraySlice<UInt8>) -> [MailAddress] {
        var out: [MailAddress] = []
        var pieces: [Piece] = []
        var word: [UInt8] = []
        var i = raw.startIndex
        let end = raw.endIndex

        func endWord() {
            if !word.isEmpty { pieces.append(.word(word)); word.removeAll() }
        }
        func endMailbox() {
            endWord()
            if let m = mailbox(pieces) { out.append(m) }
            pieces.removeAll()
        }

        while i < end {
            let b = raw[i]
            switch b {
            case 0x22:  // quoted string
                endWord()
                var q: [UInt8] = []
                i += 1
                while i < end, raw[i] != 0x22 {
                    if raw[i] == 0x5C, i + 1 < end { i += 1 }
                    q.append(raw[i])
                    i += 1
                }
                pieces.append(.quoted(q))
            case UInt8(ascii: "("):
                endWord()
                var c: [UInt8] = []
                var depth = 1
                i += 1
                while i < end, depth > 0 {
                    let x = raw[i]
                    if x == 0x5C, i + 1 < end { c.append(raw[i + 1]); i += 2; continue }
                    if x == UInt8(ascii: "(") { depth += 1 } else if x == UInt8(ascii: ")") { depth -= 1; if depth == 0 { break } }
                    c.append(x)
                    i += 1
                }
                pieces.append(.comment(c))
            case UInt8(ascii: "<"):
                endWord()
                var a: [UInt8] = []
                i += 1
                while i < end, raw[i] != UInt8(ascii: ">") {
                    // A missing '>' : stop at the next mailbox separator.
                    if raw[i] == UInt8(ascii: ",") || raw[i] == UInt8(ascii: "<") { i -= 1; break }
                    a.append(raw[i])
                    i += 1
                }
                pieces.append(.angle(a))
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                endMailbox()
            case UInt8(ascii: ":"):
                // A group's display name ends here, unless we are inside a bare address.
                endWord()
                if !pieces.contains(where: { if case .angle = $0 { return true }; return false }) {
                    pieces.removeAll()
                } else {
                    word.append(b)
                }
            case 0x20, 0x09, 0x0D, 0x0A:
                endWord()
            default:
                word.append(b)
            }
            i += 1
        }
        endMailbox()
        return out
    }

    private static func mailbox(_ pieces: [Piece]) -> MailAddress? {
        var nameParts: [[UInt8]] = []
        var comments: [[UInt8]] = []
        var address: [UInt8]? = nil
        var bare: [UInt8] = []
        for p in pieces {
            switch p {
            case .angle(let a):
                if address == nil { address = a }
            case .word(let w):
                if address == nil { nameParts.append(w) }
                bare.append(contentsOf: w)
            case .quoted(let q):
                if address == nil { nameParts.append(q) }
                bare.append(0x22); bare.append(contentsOf: q); bare.append(0x22)
            case .comment(let c):
                comments.append(c)
            }
        }
        var addr: [UInt8]
        var name: String?
        if var a = address {
            // Obsolete route "@a,@b:user@host".
            if a.first == UInt8(ascii: "@"), let colon = a.firstIndex(of: UInt8(ascii: ":")) { a = Array(a[(colon + 1)...]) }
            addr = a.filter { $0 != 0x20 && $0 != 0x09 }
            name = decodeName(joined(nameParts))
            if name == nil { name = decodeName(joined(comments)) }
        } else {
            guard bare.contains(UInt8(ascii: "@")) else { return nil }
            addr = bare
            name = decodeName(joined(comments))
        }
        // Quotes around a whole local part ("a.b"@x) are kept as written; an address made only of
        // quotes is not an address.
        if addr.isEmpty { return nil }
        if name == nil && address == nil { name = nil }
        return MailAddress(name: name, address: String(decoding: addr, as: UTF8.self))
    }

    private static func joined(_ parts: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        for (k, p) in parts.enumerated() {
            if k > 0 { out.append(0x20) }
            out.append(contentsOf: p)
        }
        return out
    }

    /// RFC 2047 words decoded (also inside quotes, as some clients write them), whitespace
    /// collapsed; nil when empty.
    private static func decodeName(_ bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty else { return nil }
        let text = EncodedWordDecoder.decode(bytes[...]).text
        let collapsed = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }
}
