/// RFC 5322 address lists (§3.4) with the obsolete forms real mail still carries: groups,
/// comments, quoted names, missing angle brackets, RFC 2047 names, stray commas.
public enum AddressParser {
    /// Every mailbox in an unfolded header value, group members included, in order. Never fails.
    ///
    /// One pass, no recursion and no backtracking: nested comments are counted, not descended
    /// into, so hostile input costs linear time and constant stack.
    public static func parse(_ raw: ArraySlice<UInt8>) -> [MailAddress] {
        raw.withUnsafeBufferPointer { buffer in
            var parser = AddressListParser(buffer)
            return parser.run()
        }
    }
}

/// Splits the list into segments at top-level `,` `;` `:`, collecting each segment's words,
/// quoted strings, comments and angle address as byte ranges; a segment becomes a mailbox (or,
/// for an address list missing its commas, several) once it ends.
private struct AddressListParser {
    enum Kind {
        case atom
        case quoted
        case comment
        case angle
    }

    /// A piece of the current segment. For quoted strings, comments and angle addresses the range
    /// is the content inside the delimiters, escapes still in place.
    struct Token {
        var kind: Kind
        var range: Range<Int>
        /// White space between this and the previous word, which decides whether `a@b .c` is one
        /// address (it is: CFWS around dots is allowed) and whether `"a"b` gets a space.
        var spaceBefore: Bool

        var isWord: Bool { kind == .atom || kind == .quoted }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    var tokens: [Token] = []
    /// Index in `tokens` of the segment's angle address, if it has one yet.
    var angle: Int?
    var sawSpace = false
    /// After an unclosed `"` or `(`, later ones are ignored: a scan from them could only end at
    /// the end of the value again, and rescanning would make the parse quadratic.
    var quotesAreStray = false
    var commentsAreStray = false
    var out: [MailAddress] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func run() -> [MailAddress] {
        while pos < bytes.count {
            let b = bytes[pos]
            switch b {
            case 0x20, 0x09, 0x0D, 0x0A:
                sawSpace = true
                pos += 1
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                // `;` also ends a group; stray ones, like empty list elements, produce nothing.
                finishSegment()
                pos += 1
            case UInt8(ascii: ":"):
                // A group starts: what came before is its display name, which we do not report.
                // After an angle address the `:` can only be junk ending that mailbox.
                if angle != nil { finishSegment() } else { resetSegment() }
                pos += 1
            case UInt8(ascii: "\""):
                if quotesAreStray { pos += 1 } else { scanQuoted() }
            case UInt8(ascii: "("):
                if commentsAreStray { pos += 1 } else { scanComment() }
            case UInt8(ascii: "<"):
                scanAngle()
            case UInt8(ascii: ">"), UInt8(ascii: ")"):
                sawSpace = true  // stray closer
                pos += 1
            default:
                scanAtom()
            }
        }
        finishSegment()
        return out
    }

    // MARK: - Scanning

    private mutating func append(_ kind: Kind, _ range: Range<Int>) {
        tokens.append(Token(kind: kind, range: range, spaceBefore: sawSpace))
        if kind != .comment { sawSpace = false }
    }

    private mutating func scanAtom() {
        let start = pos
        while pos < bytes.count {
            let b = bytes[pos]
            if AddressListParser.endsAtom(b) { break }
            if b == UInt8(ascii: "["), pos > start, bytes[pos - 1] == UInt8(ascii: "@") {
                // A domain literal may hold `:` (IPv6); it ends at `]` or where an address ends.
                pos += 1
                while pos < bytes.count, bytes[pos] != UInt8(ascii: "]"), !AddressListParser.endsLiteral(bytes[pos]) {
                    pos += 1
                }
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1 }
                continue
            }
            pos += 1
        }
        append(.atom, start..<pos)
    }

    private mutating func scanQuoted() {
        var k = pos + 1
        while k < bytes.count {
            let b = bytes[k]
            if b == UInt8(ascii: "\\") {
                k += 2
                continue
            }
            if b == UInt8(ascii: "\"") {
                append(.quoted, (pos + 1)..<k)
                pos = k + 1
                return
            }
            k += 1
        }
        // Unclosed: the quote is dropped and what follows read as if it were not there.
        quotesAreStray = true
        pos += 1
    }

    private mutating func scanComment() {
        if let close = CommentScanner.closing(bytes, from: pos) {
            append(.comment, (pos + 1)..<close)
            pos = close + 1
            return
        }
        commentsAreStray = true
        pos += 1
    }

    /// `<…>`. When the `>` is missing, the address ends at white space, `,`, `;` or `<`, so one
    /// missing bracket does not swallow the rest of the list.
    private mutating func scanAngle() {
        let start = pos + 1
        var k = start
        while k < bytes.count, bytes[k] != UInt8(ascii: ">"), bytes[k] != UInt8(ascii: "<") { k += 1 }
        var end = k
        if k < bytes.count, bytes[k] == UInt8(ascii: ">") {
            pos = k + 1
        } else {
            // Unclosed: the address is the first word inside; what follows goes back to the list.
            var c = start
            while c < k, AddressListParser.isSpace(bytes[c]) { c += 1 }
            while c < k, !AddressListParser.isSpace(bytes[c]), bytes[c] != UInt8(ascii: ","),
                bytes[c] != UInt8(ascii: ";")
            {
                c += 1
            }
            end = c
            pos = c
        }
        if let first = angle {
            // A second address in one segment: a comma is missing. The first mailbox keeps what
            // preceded it and the comments after it; words after it name the next one.
            let after = tokens[(first + 1)...]
            let carried = after.filter(\.isWord)
            let kept = after.filter { !$0.isWord }
            tokens.removeSubrange((first + 1)...)
            tokens.append(contentsOf: kept)
            finishSegment()
            tokens.append(contentsOf: carried)
        }
        angle = tokens.count
        append(.angle, start..<end)
    }

    // MARK: - Segments

    private mutating func resetSegment() {
        tokens.removeAll(keepingCapacity: true)
        angle = nil
        sawSpace = false
    }

    private mutating func finishSegment() {
        defer { resetSegment() }
        guard !tokens.isEmpty else { return }
        if let angle {
            let address = cleanAddress(tokens[angle].range)
            guard !address.isEmpty else { return }
            out.append(MailAddress(name: name(excluding: angle..<angle + 1), address: address))
            return
        }
        mailboxesWithoutBrackets()
    }

    /// `a@b`, `a@b (Name)`, `Name a@b` (brackets forgotten), `a@b c@d` (commas forgotten), and a
    /// lone local name such as `MAILER-DAEMON`. Words join into one address across white space
    /// only around `.` and `@`, as RFC 5322 allows CFWS there (`jdoe@test . example`).
    private mutating func mailboxesWithoutBrackets() {
        var candidates: [Range<Int>] = []  // ranges of token indices
        var lastWord: Int?
        for (k, token) in tokens.enumerated() where token.isWord {
            if let last = lastWord, !token.spaceBefore || joinsAcrossSpace(tokens[last], token) {
                candidates[candidates.count - 1] = candidates[candidates.count - 1].lowerBound..<(k + 1)
            } else {
                candidates.append(k..<(k + 1))
            }
            lastWord = k
        }
        let withAt = candidates.filter(containsAt)
        if withAt.count == 1 {
            out.append(MailAddress(name: name(excluding: withAt[0]), address: addressText(withAt[0])))
        } else if withAt.count > 1 {
            for candidate in withAt { out.append(MailAddress(name: nil, address: addressText(candidate))) }
        } else if candidates.count == 1, candidates[0].count == 1, tokens[candidates[0].lowerBound].kind == .atom {
            out.append(MailAddress(name: name(excluding: candidates[0]), address: addressText(candidates[0])))
        }
    }

    private func joinsAcrossSpace(_ left: Token, _ right: Token) -> Bool {
        guard left.kind == .atom || right.kind == .atom else { return false }
        let dotOrAt: (UInt8) -> Bool = { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "@") }
        return (left.kind == .atom && dotOrAt(bytes[left.range.upperBound - 1]))
            || (right.kind == .atom && dotOrAt(bytes[right.range.lowerBound]))
    }

    private func containsAt(_ candidate: Range<Int>) -> Bool {
        tokens[candidate].contains { $0.kind == .atom && bytes[$0.range].contains(UInt8(ascii: "@")) }
    }

    /// The words of a bare address as written: atoms verbatim, quoted strings with their quotes.
    private func addressText(_ candidate: Range<Int>) -> String {
        var text: [UInt8] = []
        for token in tokens[candidate] where token.isWord {
            if token.kind == .quoted { text.append(UInt8(ascii: "\"")) }
            text.append(contentsOf: bytes[token.range])
            if token.kind == .quoted { text.append(UInt8(ascii: "\"")) }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The inside of `<…>` with white space and comments removed and an obsolete source route
    /// (`@a,@b:`) dropped; quoted local parts are kept as written.
    private func cleanAddress(_ range: Range<Int>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(range.count)
        var k = range.lowerBound
        while k < range.upperBound {
            let b = bytes[k]
            switch b {
            case 0x20, 0x09, 0x0D, 0x0A:
                k += 1
            case UInt8(ascii: "("):
                var depth = 0
                while k < range.upperBound {
                    let c = bytes[k]
                    if c == UInt8(ascii: "\\") {
                        k += 2
                        continue
                    }
                    if c == UInt8(ascii: "(") { depth += 1 }
                    if c == UInt8(ascii: ")") {
                        depth -= 1
                        if depth == 0 {
                            k += 1
                            break
                        }
                    }
                    k += 1
                }
            case UInt8(ascii: "\""):
                let start = k
                k += 1
                while k < range.upperBound, bytes[k] != UInt8(ascii: "\"") {
                    k += bytes[k] == UInt8(ascii: "\\") ? 2 : 1
                }
                k = min(k + 1, range.upperBound)
                text.append(contentsOf: bytes[start..<k])
            default:
                text.append(b)
                k += 1
            }
        }
        if text.first == UInt8(ascii: "@"), let colon = text.firstIndex(of: UInt8(ascii: ":")) {
            text.removeSubrange(...colon)
        }
        return String(decoding: text, as: UTF8.self)
    }

    // MARK: - Names

    /// The display name: the segment's words and comments in order, outside `excluded` (the
    /// address). Comments stay in parentheses beside a name (`John Doe (via Google Docs)`, as
    /// mail clients show it); with no words, the comments are the name (`a@b (John Doe)`).
    /// RFC 2047 words are decoded, also inside quotes, as some clients write them.
    private func name(excluding excluded: Range<Int>) -> String? {
        let hasWords = tokens.indices.contains { !excluded.contains($0) && tokens[$0].isWord }
        var pieces: [String] = []
        var run: [UInt8] = []
        var runOpen = false
        func flushRun() {
            if runOpen { pieces.append(AddressListParser.decode(run)) }
            run.removeAll(keepingCapacity: true)
            runOpen = false
        }
        for (k, token) in tokens.enumerated() where !excluded.contains(k) {
            switch token.kind {
            case .atom, .quoted:
                if runOpen, token.spaceBefore { run.append(0x20) }
                runOpen = true
                if token.kind == .atom {
                    run.append(contentsOf: bytes[token.range])
                } else {
                    AddressListParser.appendUnescaped(bytes[token.range], to: &run)
                }
            case .comment:
                flushRun()
                var content: [UInt8] = []
                AddressListParser.appendUnescaped(bytes[token.range], to: &content)
                let text = AddressListParser.decode(content)
                pieces.append(hasWords ? "(" + text + ")" : text)
            case .angle:
                continue
            }
        }
        flushRun()
        return AddressListParser.collapsed(pieces.joined(separator: " "))
    }

    // MARK: - Bytes

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    @inline(__always)
    static func endsAtom(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\""):
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func endsLiteral(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            return true
        default:
            return false
        }
    }

    static func appendUnescaped(_ slice: Slice<UnsafeBufferPointer<UInt8>>, to out: inout [UInt8]) {
        var k = slice.startIndex
        while k < slice.endIndex {
            if slice[k] == UInt8(ascii: "\\"), k + 1 < slice.endIndex { k += 1 }
            out.append(slice[k])
            k += 1
        }
    }

    static func decode(_ bytes: [UInt8]) -> String {
        var ascii = true
        var previous: UInt8 = 0
        for b in bytes {
            if previous == UInt8(ascii: "="), b == UInt8(ascii: "?") { return EncodedWordDecoder.decode(bytes[...]).text }
            if b >= 0x80 { ascii = false }
            previous = b
        }
        return ascii ? String(decoding: bytes, as: UTF8.self) : CharsetDecoder.decode(bytes[...], label: nil).text
    }

    /// Runs of white space (also decoded `_` and folds) to one space, trimmed; nil when empty.
    static func collapsed(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for b in text.utf8 {
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(b)
        }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }
}
