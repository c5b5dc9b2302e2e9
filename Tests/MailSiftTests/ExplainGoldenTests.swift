import Foundation
import Testing

/// `mailsift explain` pinned for a few samples that exercise each section: a token expiry, an
/// attached forward, an inline forward with a phrase expiry, a look-alike phishing mail and an
/// unrecognised one. `Tests/Goldens/explain/NAME.txt` is exactly what
/// `mailsift explain --now 2025-11-26T12:00:00Z Samples/NAME.eml` prints.
@Suite struct ExplainGoldenTests {
    static let names = [
        "04-reset-password-multipart-jwt-crlf",
        "13-aktivasi-forwarded-rfc822-crlf",
        "15-other-siakad-aktivasi",
        "18-phishing-aktivasi-lookalike-domain",
        "28-reset-password-inline-forward-gmail-id",
    ]

    @Test(arguments: names)
    func explainMatchesGolden(_ name: String) throws {
        let run = try TestSupport.run(["explain", "--now", TestSupport.now, "Samples/\(name).eml"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let golden = TestSupport.repoRoot.appendingPathComponent("Tests/Goldens/explain/\(name).txt")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try run.stdout.write(to: golden)
            Issue.record("recorded \(golden.lastPathComponent); read it, then run again without RECORD_GOLDEN")
            return
        }
        let expected = try Data(contentsOf: golden)
        #expect(run.out == String(decoding: expected, as: UTF8.self), "\(name): explain output differs from \(golden.lastPathComponent)")
    }

    @Test func controlCharactersFromTheMessageNeverReachTheTerminal() throws {
        let hostile = "From: \u{1B}]0;pwned\u{07}Eve <e@x.example>\nSubject: \u{1B}[2J\u{202E}gpj.exe\nContent-Type: text/html\n\n<a href=\"https://x.example/\u{1B}[31m\">\u{1B}[1mclick</a>\n"
        let run = try TestSupport.run(["explain", "-"], stdin: Data(hostile.utf8))
        #expect(run.status == 0)
        #expect(!run.out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(run.out.contains("click"))
    }

    @Test func indexPicksOneMessageOfAMailbox() throws {
        let run = try TestSupport.run(["explain", "--index", "2", "--now", TestSupport.now, "Samples/26-takeout-export.mbox"])
        #expect(run.status == 0)
        #expect(run.out.hasPrefix("Samples/26-takeout-export.mbox #2\n"))
        #expect(run.out.components(separatedBy: "\nMIME tree\n").count == 2)
    }
}
