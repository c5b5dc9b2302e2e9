/// Re-indents compact JSON (ours: no insignificant whitespace) two spaces a level, the way
/// `jq .` prints it, so that `--format json` and golden files read well in a diff.
public enum JSONPretty {
    /// `compact` (as `JSONWriter` writes it) indented two spaces a level, starting at `start`.
    public static func indent(_ compact: [UInt8], level start: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(compact.count * 2)
        var level = start
        var inString = false
        var escaped = false
        var i = 0
        func newline() {
            out.append(0x0A)
            for _ in 0..<(level * 2) { out.append(0x20) }
        }
        while i < compact.count {
            let b = compact[i]
            if inString {
                out.append(b)
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                i += 1
                continue
            }
            switch b {
            case 0x22:
                inString = true
                out.append(b)
            case 0x7B, 0x5B:  // { [
                let close: UInt8 = b == 0x7B ? 0x7D : 0x5D
                if i + 1 < compact.count, compact[i + 1] == close {
                    out.append(b); out.append(close)
                    i += 2
                    continue
                }
                out.append(b)
                level += 1
                newline()
            case 0x7D, 0x5D:
                level -= 1
                newline()
                out.append(b)
            case 0x2C:
                out.append(b)
                newline()
            case 0x3A:
                out.append(b)
                out.append(0x20)
            default:
                out.append(b)
            }
            i += 1
        }
        return out
    }
}
