/// `%XX` escapes (RFC 3986 §2.1; RFC 2231 extended values use the same form). A `%` not
/// followed by two hex digits stays as it is, as browsers leave it.
public enum PercentDecoding {
    /// `%XX` escapes decoded to bytes.
    public static func decode(_ v: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(v.count)
        var i = v.startIndex
        while i < v.endIndex {
            if v[i] == UInt8(ascii: "%"), i + 2 < v.endIndex, let h = hex(v[i + 1]), let l = hex(v[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(v[i])
                i += 1
            }
        }
        return out
    }

    @inline(__always)
    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x37
        case 0x61...0x66: return c - 0x57
        default: return nil
        }
    }
}
