import Foundation
import Testing

/// A new kind of mail is recognised from a catalogue file alone, with no code change: the
/// example template in `Examples/templates/` turns Samples/29 from `other` into a kind and
/// role of its own.
@Suite struct UserTemplateTests {
    static let template = "Examples/templates/sertifikat-terbit.json"
    static let sample = "Samples/29-other-sertifikat-terbit.eml"

    func report(_ args: [String]) throws -> [String: Any] {
        let run = try TestSupport.run(["scan", "--format", "ndjson", "--all", "--now", TestSupport.now] + args)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
    }

    @Test func newKindFromAFileAlone() throws {
        let before = try report([Self.sample])
        #expect(before["kind"] as? String == "other")
        let after = try report(["--templates", Self.template, Self.sample])
        #expect(after["kind"] as? String == "sertifikat-terbit")
        #expect(after["template"] as? String == "bsre-sertifikat-terbit")
        #expect(after["action_url"] as? String == "https://bsre.bssn.go.id/sertifikat/unduh/3f9c2a71-8d4e-4b6a-9c15-7e2d0b8a4f63")
        let links = try #require(after["links"] as? [[String: Any]])
        #expect(links.first?["role"] as? String == "download-certificate")
        #expect(after["recipient_name"] as? String == "SRI HANDAYANI")
        // The new kind and role still satisfy the public contract.
        let run = try TestSupport.run(["scan", "--format", "ndjson", "--now", TestSupport.now, "--templates", Self.template, Self.sample])
        let (status, output) = try ContractTests.validate(run.stdout)
        #expect(status == 0, "\(output)")
    }

    @Test func templatesListsTheCatalogueInUseAndWhereEachCameFrom() throws {
        let run = try TestSupport.run(["templates", "--templates", Self.template])
        #expect(run.status == 0)
        #expect(run.out.contains("catalogue: built-in + \(Self.template)"))
        let row = run.out.split(separator: "\n").first { $0.hasPrefix("bsre-sertifikat-terbit ") }
        #expect(row.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
                == ["bsre-sertifikat-terbit", "sertifikat-terbit", "download-certificate", Self.template])
        #expect(run.out.contains("keycloak-reset-password"))
    }

    @Test func theJSONListingIsACatalogueFileThatReadsBack() throws {
        let listing = try TestSupport.run(["templates", "--format", "json", "--templates", Self.template])
        #expect(listing.status == 0)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-listing-\(UUID().uuidString).json")
        try listing.stdout.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let again = try TestSupport.run(["templates", "--format", "json", "--templates", file.path])
        #expect(again.status == 0, "stderr: \(again.stderr)")
        #expect(again.out == listing.out)
        let r = try report(["--templates", file.path, Self.sample])
        #expect(r["kind"] as? String == "sertifikat-terbit")
    }

    @Test func anInvalidFileIsNamedWithTheFieldAndWhatWasExpected() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-bad-\(UUID().uuidString).json")
        try Data(#"{"format":"mailsift-templates/1","templates":[{"id":"x","kind":"x","links":[{"role":"r","action":"yes"}]}]}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try TestSupport.run(["scan", "--templates", file.path, Self.sample])
        #expect(run.status == 64)
        #expect(run.stderr.contains(file.path))
        #expect(run.stderr.contains("templates[0].links[0].action"))
    }
}
