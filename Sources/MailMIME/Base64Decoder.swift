/// Base64 content-transfer-encoding (RFC 2045 §6.8), tolerant the way mail readers must be.
public enum Base64Decoder {
    /// Decodes `input`, skipping whitespace and bytes outside the alphabet. `damaged` is true
    /// when junk was skipped or the data ended mid-quantum (the whole bytes are still returned).
    public static func decode(_ input: ArraySlice<UInt8>) -> (bytes: [UInt8], damaged: Bool) {
        let r = decode(input, limit: Int.max)
        return (r.bytes, r.damaged)
    }

    /// At most `limit` bytes: decoding stops there, so a 200 MB part costs `limit` bytes of
    /// memory, not 150 MB. `truncated` says whether alphabet characters were left undecoded.
    public static func decode(_ input: ArraySlice<UInt8>, limit: Int) -> (bytes: [UInt8], damaged: Bool, truncated: Bool) {
        var damaged = false
        var truncated = false
        let limit = max(0, limit)
        // Every 4 alphabet characters give 3 bytes; whitespace and junk only make the output smaller.
        // A quantum may run up to 2 bytes past the limit before the check; they are cut below.
        let capacity = min(input.count / 4 * 3, limit) + 3
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { out, written in
            written = 0
            input.withUnsafeBufferPointer { src in
                (damaged, truncated) = decode(src, into: out, written: &written, limit: limit)
            }
        }
        if bytes.count > limit { bytes.removeSubrange(limit...); truncated = true }
        return (bytes, damaged, truncated)
    }

    /// Sextet values; the marks above 63 sort the non-alphabet bytes so the hot loop needs one
    /// table load per byte.
    private static let whitespace: UInt8 = 0x40
    private static let padding: UInt8 = 0x41
    private static let junk: UInt8 = 0xFF

    private static let table: [UInt8] = {
        var t = [UInt8](repeating: junk, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (value, byte) in alphabet.enumerated() { t[Int(byte)] = UInt8(value) }
        for byte in [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")] {
            t[Int(byte)] = whitespace
        }
        t[Int(UInt8(ascii: "="))] = padding
        return t
    }()

    /// Returns whether the input was damaged. `out` must hold `src.count / 4 * 3 + 3` bytes.
    private static func decode(
        _ src: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, written: inout Int, limit: Int
    ) -> (damaged: Bool, truncated: Bool) {
        guard let base = src.baseAddress, let dst = out.baseAddress else { return (false, false) }
        return table.withUnsafeBufferPointer { tableBuffer -> (damaged: Bool, truncated: Bool) in
            let t = tableBuffer.baseAddress!
            let count = src.count
            var i = 0
            var o = 0
            var damaged = false
            var accumulator: UInt32 = 0
            var pending = 0  // sextets held in `accumulator`

            while i < count, o < limit {
                // Fast path: whole quanta of clean alphabet, which is nearly all of a real body.
                if pending == 0 {
                    while i + 4 <= count, o < limit {
                        let a = t[Int(base[i])], b = t[Int(base[i + 1])]
                        let c = t[Int(base[i + 2])], d = t[Int(base[i + 3])]
                        if (a | b | c | d) & 0xC0 != 0 { break }
                        let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                        dst[o] = UInt8(truncatingIfNeeded: v >> 16)
                        dst[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                        dst[o + 2] = UInt8(truncatingIfNeeded: v)
                        o += 3
                        i += 4
                    }
                    if i >= count || o >= limit { break }
                }
                let v = t[Int(base[i])]
                i += 1
                if v < 64 {
                    accumulator = accumulator << 6 | UInt32(v)
                    pending += 1
                    if pending == 4 {
                        dst[o] = UInt8(truncatingIfNeeded: accumulator >> 16)
                        dst[o + 1] = UInt8(truncatingIfNeeded: accumulator >> 8)
                        dst[o + 2] = UInt8(truncatingIfNeeded: accumulator)
                        o += 3
                        pending = 0
                        accumulator = 0
                    }
                } else if v == whitespace {
                    continue
                } else if v == padding {
                    // Padding closes the quantum; what follows may be another concatenated block.
                    if pending == 1 { damaged = true }
                    o += flush(accumulator, pending, dst + o)
                    pending = 0
                    accumulator = 0
                } else {
                    damaged = true
                }
            }
            // Stopped at the limit: anything of the alphabet left means bytes were not decoded.
            var truncated = false
            if o >= limit {
                while i < count { if t[Int(base[i])] < 64 { truncated = true; break }; i += 1 }
                if truncated { pending = 0 }
            }
            if pending != 0 {
                damaged = true
                o += flush(accumulator, pending, dst + o)
            }
            written = o
            return (damaged, truncated)
        }
    }

    /// Writes the whole bytes held by a partial quantum (2 sextets → 1 byte, 3 → 2, 1 → none).
    @inline(__always)
    private static func flush(_ accumulator: UInt32, _ pending: Int, _ dst: UnsafeMutablePointer<UInt8>) -> Int {
        switch pending {
        case 2:
            dst[0] = UInt8(truncatingIfNeeded: accumulator >> 4)
            return 1
        case 3:
            dst[0] = UInt8(truncatingIfNeeded: accumulator >> 10)
            dst[1] = UInt8(truncatingIfNeeded: accumulator >> 2)
            return 2
        default:
            return 0
        }
    }
}
