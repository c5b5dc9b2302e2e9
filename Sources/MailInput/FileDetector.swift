/// Decides from a file's first bytes, never its name, whether it is an mbox, one message, or not
/// mail at all. Names lie (a `.eml` that is a PNG, a Takeout mbox without extension, messages
/// saved as `.txt`); the first kilobyte rarely does.
enum FileDetector {
    enum Kind: Equatable, Sendable {
        case mbox
        case message
        case notMail(reason: String)
    }

    /// How much of a file detection reads: enough to get past a long first header line.
    static let sampleSize = 4096
    /// Where NUL bytes are counted: a binary file has many early on; a message with a stray NUL
    /// in a header (spam does that) is still a message, reported with its damage.
    static let binaryWindow = 1024
    /// More NULs than this in the window, before the header block ends, mean binary data.
    static let binaryNULs = 8
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Extensions whose files, found while walking a folder, are passed over in silence when they
    /// turn out not to be mail: the notes, listings and attachments people keep next to their
    /// mail. `.txt` is not among them: test corpora and exports often save messages as `.txt`.
    static let neverMailExtensions: Set<String> = [
        "json", "md", "png", "jpg", "jpeg", "gif", "zip", "gz", "pdf", "sh", "py", "swift",
        "yml", "yaml", "xml", "csv", "log",
    ]

    private static let magic: [(bytes: [UInt8], reason: String)] = [
        ([0x50, 0x4B, 0x03, 0x04], "looks like a ZIP archive"),
        ([0x50, 0x4B, 0x05, 0x06], "looks like a ZIP archive"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "looks like a PNG image"),
        ([0x25, 0x50, 0x44, 0x46, 0x2D], "looks like a PDF document"),
        ([0xFF, 0xD8, 0xFF], "looks like a JPEG image"),
        ([0x47, 0x49, 0x46, 0x38], "looks like a GIF image"),
        ([0x1F, 0x8B], "looks like a gzip archive"),
    ]

    /// `sample` is the file's first bytes; `isWhole` says whether it is all of the file, so that a
    /// message of a single header line is still recognised.
    static func detect(_ sample: [UInt8], isWhole: Bool) -> Kind {
        if sample.isEmpty { return .notMail(reason: "empty file") }
        for (bytes, reason) in magic where sample.starts(with: bytes) {
            return .notMail(reason: reason)
        }
        let headerEnd = headerBlockEnd(sample)
        let nuls = sample.prefix(min(binaryWindow, headerEnd)).reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        if nuls > binaryNULs || sample.first == 0 {
            // NUL bytes in a body (a UTF-16 part sent as `binary`) do not make the message binary;
            // many in the header block, or one before anything, do.
            return .notMail(reason: "binary data (NUL bytes)")
        }
        return sample.withUnsafeBytes { raw in
            let text = sample.starts(with: byteOrderMark) ? UnsafeRawBufferPointer(rebasing: raw.dropFirst(3)) : raw
            return detectText(Lines(text, isWhole: isWhole))
        }
    }

    /// Where the first empty line starts (`\n\n` or `\n\r\n`), or the sample's end.
    private static func headerBlockEnd(_ sample: [UInt8]) -> Int {
        var i = 0
        while let lf = sample[i...].firstIndex(of: 0x0A) {
            let next = lf + 1
            if next < sample.count && sample[next] == 0x0A { return next }
            if next + 1 < sample.count && sample[next] == 0x0D && sample[next + 1] == 0x0A { return next }
            i = next
        }
        return sample.count
    }

    /// True for `name.json`, `notes.md` and the like; see `neverMailExtensions`.
    static func isNeverMail(name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return neverMailExtensions.contains(name[name.index(after: dot)...].lowercased())
    }

    private static func detectText(_ lines: Lines) -> Kind {
        guard let first = lines.line(0) else { return .notMail(reason: "empty file") }
        let second = lines.line(1)
        if MboxLine.startsWithFrom(first) {
            // An envelope, or any `From ` line followed by headers, starts an mbox; a single
            // message saved with its envelope is an mbox of one.
            if MboxLine.isEnvelope(first) || second.map(MboxLine.isHeaderField) == true { return .mbox }
            return .notMail(reason: "no header block")
        }
        if MboxLine.quoteDepth(first) > 0, second.map(MboxLine.isHeaderField) == true {
            // A message saved by a tool that quoted its envelope line (`>From ...`).
            return .mbox
        }
        // Some exporters put a line of spaces before the headers; the header block still follows.
        var i = 0
        while let line = lines.line(i), isWhitespace(line), lines.isComplete(i) { i += 1 }
        // A stray indent before the first field (enmime's bad-header-start) still opens a header block.
        guard let field = lines.line(i), MboxLine.isConventionalHeaderField(trimmingLeadingBlanks(field)) else {
            return .notMail(reason: "no header block")
        }
        // One `Name: value` line is not yet mail ("Note: call Bob\nbuy eggs"). Count the lines up
        // to the first empty line: most must be fields or folded continuations. A broken line
        // among good ones (mime4j's malformedHeader cases) is still a message.
        var fields = 1
        var total = 1
        var j = i + 1
        while let line = lines.line(j), lines.isComplete(j), !MboxLine.isBlank(line) {
            if MboxLine.isHeaderField(line) || MboxLine.isContinuation(line) { fields += 1 }
            total += 1
            j += 1
        }
        return fields * 2 > total ? .message : .notMail(reason: "no header block")
    }

    private static func trimmingLeadingBlanks(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var i = 0
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
        return UnsafeRawBufferPointer(rebasing: line[i...])
    }

    private static func isWhitespace(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    }

    /// The sample's lines, each with its line break; the last may be cut off by the sample's end.
    private struct Lines {
        var ranges: [Range<Int>] = []
        var completeCount = 0
        let bytes: UnsafeRawBufferPointer

        init(_ bytes: UnsafeRawBufferPointer, isWhole: Bool) {
            self.bytes = bytes
            var start = 0
            while start < bytes.count, ranges.count < 64 {
                if let lf = bytes[start...].firstIndex(of: 0x0A) {
                    ranges.append(start..<lf + 1)
                    start = lf + 1
                } else {
                    ranges.append(start..<bytes.count)
                    start = bytes.count
                }
            }
            completeCount = ranges.count
            if let last = ranges.last, bytes[last.upperBound - 1] != 0x0A, !isWhole { completeCount -= 1 }
        }

        func line(_ i: Int) -> UnsafeRawBufferPointer? {
            i < ranges.count ? UnsafeRawBufferPointer(rebasing: bytes[ranges[i]]) : nil
        }

        /// A line cut by the end of the sample cannot be judged whole.
        func isComplete(_ i: Int) -> Bool { i < completeCount }
    }
}
