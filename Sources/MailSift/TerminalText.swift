/// Message-supplied strings shown on a terminal: control characters (which could move the
/// cursor, retitle the window or hide text) and bidirectional overrides (which reorder what the
/// reader sees) are replaced by visible placeholders.
///
/// A whole escape sequence — CSI (`ESC [` or U+009B … final byte), OSC/DCS/SOS/PM/APC strings
/// (`ESC ]`, `ESC P`, … up to BEL or ST) and two-byte `ESC x` — becomes one U+FFFD, so neither
/// the sequence nor its parameters (a window title, a hyperlink target) reach the terminal.
/// Other C0 controls (a tab is a space), DEL and C1 (U+0080–U+009F) become U+FFFD; so do the
/// bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the invisible marks
/// LRM, RLM and ALM (U+200E, U+200F, U+061C: they reorder neutral characters around them), and
/// the line and paragraph separators (U+2028, U+2029), which some terminals and log viewers
/// break lines on. Invalid UTF-8 never reaches here: it was U+FFFD since decoding. Linear.
public enum TerminalText {
    /// `s` with control characters and bidirectional overrides replaced by visible placeholders.
    public static func sanitize(_ s: String) -> String {
        // Nearly every string is clean: hand it back without copying its scalars.
        if isSafe(s) { return s }
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        let n = scalars.count
        while i < n {
            let u = scalars[i]
            switch u.value {
            case 0x1B:
                out.append("\u{FFFD}")
                i = endOfEscape(scalars, from: i)
                continue
            case 0x9B:
                out.append("\u{FFFD}")
                i = endOfControlSequence(scalars, from: i + 1)
                continue
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                out.append("\u{FFFD}")
                i = endOfControlString(scalars, from: i + 1)
                continue
            case 0x09: out.append(" ")
            default: out.append(isUnsafe(u.value) ? "\u{FFFD}" : u)
            }
            i += 1
        }
        return String(out)
    }

    /// Whether `s` would come out of `sanitize` unchanged (for tests and invariants).
    public static func isSafe(_ s: String) -> Bool {
        !s.unicodeScalars.contains { isUnsafe($0.value) }
    }

    /// C0 (tab included), DEL, C1, bidi controls and marks, line and paragraph separators: the
    /// one list both `sanitize` and `isSafe` go by.
    @inline(__always)
    static func isUnsafe(_ v: UInt32) -> Bool {
        switch v {
        case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `i` holds ESC: the index after the sequence it starts (ECMA-48 §5.3).
    static func endOfEscape(_ s: [Unicode.Scalar], from i: Int) -> Int {
        var j = i + 1
        guard j < s.count else { return j }
        switch s[j] {
        case "[": return endOfControlSequence(s, from: j + 1)
        case "]", "P", "X", "^", "_": return endOfControlString(s, from: j + 1)
        default:
            // Intermediate bytes, then one final byte.
            while j < s.count, (0x20...0x2F).contains(s[j].value) { j += 1 }
            if j < s.count, (0x30...0x7E).contains(s[j].value) { j += 1 }
            return j
        }
    }

    /// After a CSI: parameter and intermediate bytes, then the final byte; stops early at any
    /// other character (a broken sequence must not swallow the text after it).
    static func endOfControlSequence(_ s: [Unicode.Scalar], from i: Int) -> Int {
        var j = i
        while j < s.count, (0x20...0x3F).contains(s[j].value) { j += 1 }
        if j < s.count, (0x40...0x7E).contains(s[j].value) { j += 1 }
        return j
    }

    /// After OSC, DCS, SOS, PM or APC: everything up to and including BEL, ST (`ESC \` or
    /// U+009C), or the end of the string.
    static func endOfControlString(_ s: [Unicode.Scalar], from i: Int) -> Int {
        var j = i
        while j < s.count {
            switch s[j].value {
            case 0x07, 0x9C: return j + 1
            case 0x1B: return j + 1 < s.count && s[j + 1] == "\\" ? j + 2 : j + 1
            default: j += 1
            }
        }
        return j
    }
}
