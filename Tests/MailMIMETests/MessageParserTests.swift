import Testing
@testable import MailMIME

@Suite struct MessageParserTests {
    func parse(_ s: String) -> Message { MessageParser.parse(Array(s.utf8)) }
    func text(_ p: MIMEPart) -> String { p.decodedText().text }

    @Test func nestedMultipartWithPreambleAndEpilogue() {
        let m = parse("""
        Content-Type: multipart/mixed; boundary="outer"

        This is the preamble.
        --outer
        Content-Type: multipart/alternative; boundary=inner

        --inner
        Content-Type: text/plain

        plain
        --inner
        Content-Type: text/html

        <p>html</p>
        --inner--
        --outer
        Content-Type: application/pdf
        Content-Disposition: attachment; filename="a.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0=
        --outer--
        epilogue
        """)
        #expect(m.root.children.count == 2)
        let alt = m.root.children[0]
        #expect(alt.mediaType == "multipart/alternative")
        #expect(alt.children.map(\.mediaType) == ["text/plain", "text/html"])
        #expect(text(alt.children[0]) == "plain")
        #expect(text(alt.children[1]) == "<p>html</p>")
        #expect(m.root.children[1].filename == "a.pdf")
        #expect(m.root.children[1].decodedBody().bytes == Array("%PDF-".utf8))
        #expect(alt.children[1].path == "1.2")
        #expect(m.allWarnings.isEmpty)
    }

    @Test func missingClosingBoundaryKeepsLastPartWithWarning() {
        let m = parse("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\none\n--b\nContent-Type: text/plain\n\ntwo\n")
        #expect(m.root.children.count == 2)
        #expect(text(m.root.children[1]) == "two\n")
        #expect(m.allWarnings.map(\.code) == ["missing-boundary"])
    }

    @Test func boundaryThatIsOnlyAPrefixDoesNotSplit() {
        let m = parse("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nsee --bx here\n--bx\nstill one\n--b--\n")
        #expect(m.root.children.count == 1)
        #expect(text(m.root.children[0]).contains("--bx"))
    }

    @Test func crlfLineBreakBeforeDelimiterBelongsToIt() {
        let m = parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nbody\r\n--b--  \r\n")
        #expect(text(m.root.children[0]) == "body")
    }

    @Test func attachedMessageIsDescendedInto() {
        let m = parse("""
        Subject: Fwd: Aktivasi Akun
        Content-Type: multipart/mixed; boundary=x

        --x
        Content-Type: text/plain

        note
        --x
        Content-Type: message/rfc822

        Subject: Aktivasi Akun
        From: noreply.bsre@bssn.go.id

        inner body
        --x--
        """)
        let attached = m.root.children[1]
        #expect(attached.isMessage)
        #expect(attached.children.count == 1)
        #expect(attached.children[0].headers.text("subject")?.text == "Aktivasi Akun")
        #expect(text(attached.children[0]) == "inner body")
    }

    @Test func digestPartsDefaultToMessages() {
        let m = parse("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nbody\n--d--\n")
        #expect(m.root.children[0].mediaType == "message/rfc822")
        #expect(m.root.children[0].children[0].headers.text("subject")?.text == "one")
    }

    @Test func multipartWithoutBoundaryIsReadAsText() {
        let m = parse("Content-Type: multipart/mixed\n\nhello")
        #expect(m.root.mediaType == "text/plain")
        #expect(m.allWarnings.map(\.code) == ["missing-boundary"])
    }

    @Test func thousandDeepMultipartIsBounded() {
        var s = ""
        for i in 0..<1000 { s += "Content-Type: multipart/mixed; boundary=b\(i)\n\n--b\(i)\n" }
        s += "Content-Type: text/plain\n\ndeep\n"
        let m = parse(s)
        #expect(m.allWarnings.contains { $0.code == "too-deep" })
        var depth = 0
        var p = m.root
        while let c = p.children.first { p = c; depth += 1 }
        #expect(depth == MIMELimits().maxDepth)
    }

    @Test func headerAccessorsDecode() {
        let m = parse("""
        From: =?UTF-8?Q?Balai_Sertifikasi_Elektronik?= <noreply.bsre@bssn.go.id>
        To: Agung <agung@ub.ac.id>, budi@ub.ac.id
        Date: Tue, 25 Nov 2025 09:13:00 +0700
        Message-ID:  <abc@bssn.go.id>
        Subject: =?UTF-8?B?QWt0aXZhc2kg?=
         =?UTF-8?B?QWt1bg==?=

        x
        """)
        #expect(m.from.first?.name == "Balai Sertifikasi Elektronik")
        #expect(m.to.map(\.address) == ["agung@ub.ac.id", "budi@ub.ac.id"])
        #expect(m.messageID == "abc@bssn.go.id")
        #expect(m.subject?.text == "Aktivasi Akun")
        #expect(m.date?.rfc3339 == "2025-11-25T09:13:00+07:00")
    }

    // From the stalwart (Dovecot) conformance cases malformed/013 and malformed/014: a delimiter
    // at the very end of a truncated message opens no part, and a nested multipart whose body
    // is empty stays a multipart with no parts instead of becoming an empty text part.
    @Test func truncatedFinalDelimiterOpensNoPart() {
        let m = parse("Content-Type: multipart/mixed; boundary=\"1\"\n\n--1\nContent-Type: text/plain\n\nhello, world\n--1\n")
        #expect(m.root.children.map(\.mediaType) == ["text/plain"])
        #expect(m.root.warnings.map(\.code) == ["missing-boundary"])
        let kept = parse("Content-Type: multipart/mixed; boundary=1\n\n--1\n\nfirst\n--1\n\nsecond\n")
        #expect(kept.root.children.map { text($0) } == ["first", "second\n"])
    }

    @Test func emptyNestedMultipartHasNoParts() {
        let m = parse("""
        Content-Type: multipart/mixed; boundary="a"

        --a
        Content-Type: multipart/alternative; boundary="b"

        --a
        Content-Type: text/plain

        body
        --a--
        """)
        #expect(m.root.children.map(\.mediaType) == ["multipart/alternative", "text/plain"])
        #expect(m.root.children[0].children.isEmpty)
        #expect(m.root.children[0].warnings.map(\.code) == ["empty-multipart"])
        #expect(text(m.root.children[1]) == "body")
    }

    // malformed/007: the blank line after a part's headers is missing and its first delimiter
    // follows at once; the delimiter starts the body rather than being skipped as a bad header.
    @Test func delimiterRightAfterHeadersStartsTheBody() {
        let m = parse("""
        Content-Type: multipart/mixed; boundary="a"

        --a
        Content-Type: multipart/mixed; boundary="ab"
        MIME-Version: 1.0
        --ab
        Content-Type: text/plain

        inner
        --ab--
        --a--
        """)
        let inner = m.root.children[0]
        #expect(inner.mediaType == "multipart/mixed")
        #expect(inner.children.map { text($0) } == ["inner"])
        #expect(inner.warnings.map(\.code).contains("missing-header-end"))
    }

    // mime4j multipartnopart / missing-inner-start-boundary: only the close delimiter appears.
    // That is a multipart with no parts (its text is preamble), not a boundary that "never occurs".
    @Test func closeDelimiterAloneMakesAMultipartWithNoParts() {
        let m = parse("Content-Type: multipart/mixed; boundary=b\n\nsome preamble\n--b--\nepilogue\n")
        #expect(m.root.mediaType == "multipart/mixed")
        #expect(m.root.children.isEmpty)
        #expect(m.root.warnings.map(\.code) == ["empty-multipart"])
    }
}
