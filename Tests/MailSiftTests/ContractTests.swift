import Foundation
import Testing

/// Every report mailsift writes validates against the public contract,
/// `shared/contract/report.schema.json`, checked by the project's validator.
@Suite struct ContractTests {
    static func validate(_ ndjson: Data) throws -> (status: Int32, output: String) {
        let shared = try TestSupport.requireShared()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-contract-\(UUID().uuidString).ndjson")
        try ndjson.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try TestSupport.python([shared.appendingPathComponent("tools/validate_reports.py").path,
                                       shared.appendingPathComponent("contract/report.schema.json").path, file.path])
    }

    @Test func sampleReportsValidate() throws {
        let run = try TestSupport.run(["scan", "--format", "ndjson", "--all", "--now", TestSupport.now, "Samples"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let lines = run.out.split(separator: "\n")
        // 25 message files, a 4-message Takeout mbox, a 5-message Maildir.
        #expect(lines.count >= TestSupport.sampleNames.count + 7)
        let (status, output) = try Self.validate(run.stdout)
        #expect(status == 0, "\(output)")
        #expect(output.contains("\(lines.count) records, 0 invalid"), "\(output)")
    }

    @Test func revealedAndJSONArrayFormsValidateToo() throws {
        let run = try TestSupport.run(["scan", "--format", "json", "--reveal-secrets", "--now", TestSupport.now, "Samples"])
        #expect(run.status == 0)
        let (status, output) = try Self.validate(run.stdout)
        #expect(status == 0, "\(output)")
    }
}
