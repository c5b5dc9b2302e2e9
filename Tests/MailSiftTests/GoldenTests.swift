import Foundation
import Testing

/// Each sample's report, end to end through the built executable, against the golden file beside
/// it: `Samples/NAME.json` is exactly what
/// `mailsift scan --format json --all --now 2025-11-26T12:00:00Z Samples/NAME` prints.
/// `RECORD_GOLDEN=1 swift test` rewrites the goldens and fails, so that a person reads the diff.
@Suite struct GoldenTests {
    @Test(arguments: TestSupport.sampleNames)
    func sampleMatchesGolden(_ name: String) throws {
        let run = try TestSupport.run(["scan", "--format", "json", "--all", "--now", TestSupport.now, "Samples/\(name)"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let base = Self.base(name)
        let golden = TestSupport.repoRoot.appendingPathComponent("Samples/\(base).json")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try run.stdout.write(to: golden)
            Issue.record("recorded \(golden.lastPathComponent); read it, then run again without RECORD_GOLDEN")
            return
        }
        let expected = try Data(contentsOf: golden)
        #expect(run.out == String(decoding: expected, as: UTF8.self), "\(name): output differs from \(golden.lastPathComponent)")
    }

    /// `01-x.eml` → `01-x`; a Maildir folder keeps its name.
    static func base(_ name: String) -> String {
        name.contains(".") ? name.split(separator: ".").dropLast().joined(separator: ".") : name
    }

    @Test func everySampleHasAGolden() {
        for name in TestSupport.sampleNames {
            let base = Self.base(name)
            #expect(FileManager.default.fileExists(atPath: TestSupport.repoRoot.appendingPathComponent("Samples/\(base).json").path),
                    "\(name) has no golden")
        }
        #expect(TestSupport.sampleNames.count >= 20)
    }
}
