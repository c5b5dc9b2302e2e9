import Foundation
import Testing

/// `mailsift parts`: the MIME tree with decoded text, or decoded size and SHA-256.
@Suite struct PartsCommandTests {
    let message = """
    From: a@b.example
    To: "X, Y" <x@y.example>
    Subject: =?UTF-8?B?aMOpbGxv?=
    Content-Type: multipart/mixed; boundary=b

    --b
    Content-Type: text/plain; charset=iso-8859-1
    Content-Transfer-Encoding: quoted-printable

    caf=E9
    --b
    Content-Type: application/octet-stream; name="h.bin"
    Content-Disposition: attachment; filename*=UTF-8''h%C3%A9.bin
    Content-Transfer-Encoding: base64

    aGVsbG8=
    --b--

    """

    @Test func treeWithTextAndDigests() throws {
        let run = try TestSupport.run(["parts", "--format", "ndjson"], stdin: Data(message.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        #expect(obj["subject"] as? String == "héllo")
        #expect(((obj["to"] as? [[String: Any]])?.first?["name"] as? String) == "X, Y")
        let parts = try #require(obj["parts"] as? [[String: Any]])
        #expect(parts.map { $0["path"] as? String } == ["root", "1", "2"])
        #expect(parts[0]["children"] as? Int == 2)
        #expect(parts[1]["text"] as? String == "café")
        #expect(parts[2]["filename"] as? String == "hé.bin")
        #expect(parts[2]["size"] as? Int == 5)
        // sha256("hello")
        #expect(parts[2]["sha256"] as? String == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    }

    @Test func damagedPartsCarryTheirWarnings() throws {
        let run = try TestSupport.run(["parts", "Samples/14-aktivasi-damaged-truncated.eml"])
        #expect(run.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [[String: Any]])
        let codes = (list.first?["parts"] as? [[String: Any]] ?? []).flatMap { ($0["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
        #expect(codes.contains("missing-boundary"))
        #expect(codes.contains("bad-base64"))
    }
}
