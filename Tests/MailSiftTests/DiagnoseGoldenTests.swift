import Foundation
import Testing

/// `mailsift diagnose` on six registrants' mailbox exports (Samples/diagnose, made by
/// scripts/make_diagnose_samples.py), pinned in all three formats, with a fixed reference time.
/// `Tests/Goldens/diagnose/NAME.{txt,json,html}` is exactly what
/// `mailsift diagnose --now 2025-11-26T12:00:00+07:00 --format F Samples/diagnose/NAME` prints.
@Suite struct DiagnoseGoldenTests {
    static let now = "2025-11-26T12:00:00+07:00"
    static let samples = [
        "01-agung-semua-lengkap.mbox", "02-dewi-aktivasi-di-spam.mbox", "03-rizky-reset-kedaluwarsa",
        "04-siti-informasi-akun-hilang.mbox", "05-helpdesk-terusan", "06-putri-gagal-terkirim.mbox",
    ]
    static let cases: [(String, String, [String])] = samples.flatMap { s in
        [("text", "txt", []), ("json", "json", []), ("html", "html", [])].map { (s, $0.1, ["--format", $0.0] + $0.2) }
    } + [("02-dewi-aktivasi-di-spam.mbox", "en.txt", ["--format", "text", "--lang", "en"]),
         ("03-rizky-reset-kedaluwarsa", "en.html", ["--format", "html", "--lang", "en"])]

    @Test(arguments: cases.map { "\($0.0)|\($0.1)|\($0.2.joined(separator: " "))" })
    func diagnosisMatchesGolden(_ spec: String) throws {
        let bits = spec.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let (sample, ext, args) = (bits[0], bits[1], bits[2].split(separator: " ").map(String.init))
        let run = try TestSupport.run(["diagnose", "--now", Self.now] + args + ["Samples/diagnose/\(sample)"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let base = sample.hasSuffix(".mbox") ? String(sample.dropLast(5)) : sample
        let golden = TestSupport.repoRoot.appendingPathComponent("Tests/Goldens/diagnose/\(base).\(ext)")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try run.stdout.write(to: golden)
            Issue.record("recorded \(golden.lastPathComponent); read it, then run again without RECORD_GOLDEN")
            return
        }
        let expected = try Data(contentsOf: golden)
        #expect(run.out == String(decoding: expected, as: UTF8.self), "\(base).\(ext) differs")
    }

    @Test func jsonValidatesAgainstTheSchema() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-diag-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        for s in Self.samples {
            let run = try TestSupport.run(["diagnose", "--format", "json", "--now", Self.now, "Samples/diagnose/\(s)"])
            let f = dir.appendingPathComponent("\(s).json")
            try run.stdout.write(to: f)
            files.append(f.path)
        }
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        for f in sys.argv[2:]:
            jsonschema.validate(json.load(open(f)), schema, format_checker=jsonschema.FormatChecker())
        print("valid", len(sys.argv) - 2)
        """
        let (status, output) = try TestSupport.python(["-c", script, TestSupport.repoRoot.appendingPathComponent("docs/diagnosis.schema.json").path] + files)
        #expect(status == 0, "\(output)")
        #expect(output.contains("valid 6"))
    }

    @Test func secretsStayMaskedAndPasswordsNeverAppear() throws {
        for format in ["text", "json", "html"] {
            let run = try TestSupport.run(["diagnose", "--format", format, "--now", Self.now, "Samples/diagnose/01-agung-semua-lengkap.mbox"])
            #expect(!run.out.contains("Xr7#kPq2!mZ") && !run.out.contains("Xr7#kPq2!mZ".replacingOccurrences(of: "#", with: "&#35;")))
            #expect(!run.out.contains("c1fa22f9-2917-49aa-9257-afac6e510cd0"), "\(format) shows the activation token")
        }
        let shown = try TestSupport.run(["diagnose", "--show-links", "--now", Self.now, "Samples/diagnose/01-agung-semua-lengkap.mbox"])
        #expect(shown.out.contains("c1fa22f9-2917-49aa-9257-afac6e510cd0"))
        #expect(!shown.out.contains("Xr7#kPq2!mZ"))
    }

    @Test func userRestrictsToOneRecipientAndOutputGoesToAFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-diag-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try TestSupport.run(["diagnose", "--user", "NOBODY@example.com", "--format", "html", "--output", file.path,
                                       "--now", Self.now, "Samples/diagnose/01-agung-semua-lengkap.mbox"])
        #expect(run.status == 0 && run.out.isEmpty)
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.contains("Tidak ada email BSrE untuk penerima mana pun"))
        #expect(!html.contains("src=") && !html.contains("href=\"http"), "the page loads nothing from outside")
    }
}
