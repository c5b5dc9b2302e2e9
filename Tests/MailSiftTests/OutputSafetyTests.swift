import Foundation
import Testing
import MailHTML
import MailSift

/// What mailsift prints is safe to show on a shared terminal and to keep in logs: no terminal
/// control sequences or bidi overrides from a message in text output, JSON that parses whatever
/// the message held, no network access while parsing HTML, and no secret printed unless asked.
@Suite struct OutputSafetyTests {
    // MARK: Terminal text

    @Test func escapeSequencesAreRemovedWhole() {
        let s = TerminalText.sanitize
        #expect(s("a\u{1B}[31mred\u{1B}[0m b") == "a\u{FFFD}red\u{FFFD} b")
        // A window title (OSC 0, ended by BEL) and a hyperlink (OSC 8, ended by ST): nothing of them shows.
        #expect(s("x\u{1B}]0;pwned\u{07}y") == "x\u{FFFD}y")
        #expect(s("\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\") == "\u{FFFD}click\u{FFFD}")
        // C1 CSI (U+009B) and DCS; a keypad-mode ESC =; a lone ESC at the end.
        #expect(s("a\u{9B}2Jb") == "a\u{FFFD}b")
        #expect(s("a\u{90}q\u{9C}b") == "a\u{FFFD}b")
        #expect(s("a\u{1B}=b\u{1B}") == "a\u{FFFD}b\u{FFFD}")
        // C0, DEL, C1, NUL; a tab is a space.
        #expect(s("a\u{0}b\u{7}c\u{7F}d\u{85}e\tf\r\ng") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e f\u{FFFD}\u{FFFD}g")
        // Bidi overrides and isolates, the invisible marks, line and paragraph separators.
        for u in ["\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
                  "\u{200E}", "\u{200F}", "\u{061C}", "\u{2028}", "\u{2029}"] {
            #expect(s("a\(u)b") == "a\u{FFFD}b")
        }
        // Text a person wants is kept: accents, Indonesian, emoji, CJK, right-to-left letters.
        let kept = "Sertifikat Elektronik — é ü 🙂 漢字 שלום"
        #expect(s(kept) == kept)
        #expect(TerminalText.isSafe(s("\u{1B}[2J\u{202E}\u{9B}x")))
    }

    static let hostileSubject = "=?utf-8?b?\(Data("Aktivasi \u{1B}]0;owned\u{07}\u{1B}[2J\u{202E}gnp.exe\u{9B}31m \"q\" \\b\\ \u{2028}\u{2029}\u{0}end".utf8).base64EncodedString())?="
    static let hostileName = "=?utf-8?b?\(Data("Admin\u{1B}[8m\u{202E} BSrE\u{7F}".utf8).base64EncodedString())?="

    /// Sample 01 (an Aktivasi Akun mail) with a hostile subject and display name.
    static func hostileSample(in dir: URL) throws -> URL {
        var text = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("Samples/01-aktivasi-multipart-qp.eml"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        text = lines.map { line in
            if line.hasPrefix("Subject:") { return "Subject: " + hostileSubject + (line.hasSuffix("\r") ? "\r" : "") }
            if line.hasPrefix("To:") { return "To: " + hostileName + " <a@example.com>" + (line.hasSuffix("\r") ? "\r" : "") }
            return line
        }.joined(separator: "\n")
        let url = dir.appendingPathComponent("hostile.eml")
        try Data(text.utf8).write(to: url)
        return url
    }

    static func requireTerminalSafe(_ out: String, _ what: String) {
        for u in out.unicodeScalars {
            switch u.value {
            case 0x0A: continue
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029:
                Issue.record("\(what) holds U+\(String(u.value, radix: 16, uppercase: true))")
                return
            default: continue
            }
        }
    }

    @Test func textExplainAndDiagnoseOutputsHoldNoControlCharacters() throws {
        let dir = try TempDir()
        let file = try Self.hostileSample(in: dir.url)
        let now = TestSupport.now
        for args in [["scan", "--format", "text"], ["scan", "--all", "--format", "text"], ["explain"],
                     ["diagnose", "--format", "text", "--color", "never"], ["diagnose", "--format", "text", "--color", "always"]] {
            let run = try TestSupport.run(args + ["--now", now, file.path])
            #expect(run.status == 0, "\(args): \(run.stderr)")
            let out = args.contains("always") ? run.out.replacingOccurrences(of: #"\u{1B}\[[0-9;]*m"#, with: "", options: .regularExpression) : run.out
            Self.requireTerminalSafe(out, args.joined(separator: " "))
            Self.requireTerminalSafe(run.stderr, args.joined(separator: " ") + " (stderr)")
        }
        // An error message naming a hostile path is sanitised too.
        let bad = dir.url.appendingPathComponent("x\u{1B}]0;t\u{07}\u{202E}.eml")
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: bad)
        let run = try TestSupport.run(["scan", bad.path])
        #expect(run.status == 1)
        Self.requireTerminalSafe(run.stderr, "error message")
    }

    @Test func jsonEscapesHostileStringsAndRoundTrips() throws {
        let dir = try TempDir()
        let file = try Self.hostileSample(in: dir.url)
        let run = try TestSupport.run(["scan", "--format", "ndjson", "--now", TestSupport.now, file.path])
        #expect(run.status == 0)
        // Raw bytes: no control byte, and no U+2028/2029 unescaped (they end lines in JavaScript).
        #expect(!run.stdout.dropLast().contains { $0 < 0x20 || $0 == 0x7F })
        #expect(run.out.range(of: "\u{2028}") == nil && run.out.range(of: "\u{2029}") == nil)
        #expect(run.out.contains(#"\u2028\u2029"#))
        let obj = try JSONSerialization.jsonObject(with: run.stdout) as! [String: Any]
        let subject = obj["subject"] as! String
        #expect(subject.hasPrefix("Aktivasi \u{1B}]0;owned\u{07}"))
        #expect(subject.contains("\"q\" \\b\\ \u{2028}\u{2029}\u{0}end"))
        let to = (obj["to"] as! [[String: Any]])[0]["name"] as! String
        #expect(to.contains("\u{202E}"))
        // Pretty JSON too, and invalid UTF-8 in a raw header (read as windows-1252, as mail
        // readers do with unlabelled 8-bit headers).
        var raw = Data("From: a@example.com\nSubject: bad ".utf8)
        raw.append(contentsOf: [0xFF, 0xFE, 0xC0, 0x80, 0x22, 0x5C])
        raw.append(Data("\n\nbody\n".utf8))
        let run2 = try TestSupport.run(["scan", "--all", "--format", "json", "--now", TestSupport.now], stdin: raw)
        let arr = try JSONSerialization.jsonObject(with: run2.stdout) as! [[String: Any]]
        #expect((arr[0]["subject"] as! String).hasSuffix("\"\\"))
    }

    // MARK: No network

    @Test func htmlParsingNeverTouchesTheNetwork() throws {
        #expect(HTMLExtractor.parseOptionsAreOffline)
        // A listener on a local port; DTD and external entities pointing at it must load nothing.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        #expect(bound == 0)
        #expect(listen(fd, 8) == 0)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        let port = Int(UInt16(bigEndian: addr.sin_port))
        let html = """
        <!DOCTYPE html SYSTEM "http://127.0.0.1:\(port)/x.dtd" [
          <!ENTITY ext SYSTEM "http://127.0.0.1:\(port)/entity">
          <!ENTITY % pe SYSTEM "http://127.0.0.1:\(port)/pe"> %pe;
        ]>
        <html><head><link rel="stylesheet" href="http://127.0.0.1:\(port)/s.css">
        <base href="http://127.0.0.1:\(port)/"></head>
        <body><p>&ext;</p><img src="http://127.0.0.1:\(port)/i.png"><a href="x">link</a>
        <iframe src="http://127.0.0.1:\(port)/f"></iframe></body></html>
        """
        let content = HTMLExtractor.extract(html)
        // The anchor is read (resolved against <base>); nothing was fetched to get there.
        #expect(content.links.contains { $0.url == "http://127.0.0.1:\(port)/x" })
        // Whatever was attempted would be waiting in the backlog now.
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        let conn = accept(fd, nil, nil)
        #expect(conn < 0, "libxml2 connected to the listener")
        if conn >= 0 { close(conn) }
    }

    // MARK: Secrets

    static let password = "hT4!wZ9qNc2E"

    /// Sample 08 (Informasi Akun with a password) whose subject, a display name and a link
    /// repeat the password.
    static func leakySample(in dir: URL) throws -> URL {
        var text = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("Samples/08-informasi-akun-text-only-qp.eml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "Subject: Informasi Akun", with: "Subject: Informasi Akun \(password)")
        text = text.replacingOccurrences(of: "To: Hendra Kurniawan", with: "To: \(password) Kurniawan")
        text = text.replacingOccurrences(of: "Segera ganti password", with: "Cek https://example.com/\(password) ini.\n\nSegera ganti password")
        let url = dir.appendingPathComponent("leaky.eml")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func passwordsAppearNowhereUnlessRevealed() throws {
        let dir = try TempDir()
        let file = try Self.leakySample(in: dir.url)
        let now = TestSupport.now
        let runs: [[String]] = [
            ["scan", "--format", "ndjson"], ["scan", "--format", "json"], ["scan", "--format", "text"], ["scan", "--all", "--format", "text"],
            ["links", "--every"], ["explain"],
            ["diagnose", "--format", "text"], ["diagnose", "--format", "json"], ["diagnose", "--format", "html"],
            ["parts"], ["parts", "--format", "ndjson"],
        ]
        for args in runs {
            let run = try TestSupport.run(args + (args[0] == "parts" ? [] : ["--now", now]) + [file.path])
            #expect(run.status == 0, "\(args): \(run.stderr)")
            #expect(!run.out.contains(Self.password), "\(args.joined(separator: " ")) prints the password")
            #expect(!run.stderr.contains(Self.password), "\(args.joined(separator: " ")) prints the password on stderr")
        }
        let scan = try TestSupport.run(["scan", "--format", "ndjson", "--now", now, file.path])
        let obj = try JSONSerialization.jsonObject(with: scan.stdout) as! [String: Any]
        #expect(obj["kind"] as? String == "informasi-akun")
        #expect((obj["account"] as? [String: Any])?["password"] as? String == "[redacted]")
        #expect((obj["subject"] as? String) == "Informasi Akun [redacted]")
        let revealed = try TestSupport.run(["scan", "--format", "ndjson", "--reveal-secrets", "--now", now, file.path])
        #expect(revealed.out.contains("\"password\":\"\(Self.password)\""))
        #expect(revealed.out.contains("\"subject\":\"Informasi Akun \(Self.password)\""))
        let parts = try TestSupport.run(["parts", "--reveal-secrets", file.path])
        #expect(parts.out.contains("Password: \(Self.password)"))
        #expect(try TestSupport.run(["parts", file.path]).out.contains("Password: [redacted]"))
    }
}
