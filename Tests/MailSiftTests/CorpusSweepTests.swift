import Foundation
import Testing
@testable import MailInput

/// `scan --all` over every file of the shared corpora (other parsers' test messages and 4,646
/// real messages): no crash, no hang, every report valid, and every file accounted for — a
/// record, or an error naming it (files a folder walk skips by their extension aside).
@Suite(.serialized) struct CorpusSweepTests {
    struct Sweep {
        var run: TestSupport.Run
        var recordPaths: Set<String>
        var errorPaths: Set<String>
        var records: Int
    }

    func sweep(_ folder: String) throws -> Sweep {
        let shared = try TestSupport.requireShared()
        let corpus = shared.appendingPathComponent("corpus")
        let run = try TestSupport.run(["scan", "--all", "--format", "ndjson", "--now", TestSupport.now, folder], cwd: corpus)
        // 0, or 1 when some file is not mail; a crash would be a signal, a hang the test's time.
        #expect(run.status == 0 || run.status == 1, "\(folder): exit \(run.status): \(run.stderr.suffix(500))")
        var paths = Set<String>()
        var records = 0
        for line in run.out.split(separator: "\n") {
            records += 1
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if let p = (obj?["source"] as? [String: Any])?["path"] as? String { paths.insert(p) }
        }
        var errors = Set<String>()
        for line in run.stderr.split(separator: "\n") where line.hasPrefix("mailsift: ") && !line.contains(" messages read") {
            let rest = line.dropFirst("mailsift: ".count)
            if let r = rest.range(of: ": not mail") ?? rest.range(of: ": cannot read") ?? rest.range(of: ": no such") {
                errors.insert(String(rest[..<r.lowerBound]))
            }
        }
        let (status, output) = try ContractTests.validate(run.stdout)
        #expect(status == 0, "\(folder): \(output)")
        return Sweep(run: run, recordPaths: paths, errorPaths: errors, records: records)
    }

    func files(under folder: String) throws -> [String] {
        let corpus = try TestSupport.requireShared().appendingPathComponent("corpus")
        let root = corpus.appendingPathComponent(folder)
        var out: [String] = []
        let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = e?.nextObject() as? URL {
            let rel = folder + "/" + url.path.dropFirst(root.path.count + 1)
            if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            out.append(rel)
        }
        return out
    }

    @Test func realWorldMessagesEachGetARecord() throws {
        let s = try sweep("realworld")
        let all = try files(under: "realworld").filter { !FileDetector.isNeverMail(name: ($0 as NSString).lastPathComponent) }
        #expect(s.run.status == 0, "\(s.run.stderr.prefix(500))")
        #expect(s.records == all.count)
        #expect(Set(all).subtracting(s.recordPaths).isEmpty)
    }

    @Test func peerCorpusIsFullyAccountedFor() throws {
        let s = try sweep("peers")
        var missing: [String] = []
        for f in try files(under: "peers") {
            let name = (f as NSString).lastPathComponent
            let inMaildir = f.contains("/cur/") || f.contains("/new/")
            if !inMaildir, FileDetector.isNeverMail(name: name) { continue }
            if s.recordPaths.contains(f) || s.errorPaths.contains(f) { continue }
            // mbox files are reported per message under their own path, so they are in recordPaths.
            missing.append(f)
        }
        #expect(missing.isEmpty, "files with neither a record nor an error: \(missing.prefix(20))")
        #expect(s.records > 700)
    }
}
