import Foundation
import Testing
@testable import MailInput

/// Nothing lost (issue 7): the records `scan --all` reports plus the inputs it names as unreadable
/// or not mail equal the messages in the input, counted here independently of mailsift's reader:
/// one per message file, one per `From ` separator in an mbox. And inputs are only read: a scan
/// leaves the input folder's listing, sizes and modification times as they were.
@Suite(.serialized) struct ReconciliationTests {
    /// An mbox's messages counted as RFC 4155 and `MboxSplitter`'s documentation describe them:
    /// the first line, and every later `From ` line that looks like an envelope (an address, `-`,
    /// or a time of day in it) followed by a header field line, or an envelope with a full date
    /// between two empty lines (an empty message). Written afresh here, on purpose not calling
    /// the splitter.
    static func mboxMessages(_ data: Data) -> Int {
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map { l -> ArraySlice<UInt8> in
            var s = ArraySlice(l)
            if s.last == 0x0D { s = s.dropLast() }
            return s
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard !lines.isEmpty else { return 0 }
        let from = Array("From ".utf8)
        func isField(_ l: ArraySlice<UInt8>) -> Bool {
            guard let colon = l.firstIndex(of: 0x3A), colon > l.startIndex else { return false }
            var name = l[l.startIndex..<colon]
            while name.last == 0x20 || name.last == 0x09 { name = name.dropLast() }
            return !name.isEmpty && name.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != 0x3A }
        }
        func looksLikeEnvelope(_ l: ArraySlice<UInt8>) -> Bool {
            let s = String(decoding: l.dropFirst(5), as: UTF8.self)
            let sender = s.split(separator: " ").first.map(String.init) ?? ""
            return sender.contains("@") || sender == "-" || s.range(of: #"\b\d{1,2}:\d{2}"#, options: .regularExpression) != nil
        }
        func hasFullDate(_ l: ArraySlice<UInt8>) -> Bool {
            String(decoding: l, as: UTF8.self).range(of: #"\b\d{1,2}:\d{2}(:\d{2})?\b.*\b\d{4}\b"#, options: .regularExpression) != nil
        }
        var count = 1
        for i in 1..<lines.count where lines[i].starts(with: from) && looksLikeEnvelope(lines[i]) {
            let next = i + 1 < lines.count ? lines[i + 1] : []
            if isField(next) || (lines[i - 1].isEmpty && next.isEmpty && i + 1 < lines.count && hasFullDate(lines[i])) {
                count += 1
            }
        }
        return count
    }

    /// Per input path the number of messages expected, walking the folder as documented: hidden
    /// entries skipped (but a Maildir++ `.Folder` inside a Maildir is a folder of it), a file of a never-mail type (`.png`, `.zip`, …) skipped inside a folder,
    /// an mbox (first line `From `) counted by separators, any other file one message.
    static func expectedMessages(under root: URL, relativeTo base: URL) throws -> [String: Int] {
        var out: [String: Int] = [:]
        let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = e?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let rel = String(url.path.dropFirst(base.path.count + 1))
            let inMaildir = rel.contains("/cur/") || rel.contains("/new/")
            let components = rel.split(separator: "/")
            if components.last!.hasPrefix(".") { continue }
            if !inMaildir, components.contains(where: { $0.hasPrefix(".") }) { continue }
            if !inMaildir, FileDetector.isNeverMail(name: url.lastPathComponent) { continue }
            let data = try Data(contentsOf: url)
            var body = data[...]
            if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
            out[rel] = body.starts(with: Array("From ".utf8)) && !inMaildir ? mboxMessages(Data(body)) : 1
        }
        return out
    }

    struct Accounted {
        var records: [String: Int] = [:]
        var errors: Set<String> = []
    }

    static func scan(_ folder: String, cwd: URL) throws -> Accounted {
        let run = try TestSupport.run(["scan", "--all", "--format", "ndjson", "--quiet", "--now", TestSupport.now, folder], cwd: cwd)
        #expect(run.status == 0 || run.status == 1, "exit \(run.status): \(run.stderr.suffix(300))")
        var a = Accounted()
        for line in run.out.split(separator: "\n") {
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let path = (obj["source"] as! [String: Any])["path"] as! String
            a.records[path, default: 0] += 1
        }
        for line in run.stderr.split(separator: "\n") where line.hasPrefix("mailsift: ") {
            let rest = line.dropFirst("mailsift: ".count)
            if let r = rest.range(of: ": not mail") ?? rest.range(of: ": cannot read") ?? rest.range(of: ": no such") {
                a.errors.insert(String(rest[..<r.lowerBound]))
            }
        }
        return a
    }

    /// Every input path: its records plus (1 if named as an error) equal its messages; a path
    /// with messages and neither is a lost input.
    static func reconcile(_ folder: String, base: URL) throws {
        let expected = try expectedMessages(under: base.appendingPathComponent(folder), relativeTo: base)
        let got = try scan(folder, cwd: base)
        var wrong: [String] = []
        for (path, n) in expected.sorted(by: { $0.key < $1.key }) {
            let records = got.records[path] ?? 0
            let named = got.errors.contains(path)
            // An unreadable file or one that is not mail is one input, named once.
            if named ? records != 0 : records != n { wrong.append("\(path): \(n) expected, \(records) records\(named ? " + named" : "")") }
        }
        for path in got.records.keys where expected[path] == nil { wrong.append("\(path): reported but not counted") }
        // The issue's equation: records + named inputs = messages (a named input counts once).
        let messages = expected.reduce(0) { $0 + (got.errors.contains($1.key) ? 1 : $1.value) }
        let reported = got.records.values.reduce(0, +)
        #expect(wrong.isEmpty, "\(folder): \(wrong.count) inputs disagree: \(wrong.prefix(10))")
        #expect(reported + got.errors.count == messages)
        #expect(messages > 0)
    }

    @Test func sharedCorpusIsReconciled() throws {
        let corpus = try TestSupport.requireShared().appendingPathComponent("corpus")
        try Self.reconcile("peers", base: corpus)
        try Self.reconcile("realworld", base: corpus)
    }

    @Test func samplesAreReconciled() throws {
        try Self.reconcile("Samples", base: TestSupport.repoRoot)
    }

    @Test func generatedMailboxesAreReconciled() throws {
        let dir = try TempDir()
        // A mailbox with the traps of the format: `From ` in bodies (quoted and not), an
        // envelope-like body line without headers after it, empty messages, CRLF, no final
        // newline, and a message that is only headers.
        var mbox = ""
        var n = 0
        for i in 0..<300 {
            switch i % 6 {
            case 0: mbox += "From sender@example.com Wed Nov 26 10:00:00 2025\nFrom: a@example.com\nSubject: \(i)\n\nFrom time to time, hello.\n>From the quoted line\n\n"
            case 1: mbox += "From - Wed Nov 26 10:00:00 2025\r\nSubject: crlf \(i)\r\n\r\nbody\r\nFrom me@example.com to you\r\n\r\n"
            case 2: mbox += "From MAILER-DAEMON Wed Nov 26 10:00:00 2025\n\n"
            case 3: mbox += "From x@example.com Wed Nov 26 10:00:00 2025\nSubject: headers only \(i)\n\n"
            case 4: mbox += "From y@example.com Wed Nov 26 10:00:00 2025\nX: 1\n\nFrom y@example.com Wed Nov 26 10:00:00 2025\nnot a header line\n\n"
            default: mbox += "From z@example.com Wed Nov 26 10:00:00 2025\nSubject: last \(i)\n\nno newline at the end of this one"
                if i != 299 { mbox += "\n\n" }
            }
            n += 1
        }
        let folder = dir.url.appendingPathComponent("gen")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(mbox.utf8).write(to: folder.appendingPathComponent("traps.mbox"))
        #expect(Self.mboxMessages(Data(mbox.utf8)) == n)
        // Maildir and loose files beside it, and something that is not mail.
        for sub in ["Maildir/cur", "Maildir/new", "Maildir/tmp"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for i in 0..<20 {
            try Data("Subject: m\(i)\n\nx\n".utf8).write(to: folder.appendingPathComponent("Maildir/\(i % 2 == 0 ? "cur" : "new")/\(i).host:2,S"))
            try Data("From: l@example.com\nSubject: loose \(i)\n\nx\n".utf8).write(to: folder.appendingPathComponent("loose-\(i).eml"))
        }
        try Data([0x25, 0x50, 0x44, 0x46, 0x2D]).write(to: folder.appendingPathComponent("doc.eml"))
        try Self.reconcile("gen", base: dir.url)

        // The shared generator's mailbox, whose truth file counts its messages.
        let shared = try TestSupport.requireShared()
        let out = dir.url.appendingPathComponent("bench")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let (status, text) = try TestSupport.python([shared.appendingPathComponent("bench/gen_corpus.py").path, "--messages", "300",
                                                     "--format", "mbox", "--out", out.appendingPathComponent("corpus.mbox").path,
                                                     "--seed", "11", "--truth", dir.url.appendingPathComponent("truth.jsonl").path])
        #expect(status == 0, "\(text)")
        let truth = try String(contentsOf: dir.url.appendingPathComponent("truth.jsonl"), encoding: .utf8).split(separator: "\n").count
        let got = try Self.scan("bench", cwd: dir.url)
        #expect(got.records.values.reduce(0, +) == truth)
        #expect(got.errors.isEmpty)
        #expect(Self.mboxMessages(try Data(contentsOf: out.appendingPathComponent("corpus.mbox"))) == truth)
    }

    // MARK: Read-only

    struct Entry: Hashable {
        var path: String
        var size: UInt64
        var mtime: Date
        var mode: Int
    }

    static func snapshot(_ root: URL) -> Set<Entry> {
        var out = Set<Entry>()
        let e = FileManager.default.enumerator(atPath: root.path)
        while let rel = e?.nextObject() as? String {
            let attrs = (try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(rel).path)) ?? [:]
            out.insert(Entry(path: rel, size: (attrs[.size] as? NSNumber)?.uint64Value ?? 0,
                             mtime: attrs[.modificationDate] as? Date ?? .distantPast,
                             mode: (attrs[.posixPermissions] as? NSNumber)?.intValue ?? 0))
        }
        return out
    }

    @Test func inputsAreNeverWritten() throws {
        let dir = try TempDir()
        // A copy of the samples (mail files, mboxes, Maildirs) made read-only to the owner too:
        // a write attempt would fail (as a non-root user) and the snapshot would differ.
        let input = dir.url.appendingPathComponent("in")
        try FileManager.default.copyItem(at: TestSupport.repoRoot.appendingPathComponent("Samples"), to: input)
        let before = Self.snapshot(input)
        #expect(before.count > 20)
        for args in [["scan", "--all", "--format", "ndjson"], ["scan", "--format", "text"], ["links", "--every"],
                     ["explain"], ["parts"], ["diagnose", "--format", "json"]] {
            let run = try TestSupport.run(args + (args[0] == "parts" ? [] : ["--now", TestSupport.now]) + [input.path], cwd: dir.url)
            #expect(run.status == 0 || run.status == 1, "\(args): \(run.stderr.suffix(200))")
        }
        #expect(Self.snapshot(input) == before)
        // Nothing appeared beside the input either (the working folder was its parent).
        let beside = try FileManager.default.contentsOfDirectory(atPath: dir.url.path)
        #expect(beside == ["in"])
    }
}
