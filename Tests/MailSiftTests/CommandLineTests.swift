import Foundation
import Testing

/// The command line as users and scripts meet it: exit codes, stderr wording, stdin, formats.
@Suite struct CommandLineTests {
    let sample = "Samples/01-aktivasi-multipart-qp.eml"

    @Test func missingAndNonMailInputsAreNamedAndTheRestStillProcessed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("picture.eml")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(to: png)
        let run = try TestSupport.run(["scan", "--format", "ndjson", "--now", TestSupport.now,
                                       "no/such/file.eml", png.path, sample])
        #expect(run.status == 1)
        #expect(run.stderr.contains("mailsift: no/such/file.eml: "))
        #expect(run.stderr.contains("mailsift: \(png.path): "))
        #expect(run.out.split(separator: "\n").count == 1)
        #expect(run.out.contains("\"kind\":\"aktivasi-akun\""))
    }

    @Test func usageErrorsExit64() throws {
        #expect(try TestSupport.run(["scan", "--now", "yesterday", sample]).status == 64)
        #expect(try TestSupport.run(["scan", "--format", "xml", sample]).status == 64)
        #expect(try TestSupport.run(["scan", "--no-such-flag"]).status == 64)
    }

    @Test func standardInputIsOneMessage() throws {
        let bytes = try Data(contentsOf: TestSupport.repoRoot.appendingPathComponent(sample))
        let viaStdin = try TestSupport.run(["scan", "--format", "ndjson", "--now", TestSupport.now], stdin: bytes)
        let viaDash = try TestSupport.run(["scan", "--format", "ndjson", "--now", TestSupport.now, "-"], stdin: bytes)
        #expect(viaStdin.status == 0)
        #expect(viaStdin.out.contains("\"path\":\"-\""))
        #expect(viaStdin.out.contains("\"action_url\":\"https://bsre.bssn.go.id/email/aktivasi/akun/c1fa22f9-2917-49aa-9257-afac6e510cd0\""))
        #expect(viaStdin.out == viaDash.out)
    }

    @Test func standardInputMayBeAnMboxStream() throws {
        let bytes = try Data(contentsOf: TestSupport.repoRoot.appendingPathComponent("Samples/26-takeout-export.mbox"))
        let run = try TestSupport.run(["scan", "--all", "--format", "ndjson", "--now", TestSupport.now], stdin: bytes)
        #expect(run.status == 0)
        let lines = run.out.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[3].contains("\"index\":3"))
        #expect(lines[1].contains("\"labels\":[\"Spam\",\"Unread\"]"))
    }

    @Test func defaultReportsOnlyRecognisedMessagesAndTheSummaryCountsAll() throws {
        let everything = try TestSupport.run(["scan", "--all", "--format", "ndjson", "--now", TestSupport.now, "Samples"])
        let total = everything.out.split(separator: "\n").count
        let others = everything.out.split(separator: "\n").filter { $0.contains("\"kind\":\"other\"") }.count
        let run = try TestSupport.run(["scan", "--format", "ndjson", "--summary", "--now", TestSupport.now, "Samples"])
        #expect(run.status == 0)
        let lines = run.out.split(separator: "\n")
        #expect(!lines.contains { $0.contains("\"kind\":\"other\"") })
        #expect(lines.count == total - others)
        #expect(run.stderr.contains("\(total) messages read"), "\(run.stderr)")
        #expect(run.stderr.contains("other \(others)"), "\(run.stderr)")
    }

    @Test func passwordsAreRedactedUnlessRevealed() throws {
        let file = "Samples/03-informasi-akun-multipart-base64.eml"
        let hidden = try TestSupport.run(["scan", "--format", "ndjson", "--now", TestSupport.now, file])
        #expect(hidden.out.contains("\"password\":\"[redacted]\""))
        let shown = try TestSupport.run(["scan", "--format", "ndjson", "--reveal-secrets", "--now", TestSupport.now, file])
        #expect(!shown.out.contains("[redacted]"))
        #expect(shown.out.contains("\"password\":\""))
    }

    @Test func linksPrintsOneActionURLPerLineAndFilters() throws {
        let all = try TestSupport.run(["links", "--now", TestSupport.now, "Samples"])
        #expect(all.status == 0)
        let urls = all.out.split(separator: "\n")
        #expect(urls.count >= 15)
        #expect(urls.allSatisfy { $0.hasPrefix("https://") })
        let resets = try TestSupport.run(["links", "--kind", "reset-password", "--valid", "--now", TestSupport.now, "Samples"])
        let resetURLs = resets.out.split(separator: "\n")
        #expect(!resetURLs.isEmpty)
        #expect(resetURLs.allSatisfy { $0.contains("/login-actions/action-token") })
        #expect(resetURLs.count < urls.filter { $0.contains("/login-actions/") }.count)
        let every = try TestSupport.run(["links", "--every", "--now", TestSupport.now, sample])
        #expect(every.out.split(separator: "\n").count > 1)
    }

    @Test func textFormatStripsTerminalControlSequences() throws {
        let hostile = """
        From: "Evil\u{1B}]0;pwned\u{07}" <noreply.bsre@bssn.go.id>
        To: agung@ub.ac.id
        Subject: Aktivasi Akun \u{1B}[2J\u{202E}kcatta
        Date: Tue, 25 Nov 2025 09:13:00 +0700
        Content-Type: text/plain; charset=utf-8

        Hai AGUNG\u{1B}[31m
        Terima kasih telah bergabung di Layanan Balai Sertifikasi Elektronik.
        Aktivasi Akun: https://bsre.bssn.go.id/email/aktivasi/akun/c1fa22f9-2917-49aa-9257-afac6e510cd0
        """
        let run = try TestSupport.run(["scan", "--format", "text", "--now", TestSupport.now], stdin: Data(hostile.utf8))
        #expect(run.status == 0)
        #expect(run.out.contains("aktivasi-akun"))
        #expect(!run.out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        let json = try TestSupport.run(["scan", "--format", "ndjson", "--now", TestSupport.now], stdin: Data(hostile.utf8))
        #expect(json.out.contains("\\u001b"))
    }
}
