/// text/plain; format=flowed (RFC 3676): soft line breaks joined so that URLs wrapped by the
/// sender's client become whole again before links are read.
public enum FlowedText {
    /// Joins soft-broken lines (RFC 3676 §4.1–4.5) and removes space-stuffing. A flowed line only
    /// joins the next line when both have the same quote depth, since a change of depth means the
    /// sender's text ended there. Each paragraph keeps the quote prefix of its first line (`>`
    /// marks and the one space after them), so quoted text still reads as quoted; unquoted lines
    /// lose their stuffing space. Output lines end in `\n` whatever the input used.
    public static func unflow(_ text: String, delSp: Bool) -> String {
        let bytes = Array(text.utf8)
        var lines = Self.lines(bytes)
        let endsWithBreak = bytes.last == lf
        if endsWithBreak { lines.removeLast() }  // the empty "line" after the final break

        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        // Depth of the paragraph being built, or nil when the last line written was fixed.
        var openDepth: Int? = nil

        for (index, range) in lines.enumerated() {
            let line = parse(bytes[range])
            if let depth = openDepth, depth != line.depth {
                // The sender flowed into a line of another depth: treat the break as hard.
                out.append(lf)
                openDepth = nil
            }
            if openDepth == nil {
                out.append(contentsOf: line.prefix)
            }
            var content = line.content
            let flowed = content.last == space && !line.isSignatureSeparator
            if flowed && delSp { content = content.dropLast() }
            out.append(contentsOf: content)

            let isLast = index == lines.count - 1
            if flowed && !isLast && !isSignatureSeparator(bytes[lines[index + 1]]) {
                openDepth = line.depth
            } else {
                openDepth = nil
                if !isLast || endsWithBreak { out.append(lf) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")
    private static let quote = UInt8(ascii: ">")

    private struct Line {
        var depth: Int
        /// The quote marks as written plus the stuffing space after them, if any (empty when unquoted).
        var prefix: ArraySlice<UInt8>
        var content: ArraySlice<UInt8>
        var isSignatureSeparator: Bool
    }

    /// Line ranges without their `\n` or `\r\n`.
    private static func lines(_ bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == lf {
            let end = i > start && bytes[i - 1] == cr ? i - 1 : i
            result.append(start..<end)
            start = i + 1
        }
        result.append(start..<bytes.count)
        return result
    }

    private static func parse(_ raw: ArraySlice<UInt8>) -> Line {
        var i = raw.startIndex
        while i < raw.endIndex, raw[i] == quote { i += 1 }
        let depth = i - raw.startIndex
        var contentStart = i
        // Space-stuffing (§4.4): one leading space after the quote marks is not content.
        if contentStart < raw.endIndex, raw[contentStart] == space { contentStart += 1 }
        let prefix = depth > 0 ? raw[raw.startIndex..<contentStart] : raw[raw.startIndex..<raw.startIndex]
        let content = raw[contentStart...]
        return Line(
            depth: depth, prefix: prefix, content: content,
            isSignatureSeparator: content.elementsEqual("-- ".utf8))
    }

    private static func isSignatureSeparator(_ raw: ArraySlice<UInt8>) -> Bool {
        parse(raw).isSignatureSeparator
    }
}
