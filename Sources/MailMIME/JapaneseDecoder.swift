/// EUC-JP and ISO-2022-JP decoded as WHATWG does, by re-encoding their JIS X 0208 pairs as
/// Shift_JIS and letting glibc's CP932 decode them.
///
/// glibc's own EUC-JP and ISO-2022-JP converters know only plain JIS X 0208, so they reject the NEC
/// row-13 symbols (①, Ⅰ, ㈱) and IBM kanji that Windows users put in nearly every Japanese mail, and
/// map six symbols (～ ∥ － ￠ ￡ ￢) differently from browsers. WHATWG decodes all three encodings
/// through one index (jis0208) that glibc's CP932 reproduces exactly, so the pointer arithmetic
/// below gives the browser result for every pair. JIS X 0212 (EUC-JP `0x8F` triples) is left to
/// glibc's EUC-JP, which agrees with WHATWG there.
enum JapaneseDecoder {
    static func decodeEUCJP(_ bytes: UnsafeBufferPointer<UInt8>) -> IconvDecoder.Outcome? {
        guard var builder = Builder() else { return nil }
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                builder.appendShiftJIS(b)
                i += 1
                continue
            }
            // Every non-ASCII form is at least two bytes; input ending inside one is U+FFFD.
            guard i + 1 < n else { builder.replace(); break }
            let second = bytes[i + 1]
            // WHATWG: a bad sequence is one U+FFFD; an ASCII byte in it is read again.
            let skip = second < 0x80 ? 1 : 2
            switch b {
            case 0x8E:
                // Half-width katakana, the same byte values in Shift_JIS.
                guard (0xA1...0xDF).contains(second) else { builder.replace(); i += skip; continue }
                builder.appendShiftJIS(second)
                i += 2
            case 0x8F:
                guard i + 2 < n else { builder.replace(); i = n; continue }
                let third = bytes[i + 2]
                guard (0xA1...0xFE).contains(second), (0xA1...0xFE).contains(third) else {
                    builder.replace()
                    i += skip
                    continue
                }
                builder.appendJIS0212(b, second, third)
                i += 3
            case 0xA1...0xFE:
                guard (0xA1...0xFE).contains(second) else { builder.replace(); i += skip; continue }
                builder.appendJIS0208(pointer: (Int(b) - 0xA1) * 94 + Int(second) - 0xA1)
                i += 2
            default:
                builder.replace()
                i += 1
            }
            if builder.failed { return builder.invalid(at: i) }
        }
        return builder.finish(inputCount: n)
    }

    static func decodeISO2022JP(_ bytes: UnsafeBufferPointer<UInt8>) -> IconvDecoder.Outcome? {
        guard var builder = Builder() else { return nil }
        enum State { case ascii, roman, katakana, twoByte }
        var state = State.ascii
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            // WHATWG: each error is one U+FFFD, the state kept, the offending byte consumed and
            // what follows read again.
            if b == 0x1B {
                guard i + 2 < n else { builder.replace(); i += 1; continue }
                switch (bytes[i + 1], bytes[i + 2]) {
                case (0x28, 0x42): state = .ascii
                case (0x28, 0x4A): state = .roman
                case (0x28, 0x49): state = .katakana
                case (0x24, 0x40), (0x24, 0x42): state = .twoByte
                default: builder.replace(); i += 1; continue
                }
                i += 3
                continue
            }
            if b >= 0x80 || b == 0x0E || b == 0x0F { builder.replace(); i += 1; continue }
            switch state {
            case .ascii:
                builder.appendShiftJIS(b)
                i += 1
            case .roman:
                // JIS X 0201 Roman differs from ASCII in two places only.
                if b == 0x5C {
                    builder.appendScalar(0xA5)
                } else if b == 0x7E {
                    builder.appendScalar(0x203E)
                } else {
                    builder.appendShiftJIS(b)
                }
                i += 1
            case .katakana:
                guard (0x21...0x5F).contains(b) else { builder.replace(); i += 1; continue }
                builder.appendShiftJIS(b + 0x80)
                i += 1
            case .twoByte:
                if b == 0x0A || b == 0x0D {
                    // RFC 1468 wants a switch back to ASCII before each line end; broken senders
                    // omit it, and a line end is never half of a JIS pair.
                    builder.appendShiftJIS(b)
                    state = .ascii
                    i += 1
                    continue
                }
                guard (0x21...0x7E).contains(b) else { builder.replace(); i += 1; continue }
                guard i + 1 < n else { builder.replace(); i = n; continue }
                let trail = bytes[i + 1]
                guard (0x21...0x7E).contains(trail) else { builder.replace(); i += 1; continue }
                builder.appendJIS0208(pointer: (Int(b) - 0x21) * 94 + Int(trail) - 0x21)
                i += 2
            }
            if builder.failed { return builder.invalid(at: i) }
        }
        return builder.finish(inputCount: n)
    }

    /// Collects runs of bytes for one converter and converts each run when the kind changes, so a
    /// message costs one iconv call per run rather than per character.
    private struct Builder {
        private enum Kind { case shiftJIS, eucJP }
        private let cp932: IconvDecoder
        private var eucJP: IconvDecoder?
        private var output: [UInt8] = []
        private var run: [UInt8] = []
        private var kind = Kind.shiftJIS
        private(set) var failed = false
        private(set) var errors = 0

        init?() {
            guard let cp932 = IconvDecoder(from: "CP932") else { return nil }
            self.cp932 = cp932
        }

        mutating func appendShiftJIS(_ byte: UInt8) {
            switchKind(to: .shiftJIS)
            run.append(byte)
        }

        mutating func appendJIS0208(pointer: Int) {
            switchKind(to: .shiftJIS)
            let lead = pointer / 188, trail = pointer % 188
            run.append(UInt8(lead < 0x1F ? lead + 0x81 : lead + 0xC1))
            run.append(UInt8(trail < 0x3F ? trail + 0x40 : trail + 0x41))
        }

        mutating func appendJIS0212(_ a: UInt8, _ b: UInt8, _ c: UInt8) {
            switchKind(to: .eucJP)
            run.append(a)
            run.append(b)
            run.append(c)
        }

        /// One U+FFFD for a bad sequence.
        mutating func replace() {
            flush()
            output += [0xEF, 0xBF, 0xBD]
            errors += 1
        }

        mutating func appendScalar(_ value: UInt32) {
            flush()
            output.append(contentsOf: String(Unicode.Scalar(value)!).utf8)
        }

        mutating func truncated(at offset: Int) -> IconvDecoder.Outcome {
            flush()
            return failed ? .invalid(prefix: output, offset: offset) : .truncated(prefix: output, offset: offset)
        }

        mutating func invalid(at offset: Int) -> IconvDecoder.Outcome {
            flush()
            return .invalid(prefix: output, offset: offset)
        }

        mutating func finish(inputCount: Int) -> IconvDecoder.Outcome {
            flush()
            if failed { return .invalid(prefix: output, offset: inputCount) }
            return errors > 0 ? .replaced(output, errors: errors) : .converted(output)
        }

        private mutating func switchKind(to newKind: Kind) {
            if kind != newKind {
                flush()
                kind = newKind
            }
        }

        private mutating func flush() {
            guard !run.isEmpty, !failed else {
                run.removeAll(keepingCapacity: true)
                return
            }
            let decoder: IconvDecoder
            switch kind {
            case .shiftJIS:
                decoder = cp932
            case .eucJP:
                if eucJP == nil { eucJP = IconvDecoder(from: "EUC-JP") }
                guard let d = eucJP else {
                    failed = true
                    run.removeAll(keepingCapacity: true)
                    return
                }
                decoder = d
            }
            // A pair with no character (an unassigned JIS code) is one U+FFFD, as in WHATWG; the
            // rest of the run still converts.
            var start = 0
            while start < run.count {
                let failure = run.withUnsafeBufferPointer {
                    decoder.convert(UnsafeBufferPointer(rebasing: $0[start...]), appendingTo: &output)
                }
                guard let failure else { break }
                output += [0xEF, 0xBF, 0xBD]
                errors += 1
                let bad = start + failure.offset
                guard bad < run.count else { break }
                let b = run[bad]
                let width: Int
                switch kind {
                case .eucJP: width = 3
                case .shiftJIS: width = (b < 0x80 || (0xA1...0xDF).contains(b)) ? 1 : 2
                }
                start = bad + width
            }
            run.removeAll(keepingCapacity: true)
        }
    }
}
