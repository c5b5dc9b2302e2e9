/// The line tests that decide where one message ends and the next begins. They look at a line's
/// first bytes only, so a long line costs no more than a short one.
///
/// Lines are given with their line break (`\n` or `\r\n`) when they have one.
enum MboxLine {
    /// An empty line, the one the mbox format puts before every `From ` separator.
    @inline(__always)
    static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        switch line.count {
        case 1: return line[0] == 0x0A
        case 2: return line[0] == 0x0D && line[1] == 0x0A
        default: return false
        }
    }

    @inline(__always)
    static func startsWithFrom(_ line: UnsafeRawBufferPointer, at start: Int = 0) -> Bool {
        guard line.count >= start + 5 else { return false }
        return line[start] == 0x46 && line[start + 1] == 0x72 && line[start + 2] == 0x6F
            && line[start + 3] == 0x6D && line[start + 4] == 0x20
    }

    /// The number of `>` before `From ` on an mboxrd-quoted line (`>From `, `>>From `), else 0.
    /// Unquoting removes one of them.
    @inline(__always)
    static func quoteDepth(_ line: UnsafeRawBufferPointer) -> Int {
        var i = 0
        while i < line.count && line[i] == 0x3E { i += 1 }
        return i > 0 && startsWithFrom(line, at: i) ? i : 0
    }

    /// Does this `From ` line look like an envelope written by a mail program, rather than a
    /// sentence that happens to start with "From "? Envelopes are `From SENDER DATE`; real ones
    /// carry an address (`user@host`, Takeout's `1615...@xxx`), Netscape's placeholder `-`, or a
    /// `HH:MM` time in the date. "From Russia with love" has none of those.
    static func isEnvelope(_ line: UnsafeRawBufferPointer) -> Bool {
        guard startsWithFrom(line) else { return false }
        var end = line.count
        while end > 5 && (line[end - 1] == 0x0A || line[end - 1] == 0x0D) { end -= 1 }
        var i = 5
        while i < end && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
        let senderStart = i
        var hasAt = false
        while i < end && line[i] != 0x20 && line[i] != 0x09 {
            if line[i] == 0x40 { hasAt = true }
            i += 1
        }
        let senderCount = i - senderStart
        guard senderCount > 0 else { return false }
        if hasAt || (senderCount == 1 && line[senderStart] == 0x2D) { return true }
        // A time somewhere in the date: digit ':' digit digit.
        var j = i
        while j + 3 < end {
            if line[j + 1] == 0x3A && isDigit(line[j]) && isDigit(line[j + 2]) && isDigit(line[j + 3]) { return true }
            j += 1
        }
        return false
    }

    /// The full RFC 4155 envelope: a sender, then a date with a weekday, a month, a time and a
    /// four-digit year (`From a@b Mon Jan  5 10:00:00 2025`, Takeout's `… +0000 2025`). Strict,
    /// because it alone decides when an empty message follows (nothing after it looks like a
    /// header), where a looser test would split a body line such as "From 10:00 to 12:00".
    static func isStrictEnvelope(_ line: UnsafeRawBufferPointer) -> Bool {
        guard isEnvelope(line) else { return false }
        let text = String(decoding: line, as: UTF8.self)
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
        guard words.count >= 6 else { return false }
        let rest = words.dropFirst(2)
        let days: Set<Substring> = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months: Set<Substring> = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let hasDay = rest.contains { days.contains($0.prefix(3)) }
        let hasMonth = rest.contains { months.contains($0.prefix(3)) }
        let hasTime = rest.contains { w in w.split(separator: ":").count >= 2 && w.allSatisfy { $0.isNumber || $0 == ":" } }
        let hasYear = rest.contains { $0.count == 4 && $0.allSatisfy(\.isNumber) }
        return hasDay && hasMonth && hasTime && hasYear
    }

    /// `Name: value` (RFC 5322 field-name: printable ASCII except `:`; the obsolete syntax allows
    /// blanks before the colon). What must follow a `From ` line for it to start a new message.
    static func isHeaderField(_ line: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i < line.count, line[i] != 0x3A, line[i] >= 0x21, line[i] <= 0x7E { i += 1 }
        guard i > 0 else { return false }
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
        return i < line.count && line[i] == 0x3A
    }

    /// A stricter test for the first line of a file, where a false yes turns a JSON or YAML file
    /// into a "message": the name must look like the names mail programs write (a letter, then
    /// letters, digits, `-`, `_`, `.`), not merely avoid `:`.
    static func isConventionalHeaderField(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let first = line.first, isLetter(first) else { return false }
        var i = 1
        while i < line.count, isLetter(line[i]) || isDigit(line[i]) || line[i] == 0x2D || line[i] == 0x5F || line[i] == 0x2E {
            i += 1
        }
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
        return i < line.count && line[i] == 0x3A
    }

    /// A folded header line continues the previous field.
    @inline(__always)
    static func isContinuation(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let first = line.first else { return false }
        return (first == 0x20 || first == 0x09) && !isBlank(line)
    }

    @inline(__always)
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
