/// Cuts an mbox (RFC 4155: mboxo, mboxrd, Gmail Takeout) into messages, one line at a time, so that
/// a mapped file and a pipe are split by the same rules.
///
/// A line starts a new message when it is a `From ` line that looks like an envelope
/// (`MboxLine.isEnvelope`: an address, Netscape's `-`, or a time in the date) and the line after it
/// looks like a header field. So "From time to time" in a body stays in the body, and so does an
/// envelope-like line that is not followed by headers. The `From ` line is held back until the
/// next line decides.
///
/// RFC 4155 also wants an empty line before each `From ` line. We do not require it: MimeKit's
/// expected splits (`simple.mbox.txt`: 3 messages; `content-length.mbox.txt`: 29, ten of them
/// after a body line) and old Netscape/Eudora mailboxes have none. The envelope and header tests
/// carry the decision instead.
///
/// `Content-Length:` is deliberately ignored (mboxcl). The header is often stale after a message
/// was edited or re-encoded, and trusting a wrong length loses messages silently. MimeKit's
/// `content-length.mbox.txt`, the test case for that style, splits into the same 29 messages at
/// the same offsets by the `From ` rule alone (asserted in the tests).
///
/// A message's bytes exclude its `From ` line and the line break before the next `From ` line
/// (the empty line the format adds, when there is one), as MimeKit counts them; at the end of
/// the input a final empty line is dropped likewise. mboxrd `>From ` lines lose one `>`.
struct MboxSplitter {
    struct Message {
        /// Offset of the message's `From ` line in the input.
        var offset: Int
        var bytes: [UInt8]
        var truncatedFrom: Int?
    }

    private let limit: Int
    private var current: MessageBuilder?
    private var started = false
    /// The first line (the envelope) was longer than the reader's buffer; drop its other pieces.
    private var skippingEnvelope = false
    /// A `From ` envelope line waiting for the next line to say whether it separates.
    private var candidate: (line: [UInt8], offset: Int, afterEmpty: Bool)?
    /// The line break ending the last line appended (0, 1 or 2 bytes): taken back if a separator
    /// follows.
    private var lastBreak = 0
    /// The last line appended was empty: at the end of the input it is the format's, not the body's.
    private var lastLineEmpty = false

    init(maxMessageBytes: Int) {
        limit = maxMessageBytes
    }

    /// Feeds the next line, with its line break. `startsLine` is false for the later pieces of a
    /// line longer than the reader's buffer; `endsLine` is false for a piece without a line break.
    /// Returns the message this line completed, if any (at most one per line).
    @inline(__always)
    mutating func consume(_ line: UnsafeRawBufferPointer, at offset: Int, startsLine: Bool = true, endsLine: Bool = true) -> Message? {
        guard startsLine else {
            if skippingEnvelope {
                if endsLine { skippingEnvelope = false }
            } else {
                append(line, endsLine: endsLine)
            }
            return nil
        }
        guard started else {
            // The caller checked that the input starts with an envelope line (`From ` or `>From `).
            started = true
            current = MessageBuilder(limit: limit, offset: offset)
            skippingEnvelope = !endsLine
            return nil
        }
        var finished: Message?
        if let held = candidate {
            candidate = nil
            // An empty line after it separates too, when the envelope is complete and an empty
            // line came before it: an empty message (RFC 4155's form, seen in exports).
            let emptyMessage = held.afterEmpty && Self.isEmptyLine(line)
                && held.line.withUnsafeBytes { MboxLine.isStrictEnvelope($0) }
            if MboxLine.isHeaderField(line) || emptyMessage {
                current?.dropLast(lastBreak)
                finished = finishCurrent()
                current = MessageBuilder(limit: limit, offset: held.offset)
            } else {
                held.line.withUnsafeBytes { append($0, endsLine: true) }
            }
        }
        if endsLine && line.first == 0x46 && MboxLine.isEnvelope(line) {
            candidate = (Array(line), offset, lastLineEmpty || current?.size == 0)
            return finished
        }
        if line.first == 0x3E && MboxLine.quoteDepth(line) > 0 {
            append(UnsafeRawBufferPointer(rebasing: line.dropFirst()), endsLine: endsLine)
        } else {
            append(line, endsLine: endsLine)
        }
        return finished
    }

    /// Ends the input: a `From ` line still waiting belongs to the body; a final empty line is
    /// the one the format adds after every message.
    mutating func finish() -> Message? {
        if let held = candidate {
            held.line.withUnsafeBytes { append($0, endsLine: true) }
            candidate = nil
        }
        if lastLineEmpty { current?.dropLast(lastBreak) }
        guard current != nil else { return nil }
        defer { current = nil }
        return finishCurrent()
    }

    static func isEmptyLine(_ line: UnsafeRawBufferPointer) -> Bool {
        line.count == 0 || (line.count == 1 && line[0] == 0x0A) || (line.count == 2 && line[0] == 0x0D && line[1] == 0x0A)
    }

    @inline(__always)
    private mutating func append(_ line: UnsafeRawBufferPointer, endsLine: Bool) {
        current?.append(line)
        if endsLine {
            let count = line.count
            lastBreak = count >= 2 && line[count - 2] == 0x0D ? 2 : 1
            lastLineEmpty = count == lastBreak
        } else {
            lastBreak = 0
            lastLineEmpty = false
        }
    }

    private func finishCurrent() -> Message? {
        guard let current else { return nil }
        let (bytes, truncatedFrom) = current.finish()
        return Message(offset: current.offset, bytes: bytes, truncatedFrom: truncatedFrom)
    }
}
