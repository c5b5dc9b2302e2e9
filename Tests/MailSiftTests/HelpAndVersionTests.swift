import Foundation
import Testing

/// What a newcomer types first: `--help` shows examples for every subcommand, and `--version`
/// is the newest release in CHANGELOG.md.
@Suite struct HelpAndVersionTests {
    /// The subcommands that the root `--help` lists under SUBCOMMANDS.
    static func listedSubcommands() throws -> [String] {
        let help = try TestSupport.run(["--help"]).out
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { throw TestFailure("no SUBCOMMANDS in --help:\n\(help)") }
        var names: [String] = []
        for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("  ") else { break }
            // A name starts two spaces in; wrapped abstracts are indented further.
            if line.dropFirst(2).first != " ", let name = line.split(separator: " ").first {
                names.append(String(name))
            }
        }
        return names
    }

    @Test func rootHelpListsEverySubcommand() throws {
        let names = try Self.listedSubcommands()
        #expect(Set(names).isSuperset(of: ["scan", "links", "diagnose", "explain", "parts", "templates"]), "\(names)")
    }

    @Test func everySubcommandShowsExamples() throws {
        let names = try Self.listedSubcommands()
        #expect(!names.isEmpty)
        for name in names where name != "help" {
            let run = try TestSupport.run([name, "--help"])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            guard let r = run.out.range(of: "Examples:\n") else {
                Issue.record("mailsift \(name) --help has no Examples block")
                continue
            }
            let first = run.out[r.upperBound...].split(separator: "\n").first.map(String.init) ?? ""
            #expect(first.trimmingCharacters(in: .whitespaces).hasPrefix("mailsift \(name)"), "\(name): \(first)")
        }
        #expect(try TestSupport.run(["--help"]).out.contains("Examples:\n"))
    }

    @Test func versionIsTheNewestChangelogRelease() throws {
        let changelog = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let newest = changelog.split(separator: "\n").lazy.compactMap { line -> String? in
            guard line.hasPrefix("## ["), let close = line.firstIndex(of: "]") else { return nil }
            let v = String(line[line.index(line.startIndex, offsetBy: 4)..<close])
            return v == "Unreleased" ? nil : v
        }.first
        let run = try TestSupport.run(["--version"])
        #expect(run.status == 0)
        #expect(newest != nil)
        #expect(run.out.trimmingCharacters(in: .whitespacesAndNewlines) == newest)
    }

    /// `make share` installs these; a shell that can check the syntax does.
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsNameEverySubcommand(shell: String) throws {
        let run = try TestSupport.run(["--generate-completion-script", shell])
        #expect(run.status == 0, "\(run.stderr)")
        for name in try Self.listedSubcommands() where name != "help" {
            #expect(run.out.contains(name), "\(shell) completion lacks \(name)")
        }
        let checker = ["/bin/bash", "/usr/bin/zsh", "/usr/bin/fish"].first { $0.hasSuffix("/" + shell) }!
        guard FileManager.default.isExecutableFile(atPath: checker) else { return }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-completion-\(UUID().uuidString).\(shell)")
        try run.stdout.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: checker)
        p.arguments = ["-n", file.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(shell) -n rejects the completion script")
    }
}
