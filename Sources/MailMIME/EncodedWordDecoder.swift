/// RFC 2047 encoded words in unstructured header text (subjects, display names).
public enum EncodedWordDecoder {
    /// Decodes an unfolded header value. Adjacent encoded words separated only by whitespace are
    /// joined (and split multi-byte characters rejoined); raw 8-bit bytes are read as UTF-8, else
    /// windows-1252. Unknown charsets give a warning and a best-effort decode.
    ///
    /// Tolerated beyond RFC 2047, because real senders do it: encoded words glued to the text
    /// around them (`Re:=?utf-8?q?x?=`), spaces inside Q text, base64 split mid-quantum across
    /// words, missing base64 padding, and a language suffix (`utf-8*en`, RFC 2231). Anything that
    /// does not parse as an encoded word stays as literal text.
    public static func decode(_ raw: ArraySlice<UInt8>) -> (text: String, warnings: [MailWarning]) {
        let segments = split(raw)
        if segments.count == 1, case .literal(let range) = segments[0] {
            return (decodeLiteral(raw[range]), [])
        }

        var text = ""
        var warnings: [MailWarning] = []
        var index = 0
        while index < segments.count {
            switch segments[index] {
            case .literal(let range):
                text += decodeLiteral(raw[range])
                index += 1
            case .word(let first):
                // A run: words in one charset with nothing but whitespace between them. Their bytes
                // are joined before the charset decode so a character split across words survives.
                var run = [first]
                var next = index + 1
                while next < segments.count {
                    if case .word(let word) = segments[next], word.charset == first.charset {
                        run.append(word)
                        next += 1
                    } else if next + 1 < segments.count, case .literal(let gap) = segments[next],
                        isWhitespace(raw[gap]), case .word(let word) = segments[next + 1],
                        word.charset == first.charset
                    {
                        run.append(word)
                        next += 2
                    } else {
                        break
                    }
                }
                let (bytes, damaged) = decodeRun(run, in: raw)
                if damaged {
                    warnings.append(MailWarning(
                        "bad-encoded-word", "an encoded word in charset '\(first.label)' has damaged base64"))
                }
                let decoded = CharsetDecoder.decode(bytes[...], label: first.label)
                text += decoded.text
                if let warning = decoded.warning { warnings.append(warning) }
                index = next
                // Whitespace between this run and a following word of another charset also goes.
                if index + 1 < segments.count, case .literal(let gap) = segments[index], isWhitespace(raw[gap]),
                    case .word = segments[index + 1]
                {
                    index += 1
                }
            }
        }
        return (text, deduplicated(warnings))
    }

    struct Word {
        /// Charset label with any RFC 2231 language suffix removed, as written.
        var label: String
        /// What the label means, so that `UTF-8` and `utf8` words still join.
        var charset: CharsetKey
        var isBase64: Bool
        var text: Range<Int>
    }

    enum CharsetKey: Equatable {
        case known(CharsetLabel)
        case unknown(String)
    }

    enum Segment {
        case literal(Range<Int>)
        case word(Word)
    }

    /// Cuts the value into literal text and encoded words. Literal ranges are maximal: a `=?` that
    /// does not start a valid word stays inside the literal around it.
    static func split(_ raw: ArraySlice<UInt8>) -> [Segment] {
        var segments: [Segment] = []
        var literalStart = raw.startIndex
        var i = raw.startIndex
        while i + 1 < raw.endIndex {
            guard raw[i] == UInt8(ascii: "="), raw[i + 1] == UInt8(ascii: "?"),
                let (word, end) = parseWord(raw, at: i)
            else {
                i += 1
                continue
            }
            if literalStart < i { segments.append(.literal(literalStart..<i)) }
            segments.append(.word(word))
            i = end
            literalStart = end
        }
        if literalStart < raw.endIndex || segments.isEmpty {
            segments.append(.literal(literalStart..<raw.endIndex))
        }
        return segments
    }

    /// Parses `=?charset?e?text?=` starting at `start`; returns the word and the index after it.
    private static func parseWord(_ raw: ArraySlice<UInt8>, at start: Int) -> (Word, Int)? {
        let question = UInt8(ascii: "?")
        var i = start + 2
        let charsetStart = i
        while i < raw.endIndex, raw[i] != question {
            // A charset is a short token; whitespace or a quote means this `=?` is just text.
            let b = raw[i]
            if b <= 0x20 || b >= 0x7F || b == UInt8(ascii: "\"") || b == UInt8(ascii: "=") { return nil }
            i += 1
            if i - charsetStart > 64 { return nil }
        }
        guard i < raw.endIndex, i > charsetStart else { return nil }
        let charsetEnd = i
        // `?e?`
        guard i + 2 < raw.endIndex, raw[i + 2] == question else { return nil }
        let isBase64: Bool
        switch raw[i + 1] {
        case UInt8(ascii: "B"), UInt8(ascii: "b"): isBase64 = true
        case UInt8(ascii: "Q"), UInt8(ascii: "q"): isBase64 = false
        default: return nil
        }
        let textStart = i + 3
        // The text runs to the first `?`, which must open the closing `?=`. Q text may not hold a
        // `?`, so this is unambiguous even when a broken sender left spaces in it.
        var j = textStart
        while j < raw.endIndex, raw[j] != question { j += 1 }
        guard j + 1 < raw.endIndex, raw[j + 1] == UInt8(ascii: "=") else { return nil }

        var labelBytes = raw[charsetStart..<charsetEnd]
        if let star = labelBytes.firstIndex(of: UInt8(ascii: "*")) { labelBytes = labelBytes[..<star] }
        guard !labelBytes.isEmpty else { return nil }
        let label = String(decoding: labelBytes, as: UTF8.self)
        let normalized = CharsetLabel.normalize(label)
        let key: CharsetKey = CharsetLabel.resolve(normalized: normalized).map { .known($0) } ?? .unknown(normalized)
        return (Word(label: label, charset: key, isBase64: isBase64, text: textStart..<j), j + 2)
    }

    /// Bytes of a run of same-charset words. Consecutive B texts are decoded as one base64 stream:
    /// padding still ends each word's last quantum, and a sender that split the base64 mid-quantum
    /// is repaired for free.
    private static func decodeRun(_ run: [Word], in raw: ArraySlice<UInt8>) -> (bytes: [UInt8], damaged: Bool) {
        var bytes: [UInt8] = []
        var damaged = false
        var base64: [UInt8] = []
        func flushBase64() {
            guard !base64.isEmpty else { return }
            // Missing final padding is common and harmless; only junk or a lone sextet is damage.
            var sextets = 0
            for b in base64 {
                if b == UInt8(ascii: "=") { sextets = 0 } else if !isBase64Whitespace(b) { sextets += 1 }
            }
            if sextets % 4 == 2 || sextets % 4 == 3 {
                base64.append(contentsOf: repeatElement(UInt8(ascii: "="), count: 4 - sextets % 4))
            }
            let decoded = Base64Decoder.decode(base64[...])
            bytes += decoded.bytes
            damaged = damaged || decoded.damaged
            base64.removeAll()
        }
        for word in run {
            if word.isBase64 {
                base64 += raw[word.text]
            } else {
                flushBase64()
                bytes += QuotedPrintableDecoder.decodeEncodedWord(raw[word.text])
            }
        }
        flushBase64()
        return (bytes, damaged)
    }

    /// Header bytes outside encoded words: UTF-8 when valid (RFC 6532 allows it), else windows-1252.
    private static func decodeLiteral(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { CharsetDecoder.guess($0) }
    }

    private static func isWhitespace(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy(isBase64Whitespace)
    }

    private static func isBase64Whitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A
    }

    private static func deduplicated(_ warnings: [MailWarning]) -> [MailWarning] {
        var seen = Set<MailWarning>()
        return warnings.filter { seen.insert($0).inserted }
    }
}
