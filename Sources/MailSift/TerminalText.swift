/// Message-supplied strings shown on a terminal: control characters (which could move the
/// cursor, retitle the window or hide text) and bidirectional overrides (which reorder what the
/// reader sees) are replaced by visible placeholders.
public enum TerminalText {
    /// `s` with control characters and bidirectional overrides replaced by visible placeholders.
    public static func sanitize(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0x09: out.append(" ")
            case 0x00..<0x20, 0x7F, 0x80..<0xA0: out.append("\u{FFFD}")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: out.append("\u{FFFD}")
            default: out.append(u)
            }
        }
        return String(out)
    }
}
