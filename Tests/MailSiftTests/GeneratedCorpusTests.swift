import Foundation
import Testing

/// The shared generator's mailboxes (realistic noise, the four kinds in both layouts, forwards,
/// traps, damage) in all three forms, scored by the shared scorer: it must be perfect. And the
/// output must not depend on the number of jobs.
@Suite(.serialized) struct GeneratedCorpusTests {
    static let messages = 400

    func generate(_ format: String) throws -> (out: URL, truth: URL) {
        let shared = try TestSupport.requireShared()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-gen-\(format)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent(format == "mbox" ? "corpus.mbox" : "corpus")
        let truth = dir.appendingPathComponent("truth.jsonl")
        try python([shared.appendingPathComponent("bench/gen_corpus.py").path, "--messages", "\(Self.messages)",
                    "--format", format, "--out", out.path, "--seed", "7", "--truth", truth.path])
        return (out, truth)
    }

    @discardableResult
    func python(_ args: [String]) throws -> String {
        let (status, text) = try TestSupport.python(args)
        if status != 0 { throw TestFailure("python3 \(args.first ?? ""): exit \(status): \(text)") }
        return text
    }

    /// Scores a run; for Maildir and eml-dir forms every file is message 0 of its own input, so
    /// the truth's `file` field maps each report back to its message number first.
    func score(_ run: Data, truth: URL, root: URL?) throws -> String {
        var lines: [String] = []
        var index: [String: Int] = [:]
        if let root {
            for line in try String(contentsOf: truth, encoding: .utf8).split(separator: "\n") {
                let t = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                index[root.appendingPathComponent(t["file"] as! String).path] = t["index"] as? Int
            }
        }
        for line in String(decoding: run, as: UTF8.self).split(separator: "\n") {
            var r = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            if root != nil {
                var source = r["source"] as! [String: Any]
                let path = source["path"] as! String
                guard let i = index[path] else { throw TestFailure("report for a file the truth does not know: \(path)") }
                source["index"] = i
                r["source"] = source
            }
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: r), as: UTF8.self))
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-run-\(UUID().uuidString).ndjson")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let shared = try TestSupport.requireShared()
        return try python([shared.appendingPathComponent("bench/score_run.py").path, truth.path, file.path])
    }

    @Test(arguments: ["mbox", "maildir", "eml-dir"])
    func scoreIsPerfect(_ format: String) throws {
        let (out, truth) = try generate(format)
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let run = try TestSupport.run(["scan", "--all", "--format", "ndjson", "--now", "2026-11-28T00:00:00Z", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.out.split(separator: "\n").count == Self.messages)
        let report = try score(run.stdout, truth: truth, root: format == "mbox" ? nil : out)
        #expect(report.contains("kind accuracy 1.0000"), "\(report)")
        #expect(report.contains("false positives 0"), "\(report)")
        // The default mode reports only recognised messages and must find the same ones.
        let quick = try TestSupport.run(["scan", "--format", "ndjson", "--now", "2026-11-28T00:00:00Z", out.path])
        let quickReport = try score(quick.stdout, truth: truth, root: format == "mbox" ? nil : out)
        #expect(quickReport.contains("kind accuracy 1.0000"), "\(quickReport)")
    }

    @Test func outputIsIdenticalWhateverTheJobs() throws {
        let (out, _) = try generate("mbox")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let one = try TestSupport.run(["scan", "--all", "--jobs", "1", "--format", "ndjson", "--now", "2026-11-28T00:00:00Z", out.path])
        let four = try TestSupport.run(["scan", "--all", "--jobs", "4", "--format", "ndjson", "--now", "2026-11-28T00:00:00Z", out.path])
        #expect(one.status == 0 && four.status == 0)
        #expect(one.stdout == four.stdout)
        #expect(one.out.split(separator: "\n").count == Self.messages)
    }
}
