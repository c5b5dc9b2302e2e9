import MailInput
import MailMIME
import MailTemplates
import Testing
@testable import MailSift

@Suite struct PipelineTests {
    let pipeline = Pipeline(classifier: Classifier(catalogue: .builtIn()),
                            options: ScanOptions(now: MailDate.parseRFC3339("2025-11-26T12:00:00Z")!, all: true))

    func report(_ text: String) throws -> Report {
        let raw = RawMessage(origin: MessageOrigin(path: "-", index: 0, offset: nil), bytes: Array(text.utf8))
        guard case .report(let r) = pipeline.process(raw) else { throw TestFailure("no report") }
        return r
    }

    @Test func manyLinksAreDeduplicatedKeepingFirstPositionAndText() throws {
        var html = ""
        for i in 0..<50 { html += "<a href=\"https://n.example/\(i % 40)\">\(i < 40 ? "" : "link \(i % 40)")</a>\n" }
        let r = try report("From: a@b.example\nContent-Type: text/html\n\n" + html)
        #expect(r.links.count == 40)
        #expect(r.links.map(\.url) == (0..<40).map { "https://n.example/\($0)" })
        #expect(r.links[5].text == "link 5")
        #expect(r.links[20].text == nil)
    }

    @Test func textAndHTMLPartsMergeInDocumentOrder() throws {
        let r = try report("""
        From: a@b.example
        Content-Type: multipart/alternative; boundary=x

        --x
        Content-Type: text/plain

        See https://one.example/ and https://two.example/
        --x
        Content-Type: text/html

        <a href="https://two.example/">Two</a> <a href="https://three.example/">Three</a>
        --x--
        """)
        #expect(r.links.map(\.url) == ["https://one.example/", "https://two.example/", "https://three.example/"])
        #expect(r.links.map(\.text) == [nil, "Two", "Three"])
    }
}
