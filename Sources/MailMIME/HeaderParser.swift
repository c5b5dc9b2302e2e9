/// Splits a header block from its body (RFC 5322 §2.2): unfolds continuation lines, accepts CRLF
/// and bare LF, skips an mbox `From ` envelope line, and tolerates lines that are not fields.
enum HeaderParser {
    struct Result {
        var headers: HeaderBlock
        /// Index in the input where the body starts (after the blank line), or the end.
        var bodyStart: Int
        var warnings: [MailWarning]
    }

    /// More malformed lines in a row than this, with no field among them, means the header block
    /// has ended without the blank line and the body began: some mailers omit it.
    static let malformedRunLimit = 3

    static func parse(_ bytes: ArraySlice<UInt8>, limits: MIMELimits = MIMELimits()) -> Result {
        var fields: [HeaderField] = []
        var warnings: [MailWarning] = []
        var pos = bytes.startIndex
        let end = bytes.endIndex

        // The mbox envelope line, if a single-message file carries one.
        if bytes.count >= 5, bytes[pos] == UInt8(ascii: "F"),
           bytes[pos..<pos + 5].elementsEqual("From ".utf8) {
            pos = lineEnd(bytes, from: pos).next
        }

        var current: (name: String, value: [UInt8])? = nil
        var malformedRun = 0
        var firstMalformed: Int? = nil
        var bodyStart = end
        var sawBlank = false
        var dropped = 0
        var skipped = 0
        var cutLines = 0

        func flush() {
            guard let c = current else { return }
            if fields.count < limits.maxHeaderFields {
                var v = c.value[...]
                while let last = v.last, last == 0x20 || last == 0x09 { v = v.dropLast() }
                fields.append(HeaderField(name: c.name, value: v))
            } else {
                dropped += 1
            }
            current = nil
        }

        while pos < end {
            let (contentEnd, next) = lineEnd(bytes, from: pos)
            let line = bytes[pos..<contentEnd]
            if line.isEmpty {
                sawBlank = true
                bodyStart = next
                break
            }
            if pos - bytes.startIndex > limits.maxHeaderBytes {
                warnings.append(MailWarning("header-too-large",
                    "the header block is larger than \(limits.maxHeaderBytes) bytes; the rest was read as body"))
                bodyStart = pos
                sawBlank = true
                break
            }
            let first = line.first!
            if first == 0x20 || first == 0x09 {
                // Continuation: the line break goes, the whitespace stays (RFC 5322 §2.2.3).
                if current != nil {
                    if current!.value.count < limits.maxHeaderLineBytes {
                        current!.value.append(contentsOf: line.prefix(limits.maxHeaderLineBytes - current!.value.count))
                        if current!.value.count >= limits.maxHeaderLineBytes { cutLines += 1 }
                    }
                } else if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    // A whitespace-only line before any field: read it as the blank line.
                    sawBlank = true
                    bodyStart = next
                    break
                }
                pos = next
                continue
            }
            if let colon = fieldNameEnd(line) {
                flush()
                skipped += malformedRun
                malformedRun = 0
                firstMalformed = nil
                let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
                    .trimmingTrailingSpaces()
                var v = line[(colon + 1)...]
                while let f = v.first, f == 0x20 || f == 0x09 { v = v.dropFirst() }
                if v.count > limits.maxHeaderLineBytes { cutLines += 1 }
                current = (name, Array(v.prefix(limits.maxHeaderLineBytes)))
                pos = next
                continue
            }
            // Not a field and not a continuation.
            if firstMalformed == nil { firstMalformed = pos }
            malformedRun += 1
            // A line starting "--" is a boundary delimiter: the blank line before it is missing.
            let looksLikeDelimiter = line.count > 2 && line[line.startIndex] == 0x2D && line[line.startIndex + 1] == 0x2D
            if malformedRun > malformedRunLimit || fields.isEmpty && current == nil || looksLikeDelimiter {
                // The body started without a blank line.
                bodyStart = firstMalformed!
                warnings.append(MailWarning("missing-header-end",
                    "the header block did not end with a blank line; the body was taken to start at the first line that is not a header field"))
                sawBlank = true
                break
            }
            pos = next
        }
        flush()
        if !sawBlank { skipped += malformedRun }
        if skipped > 0 {
            warnings.append(MailWarning("malformed-header", "\(skipped) header line(s) were not fields and were skipped"))
        }
        if cutLines > 0 {
            warnings.append(MailWarning("header-line-too-long",
                "\(cutLines) header field(s) longer than \(limits.maxHeaderLineBytes) bytes were cut there"))
        }
        if dropped > 0 {
            warnings.append(MailWarning("too-many-headers",
                "\(dropped) header field(s) past the limit of \(limits.maxHeaderFields) were ignored"))
        }
        if !sawBlank { bodyStart = end }
        return Result(headers: HeaderBlock(fields: fields), bodyStart: bodyStart, warnings: warnings)
    }

    /// The end of the line's content (before CR LF or LF) and where the next line starts.
    @inline(__always)
    static func lineEnd(_ bytes: ArraySlice<UInt8>, from pos: Int) -> (contentEnd: Int, next: Int) {
        let end = bytes.endIndex
        guard let lf = bytes[pos..<end].firstIndex(of: 0x0A) else { return (end, end) }
        let contentEnd = (lf > pos && bytes[lf - 1] == 0x0D) ? lf - 1 : lf
        return (contentEnd, lf + 1)
    }

    /// The colon's index when the line starts with an RFC 5322 field name (printable ASCII but
    /// colon), allowing whitespace before the colon as obsolete syntax does (§4.5).
    static func fieldNameEnd(_ line: ArraySlice<UInt8>) -> Int? {
        var i = line.startIndex
        var sawName = false
        while i < line.endIndex {
            let b = line[i]
            if b == UInt8(ascii: ":") { return sawName ? i : nil }
            if b == 0x20 || b == 0x09 {
                // Only whitespace may follow before the colon.
                var j = i
                while j < line.endIndex, line[j] == 0x20 || line[j] == 0x09 { j += 1 }
                return (sawName && j < line.endIndex && line[j] == UInt8(ascii: ":")) ? j : nil
            }
            if b < 0x21 || b > 0x7E { return nil }
            sawName = true
            i += 1
        }
        return nil
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
