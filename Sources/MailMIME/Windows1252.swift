/// windows-1252 as WHATWG defines it: what `iso-8859-1` and `us-ascii` mean in real mail, and the
/// last-resort reading of bytes that are nothing else. Every byte maps to a character, so this
/// decode cannot fail; it is done in Swift because it runs on the hot path of every latin1 part.
enum Windows1252 {
    /// Code points for 0x80–0x9F; the rest of the range is Latin-1. The five unassigned bytes keep
    /// their C1 control code points, as in WHATWG.
    private static let high: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var nonASCII = 0
        for b in bytes where b >= 0x80 { nonASCII += 1 }
        if nonASCII == 0 { return String(decoding: bytes, as: UTF8.self) }
        // 0x80–0xFF take 2 UTF-8 bytes (3 for the punctuation in 0x80–0x9F).
        let capacity = bytes.count + nonASCII * 2
        let utf8 = [UInt8](unsafeUninitializedCapacity: capacity) { out, written in
            var o = 0
            high.withUnsafeBufferPointer { table in
                for b in bytes {
                    if b < 0x80 {
                        out[o] = b
                        o += 1
                        continue
                    }
                    let scalar = b < 0xA0 ? UInt32(table[Int(b - 0x80)]) : UInt32(b)
                    if scalar < 0x800 {
                        out[o] = UInt8(0xC0 | scalar >> 6)
                        out[o + 1] = UInt8(0x80 | scalar & 0x3F)
                        o += 2
                    } else {
                        out[o] = UInt8(0xE0 | scalar >> 12)
                        out[o + 1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
                        out[o + 2] = UInt8(0x80 | scalar & 0x3F)
                        o += 3
                    }
                }
            }
            written = o
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
