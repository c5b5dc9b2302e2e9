import Testing
@testable import MailMIME

@Suite struct HeaderParserTests {
    func parse(_ s: String) -> HeaderParser.Result { HeaderParser.parse(Array(s.utf8)[...]) }
    func value(_ r: HeaderParser.Result, _ name: String) -> String? {
        r.headers.first(name).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func unfoldsContinuationLinesKeepingWhitespace() {
        let r = parse("Subject: Aktivasi\r\n  Akun\r\nFrom: a@b\r\n\r\nbody")
        #expect(value(r, "subject") == "Aktivasi  Akun")
        #expect(value(r, "from") == "a@b")
        #expect(r.bodyStart == Array("Subject: Aktivasi\r\n  Akun\r\nFrom: a@b\r\n\r\n".utf8).count)
    }

    @Test func bareLFAndCRLFGiveTheSameFields() {
        let lf = parse("To: x@y\nSubject: hi\n\nbody")
        let crlf = parse("To: x@y\r\nSubject: hi\r\n\r\nbody")
        #expect(value(lf, "subject") == value(crlf, "subject"))
        #expect(value(lf, "to") == "x@y")
    }

    @Test func skipsMboxEnvelopeLine() {
        let r = parse("From agung@example.com Tue Nov 25 10:00:00 2025\nSubject: x\n\nb")
        #expect(r.headers.fields.map(\.key) == ["subject"])
    }

    @Test func duplicateFieldsKeptFirstWins() {
        let r = parse("Subject: one\nSubject: two\n\n")
        #expect(value(r, "subject") == "one")
        #expect(r.headers.all("subject").count == 2)
    }

    @Test func malformedLineSkippedWithWarning() {
        let r = parse("Subject: x\nthis is not a header\nFrom: a@b\n\nbody")
        #expect(value(r, "from") == "a@b")
        #expect(r.warnings.map(\.code) == ["malformed-header"])
    }

    @Test func bodyWithoutBlankLineIsFound() {
        let text = "Subject: x\nFrom: a@b\nHello there,\nthis is the body\nof a message\nwithout a blank line\n"
        let r = parse(text)
        #expect(value(r, "from") == "a@b")
        let body = String(decoding: Array(text.utf8)[r.bodyStart...], as: UTF8.self)
        #expect(body.hasPrefix("Hello there,"))
        #expect(r.warnings.map(\.code).contains("missing-header-end"))
    }

    @Test func spaceBeforeColonIsObsoleteButAccepted() {
        let r = parse("Subject : hi\n\n")
        #expect(value(r, "subject") == "hi")
    }

    @Test func headersOnlyMessageHasEmptyBody() {
        let text = "Subject: x\nFrom: a@b\n"
        let r = parse(text)
        #expect(r.bodyStart == Array(text.utf8).count)
        #expect(r.headers.fields.count == 2)
    }

    @Test func fieldCountLimitWarns() {
        var limits = MIMELimits()
        limits.maxHeaderFields = 3
        let text = (0..<10).map { "X-H\($0): v\n" }.joined() + "\nbody"
        let r = HeaderParser.parse(Array(text.utf8)[...], limits: limits)
        #expect(r.headers.fields.count == 3)
        #expect(r.warnings.map(\.code) == ["too-many-headers"])
    }

    @Test func oneMegabyteHeaderLineIsBounded() {
        let text = "Subject: " + String(repeating: "a", count: 1 << 20) + "\n\nbody"
        let r = parse(text)
        #expect((r.headers.first("subject")?.count ?? 0) <= MIMELimits().maxHeaderLineBytes)
        #expect(String(decoding: Array(text.utf8)[r.bodyStart...], as: UTF8.self) == "body")
    }
}
