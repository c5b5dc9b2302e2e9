#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// glibc iconv from a legacy charset to UTF-8. A descriptor carries conversion state and is not
/// thread-safe, so each decode opens its own and closes it when the object dies; glibc caches the
/// loaded tables, which keeps the open cheap.
final class IconvDecoder {
    enum Outcome: Equatable {
        /// The whole input converted; UTF-8 bytes.
        case converted([UInt8])
        /// A byte sequence is invalid for the charset (EILSEQ) at input offset `offset`; `prefix` is
        /// the UTF-8 converted before it.
        case invalid(prefix: [UInt8], offset: Int)
        /// The input ends inside a multi-byte sequence (EINVAL) at offset `offset`.
        case truncated(prefix: [UInt8], offset: Int)
        /// The whole input converted, `errors` unmappable characters replaced with U+FFFD.
        case replaced([UInt8], errors: Int)
    }

    private let descriptor: iconv_t

    /// nil when iconv does not know `charset`.
    init?(from charset: String) {
        let descriptor = iconv_open("UTF-8", charset)
        if Int(bitPattern: descriptor) == -1 { return nil }
        self.descriptor = descriptor!
    }

    deinit { iconv_close(descriptor) }

    /// One-shot conversion; nil when iconv does not know `charset`.
    static func convert(_ input: UnsafeBufferPointer<UInt8>, from charset: String) -> Outcome? {
        guard let decoder = IconvDecoder(from: charset) else { return nil }
        return decoder.convert(input)
    }

    /// Converts `input` as a whole (shift state starts and ends in the initial state).
    func convert(_ input: UnsafeBufferPointer<UInt8>) -> Outcome {
        var output: [UInt8] = []
        guard let failure = convert(input, appendingTo: &output) else { return .converted(output) }
        return failure.truncated
            ? .truncated(prefix: output, offset: failure.offset)
            : .invalid(prefix: output, offset: failure.offset)
    }

    struct Failure {
        /// Input offset of the first byte not converted.
        var offset: Int
        /// The input ended inside a sequence (EINVAL) rather than holding a bad one (EILSEQ).
        var truncated: Bool
    }

    /// Appends the UTF-8 of `input` to `output`; on failure `output` holds what converted before
    /// the offending byte. The descriptor is reset either way, so it can be reused.
    /// `initialCapacity` exists so tests can force the E2BIG path.
    func convert(
        _ input: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8], initialCapacity: Int? = nil
    ) -> Failure? {
        defer { _ = iconv(descriptor, nil, nil, nil, nil) }
        // Legacy charsets need at most 3 UTF-8 bytes per input byte except for a few composed
        // Big5-HKSCS pairs and escapes; E2BIG grows the buffer for the rest.
        var written = output.count
        // Capped, so that decoding with replacement (one call per bad sequence) stays linear.
        output += [UInt8](repeating: 0, count: max(1, initialCapacity ?? min(input.count * 3 + 64, 1 << 16)))
        var consumed = 0
        let total = input.count
        var flushing = total == 0  // nothing to convert; the flush also copes with a nil base address

        while true {
            var inLeft = total - consumed
            var outLeft = output.count - written
            var failure: Int32 = 0
            let result = output.withUnsafeMutableBufferPointer { out -> Int in
                var outPointer: UnsafeMutablePointer<CChar>? =
                    UnsafeMutableRawPointer(out.baseAddress! + written).assumingMemoryBound(to: CChar.self)
                let r: Int
                if flushing {
                    // Null input writes what stateful charsets (ISO-2022-*) still hold back.
                    r = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                } else {
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
                        mutating: input.baseAddress! + consumed
                    ).assumingMemoryBound(to: CChar.self)
                    r = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                }
                if r == -1 { failure = errno }
                return r
            }
            written = output.count - outLeft
            consumed = total - inLeft
            if result != -1 {
                if flushing { break }
                flushing = true
                continue
            }
            if failure == E2BIG {
                output += [UInt8](repeating: 0, count: max(64, output.count))
                continue
            }
            output.removeSubrange(written...)
            return Failure(offset: consumed, truncated: failure == EINVAL && !flushing)
        }
        output.removeSubrange(written...)
        return nil
    }
}
