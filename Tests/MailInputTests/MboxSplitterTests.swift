import Foundation
import Testing
@testable import MailInput

/// Splitting mbox files: the peers' expected splits, then the edge cases one at a time.
@Suite struct MboxSplitterTests {
    // MARK: Peer corpus

    struct MimeKitCase: CustomTestStringConvertible, Sendable {
        var name: String
        var crlf: Bool
        var testDescription: String { "\(name) \(crlf ? "dos" : "unix")" }
    }

    /// MimeKit's expected offsets: one entry per message with the `From ` line's offset and the
    /// message's begin/end offsets. `dos` is the same file with CRLF line breaks.
    @Test(arguments: [
        MimeKitCase(name: "content-length", crlf: false), MimeKitCase(name: "content-length", crlf: true),
        MimeKitCase(name: "issue1189", crlf: false), MimeKitCase(name: "issue1189", crlf: true),
    ])
    func mimeKitOffsets(_ c: MimeKitCase) throws {
        let dir = "mimekit/UnitTests/TestData/mbox/"
        var file = try Corpus.bytes(dir + c.name + ".mbox.txt")
        if c.crlf { file = Array(file.text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }
        let json = try Corpus.bytes(dir + c.name + (c.crlf ? ".dos" : ".unix") + "-offsets.json")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [[String: Any]])

        let got = try readFile(file)
        #expect(got.failures.isEmpty)
        try #require(got.messages.count == expected.count)
        for (i, (message, want)) in zip(got.messages, expected).enumerated() {
            let marker = try #require(want["mboxMarkerOffset"] as? Int)
            let begin = try #require(want["beginOffset"] as? Int)
            let end = try #require(want["endOffset"] as? Int)
            #expect(message.origin.index == i)
            #expect(message.origin.offset == marker, "message \(i)")
            #expect(message.bytes == unquoteMboxrd(file[begin..<end]), "message \(i)")
            #expect(message.truncatedFrom == nil)
        }
    }

    /// MimeKit's summaries start each message's block with its `From ` line as found: the line at
    /// each of our offsets must be that line.
    @Test(arguments: ["content-length", "issue1189"])
    func mimeKitSummaries(_ name: String) throws {
        let dir = "mimekit/UnitTests/TestData/mbox/"
        let file = try Corpus.bytes(dir + name + ".mbox.txt")
        let summary = try Corpus.bytes(dir + name + "-summary.txt").text
        let separators = summary.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            .map { String($0.split(separator: "\n", omittingEmptySubsequences: false)[0]) }
        let got = try readFile(file)
        try #require(got.messages.count == separators.count)
        for (message, separator) in zip(got.messages, separators) {
            let offset = try #require(message.origin.offset)
            let lineEnd = try #require(file[offset...].firstIndex(of: 0x0A))
            #expect(Array(file[offset..<lineEnd]).text == separator)
        }
    }

    /// `content-length.mbox.txt` is MimeKit's case for mboxcl; its `>From ` lines are unquoted
    /// because we read every mbox as mboxrd.
    @Test func contentLengthHeaderIsNotTrusted() throws {
        let got = try readFile(try Corpus.bytes("mimekit/UnitTests/TestData/mbox/content-length.mbox.txt"))
        #expect(got.messages.count == 29)
        let unquoted = got.messages.filter { $0.bytes.text.contains("\nFrom - Fri Dec 13 15:01:21 1996\n") }
        #expect(unquoted.count == 2)
    }

    /// james-mime4j's expected split keeps the empty line before the next `From `; we drop it
    /// (as MimeKit does, and as the writer added it), so each expected file is ours plus "\n".
    @Test func mime4jRlug() throws {
        let dir = "james-mime4j/mbox/src/test/resources/test-1/"
        let got = try readFile(try Corpus.bytes(dir + "mbox.rlug"))
        #expect(got.failures.isEmpty)
        try #require(got.messages.count == 5)
        let offsets = [0, 3429, 5956, 7744, 9958]
        for (i, message) in got.messages.enumerated() {
            let expected = try Corpus.bytes(dir + "mbox.rlug-\(i)")
            #expect(expected.last == 0x0A)
            #expect(message.bytes == Array(expected.dropLast()), "message \(i)")
            #expect(message.origin.offset == offsets[i])
        }
    }

    /// CPython's test: an unquoted "From time to time" at the end of a body, and extra text after
    /// the date on the envelope line.
    @Test func cpythonMailbox01() throws {
        let file = try Corpus.bytes("cpython-email/Lib/test/test_email/data/mailbox_01.mbox")
        let got = try readFile(file)
        try #require(got.messages.count == 1)
        let firstLineEnd = try #require(file.firstIndex(of: 0x0A))
        #expect(got.messages[0].bytes == Array(file[(firstLineEnd + 1)...]))
        #expect(got.messages[0].bytes.text.hasSuffix("\n\nFrom time to time\n"))
    }

    @Test func mimeKitSimple() throws {
        let file = try Corpus.bytes("mimekit/UnitTests/TestData/mbox/simple.mbox.txt")
        let got = try readFile(file)
        #expect(got.messages.count == 3)
        #expect(got.messages.allSatisfy { $0.bytes.starts(with: Array("From: fejj@gnome.org\n".utf8)) })
        #expect(got.messages.map { $0.origin.offset! }.allSatisfy { file[$0...].starts(with: Array("From - \n".utf8)) })
    }

    /// MimeKit splits this file into 4 (it cuts at "From Russia with love", as Thunderbird does).
    /// We keep it at 2: "Russia with love" is not an envelope (no address, no `-`, no time), so
    /// the quotation stays in its body even where a `Name: value` line follows. The file also
    /// starts with a UTF-8 byte-order mark.
    @Test func unmungedFromLinesStayInTheBody() throws {
        let file = try Corpus.bytes("mimekit/UnitTests/TestData/mbox/unmunged.mbox.txt")
        let got = try readFile(file)
        try #require(got.messages.count == 2)
        #expect(got.messages[0].origin.offset == 3)
        #expect(got.messages[0].bytes.text.contains("\n\nFrom Russia with love\n\nWhat does Thunderbird do?\n"))
        #expect(got.messages[1].bytes.text.contains("\n\nFrom Russia with love\nYear: 1963\n"))
        #expect(got.messages.allSatisfy { $0.bytes.starts(with: Array("From: Jeffrey Stedfast".utf8)) })
    }

    // MARK: Edge cases

    @Test func crlfMbox() throws {
        let text = "From a@example.com Mon Jan  1 00:00:00 2024\r\nSubject: one\r\n\r\nbody one\r\n\r\n"
            + "From b@example.com Mon Jan  1 00:00:01 2024\r\nSubject: two\r\n\r\nbody two\r\n\r\n"
        let got = try readFile(text)
        #expect(got.messages.map(\.bytes.text) == ["Subject: one\r\n\r\nbody one\r\n", "Subject: two\r\n\r\nbody two\r\n"])
        #expect(got.messages.map(\.origin.offset) == [0, 73])
    }

    @Test func mboxrdUnquoting() throws {
        let text = "From a@x Mon Jan  1 00:00:00 2024\nSubject: q\n\n>From here\n>>From there\n>>>From far\n"
            + ">Fromage\n> From\n x>From \nFrom the start\n"
        let got = try readFile(text)
        #expect(got.messages.map(\.bytes.text) == [
            "Subject: q\n\nFrom here\n>From there\n>>From far\n>Fromage\n> From\n x>From \nFrom the start\n",
        ])
    }

    @Test func bareFromInBodyIsNotASplit() throws {
        let text = "From a@x Mon Jan  1 00:00:00 2024\nSubject: q\n\nHello\n\n"
            + "From time to time we write.\n\n"                            // not an envelope
            + "From b@y Mon Jan  1 00:00:00 2024\nbut no header follows\n\n" // envelope, no header after
            + "From c@z 2024\n\nSubject: incomplete envelope, then an empty line\n" // not a full RFC 4155 date
            + "From Russia with love\nYear: 1963\n"                          // header after, not an envelope
        let got = try readFile(text)
        try #require(got.messages.count == 1)
        #expect(got.messages[0].bytes.text == String(text.drop { $0 != "\n" }.dropFirst()))
    }

    /// A complete envelope between empty lines is an empty message (issue 7: an mbox of
    /// 100,000 empty messages has 100,000 records), even though no header follows it.
    @Test func emptyMessagesAreMessages() throws {
        let text = String(repeating: "From a@x Mon Jan  1 00:00:00 2024\n\n", count: 1000)
        let got = try readFile(text)
        #expect(got.messages.count == 1000)
        #expect(got.messages.allSatisfy { $0.bytes.isEmpty })
        let mixed = "From a@x Mon Jan  1 00:00:00 2024\nSubject: q\n\nbody\n\nFrom b@y Tue Jan  2 00:00:00 2024\n\n"
            + "From 10:00 to 12:00 we meet\n\nFrom c@z Wed Jan  3 00:00:00 2024\nSubject: r\n\nx\n"
        let m = try readFile(mixed)
        #expect(m.messages.count == 3)
    }

    /// Netscape wrote `From - ` right after the last body line; MimeKit's expected splits count
    /// those as separators, and so do we. The body's last line break goes with the separator.
    @Test func separatorWithoutEmptyLineBefore() throws {
        let text = "From - \nSubject: 1\n\none\nFrom - Mon Jun  3 12:50:27 1996\nSubject: 2\n\ntwo\n"
        let got = try readFile(text)
        #expect(got.messages.map(\.bytes.text) == ["Subject: 1\n\none", "Subject: 2\n\ntwo\n"])
        #expect(got.messages.map(\.origin.offset) == [0, 24])
    }

    @Test func takeoutEnvelopes() throws {
        let text = "From 1615300000000000000@xxx Sun Jan 05 10:00:00 +0000 2025\nX-GM-THRID: 1\nX-Gmail-Labels: Inbox,Opened\n\none\n\n"
            + "From 1844347839636459560@xxx\nX-GM-THRID: 2\n\ntwo\n\n"
            + "From MAILER-DAEMON Sun Aug  7 11:40:37 2022\nSubject: three\n\nthree\n"
        let got = try readFile(text)
        #expect(got.messages.map(\.bytes.text) == [
            "X-GM-THRID: 1\nX-Gmail-Labels: Inbox,Opened\n\none\n", "X-GM-THRID: 2\n\ntwo\n", "Subject: three\n\nthree\n",
        ])
    }

    @Test func lastMessageWithoutTrailingNewline() throws {
        let text = "From a@x Mon Jan  1 00:00:00 2024\nSubject: 1\n\none\n\nFrom b@x Mon Jan  1 00:00:00 2024\nSubject: 2\n\ntwo"
        let got = try readFile(text)
        #expect(got.messages.map(\.bytes.text) == ["Subject: 1\n\none\n", "Subject: 2\n\ntwo"])
    }

    @Test func onlyOneEmptyLineBelongsToTheFormat() throws {
        let text = "From a@x Mon Jan  1 00:00:00 2024\nSubject: 1\n\none\n\n\n\nFrom b@x Mon Jan  1 00:00:00 2024\nSubject: 2\n\ntwo\n\n\n"
        let got = try readFile(text)
        #expect(got.messages.map(\.bytes.text) == ["Subject: 1\n\none\n\n\n", "Subject: 2\n\ntwo\n\n"])
    }

    @Test func fromLineAtEndOfFileStaysInTheBody() throws {
        let got = try readFile("From a@x Mon Jan  1 00:00:00 2024\nSubject: 1\n\none\n\nFrom b@x Mon Jan  1 00:00:00 2024\n")
        #expect(got.messages.map(\.bytes.text) == ["Subject: 1\n\none\n\nFrom b@x Mon Jan  1 00:00:00 2024\n"])
    }

    @Test func singleMessageWithEnvelopeLine() throws {
        let got = try readFile("From a@x Mon Jan  1 00:00:00 2024\nSubject: 1\n\none\n", name: "one.eml")
        #expect(got.messages.map(\.bytes.text) == ["Subject: 1\n\none\n"])
        #expect(got.messages.first?.origin.offset == 0)
    }

    @Test func singleMessageWithQuotedEnvelopeLine() throws {
        let got = try readFile(">From a@x Mon Jan  1 00:00:00 2024\nSubject: 1\n\none\n", name: "one.eml")
        #expect(got.messages.map(\.bytes.text) == ["Subject: 1\n\none\n"])
    }

    @Test func sizeLimitTruncatesWithoutLosingTheNextMessage() throws {
        var options = InputReader.Options()
        options.maxMessageBytes = 20
        let big = "Subject: big\n\n" + String(repeating: "0123456789\n", count: 100)
        let text = "From a@x Mon Jan  1 00:00:00 2024\n" + big + "\nFrom b@x Mon Jan  1 00:00:00 2024\nSubject: s\n\nok\n"
        for got in [try readFile(text, options: options), try collectFromPipe(Array(text.utf8), options: options)] {
            try #require(got.messages.count == 2)
            #expect(got.messages[0].bytes.text == String(big.prefix(20)))
            #expect(got.messages[0].truncatedFrom == big.utf8.count)
            #expect(got.messages[1].bytes.text == "Subject: s\n\nok\n")
            #expect(got.messages[1].truncatedFrom == nil)
        }
    }

    @Test func sizeLimitOnASingleMessageFile() throws {
        var options = InputReader.Options()
        options.maxMessageBytes = 10
        let got = try readFile("Subject: big\n\n0123456789\n", name: "big.eml", options: options)
        #expect(got.messages.map(\.bytes.text) == ["Subject: b"])
        #expect(got.messages.first?.truncatedFrom == 25)
    }

    // MARK: Envelope and header line tests

    @Test(arguments: [
        ("From a@b Mon Jan  1 00:00:00 2024\n", true),
        ("From - \n", true),
        ("From -\r\n", true),
        ("From 1844347792267117879@xxx\n", true),
        ("From MAILER-DAEMON Sun Aug  7 11:40:37 2022 extra info\n", true),
        ("From Russia with love\n", false),
        ("From time to time\n", false),
        ("From \n", false),
        ("From: a@b\n", false),
        ("from a@b Mon Jan  1 00:00:00 2024\n", false),
    ])
    func envelope(_ line: String, _ expected: Bool) {
        Array(line.utf8).withUnsafeBytes { #expect(MboxLine.isEnvelope($0) == expected) }
    }

    @Test(arguments: [
        ("Subject: x\n", true), ("X-GM-THRID: 1\r\n", true), ("Subject : obsolete\n", true), ("A:\n", true),
        ("Year: 1963\n", true), ("no colon here\n", false), (": empty name\n", false), ("two words: x\n", false),
        (" folded: x\n", false), ("\n", false),
    ])
    func headerField(_ line: String, _ expected: Bool) {
        Array(line.utf8).withUnsafeBytes { #expect(MboxLine.isHeaderField($0) == expected) }
    }
}
