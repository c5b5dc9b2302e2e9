/// Quoted-printable (RFC 2045 §6.7) as real mail writes it.
public enum QuotedPrintableDecoder {
    /// Decodes body text: soft breaks `=\r\n` / `=\n` (also with whitespace before the break), trailing
    /// whitespace on lines dropped, lowercase hex accepted, a stray `=` kept literally.
    public static func decode(_ input: ArraySlice<UInt8>) -> [UInt8] {
        // Decoding never lengthens: `=XX` shrinks, everything else is copied or dropped.
        [UInt8](unsafeUninitializedCapacity: input.count) { out, written in
            written = input.withUnsafeBufferPointer { src in
                decodeBody(src, into: out)
            }
        }
    }

    /// The `Q` encoding of RFC 2047 encoded words: `_` is a space, no soft breaks.
    public static func decodeEncodedWord(_ input: ArraySlice<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: input.count) { out, written in
            written = input.withUnsafeBufferPointer { src in
                decodeQ(src, into: out)
            }
        }
    }

    /// Hex digit values, 0xFF for anything else; both cases because many encoders write lowercase.
    private static let hex: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in "0123456789ABCDEF".utf8.enumerated() { t[Int(byte)] = UInt8(value) }
        for (value, byte) in "abcdef".utf8.enumerated() { t[Int(byte)] = UInt8(value + 10) }
        return t
    }()

    private static let equals = UInt8(ascii: "=")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    private static func decodeBody(_ src: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard let s = src.baseAddress, let d = out.baseAddress else { return 0 }
        return hex.withUnsafeBufferPointer { hexBuffer -> Int in
            let h = hexBuffer.baseAddress!
            let n = src.count
            var i = 0
            var o = 0
            // Output length up to the last byte of this line that trailing-whitespace stripping must
            // keep: literal spaces and tabs after it are dropped when the line ends.
            var keep = 0
            while i < n {
                let b = s[i]
                if b == equals {
                    if i + 2 < n {
                        let hi = h[Int(s[i + 1])], lo = h[Int(s[i + 2])]
                        if hi < 16, lo < 16 {
                            d[o] = hi << 4 | lo
                            o += 1
                            keep = o
                            i += 3
                            continue
                        }
                    }
                    // Not `=XX`: a soft break if only spaces/tabs stand between it and the line end.
                    var j = i + 1
                    while j < n, s[j] == space || s[j] == tab { j += 1 }
                    if j == n {
                        // `=` (and whitespace) at the very end: an unfinished soft break.
                        keep = o
                        i = n
                        continue
                    }
                    if s[j] == lf {
                        i = j + 1
                        keep = o
                        continue
                    }
                    if s[j] == cr, j + 1 < n, s[j + 1] == lf {
                        i = j + 2
                        keep = o
                        continue
                    }
                    d[o] = equals
                    o += 1
                    keep = o
                    i += 1
                    continue
                }
                if b == lf {
                    o = keep
                    d[o] = lf
                    o += 1
                    keep = o
                    i += 1
                    continue
                }
                if b == cr, i + 1 < n, s[i + 1] == lf {
                    o = keep
                    d[o] = cr
                    d[o + 1] = lf
                    o += 2
                    keep = o
                    i += 2
                    continue
                }
                d[o] = b
                o += 1
                if b != space && b != tab { keep = o }
                i += 1
            }
            return keep
        }
    }

    private static func decodeQ(_ src: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard let s = src.baseAddress, let d = out.baseAddress else { return 0 }
        return hex.withUnsafeBufferPointer { hexBuffer -> Int in
            let h = hexBuffer.baseAddress!
            let n = src.count
            var i = 0
            var o = 0
            while i < n {
                let b = s[i]
                if b == equals, i + 2 < n {
                    let hi = h[Int(s[i + 1])], lo = h[Int(s[i + 2])]
                    if hi < 16, lo < 16 {
                        d[o] = hi << 4 | lo
                        o += 1
                        i += 3
                        continue
                    }
                }
                d[o] = b == UInt8(ascii: "_") ? space : b
                o += 1
                i += 1
            }
            return o
        }
    }
}
