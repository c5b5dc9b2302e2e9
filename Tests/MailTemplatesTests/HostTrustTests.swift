import Foundation
import Testing
@testable import MailTemplates

/// Look-alike hosts: digits for letters, punycode, homoglyphs of other scripts, raw Unicode hosts.
@Suite struct HostTrustTests {
    func trust(_ host: String) -> HostTrust {
        HostTrust.of(host: host, officialDomains: ["bssn.go.id"], tokens: ["bssn", "bsre"])
    }

    @Test(arguments: [
        // Official hosts stay official.
        ("bssn.go.id", HostTrust.official), ("bsre.bssn.go.id", .official), ("sso-bsre.bssn.go.id", .official),
        ("portal-bsre.bssn.go.id", .official), ("mail.bssn.go.id", .official),
        // ASCII imitations.
        ("bssn-go.id", .lookalike), ("bsn.go.id", .lookalike), ("b5sn.go.id", .lookalike), ("b55n.go.id", .lookalike),
        ("bsre.bssn.go.id.evil.tld", .lookalike), ("bssn.go.id.evil.tld", .lookalike), ("bsre-bssn.go-id.com", .lookalike),
        // Cyrillic ѕ (U+0455) written raw, and its punycode.
        ("b\u{0455}sn.go.id", .lookalike), ("xn--bsn-fhd.go.id", .lookalike), ("sso-bsre.xn--bsn-fhd.go.id", .lookalike),
        ("XN--BSN-FHD.go.id", .lookalike), ("b55n.bssn.go.id.co", .lookalike),
        // Two Cyrillic ѕ, a small capital ʙ, a Greek ο in `go`, an accent: all still the brand.
        ("xn--bn-eoca.go.id", .lookalike), ("xn--ssn-n0b.go.id", .lookalike), ("b\u{0161}sn.example", .lookalike),
        ("bssn.g\u{03BF}.id", .lookalike), ("\u{0432}ssn.com", .lookalike),
        // Percent-escaped Cyrillic ѕ in a link's host.
        ("b%d1%95sn.go.id", .lookalike),
        // Internationalised hosts that imitate nothing are just other hosts.
        ("xn--bcher-kva.de", .other), ("b\u{00FC}cher.de", .other), ("xn--e1afmkfd.xn--p1ai", .other),
        ("\u{043F}\u{0440}\u{0438}\u{043C}\u{0435}\u{0440}.\u{0440}\u{0444}", .other), ("xn--bsn-xxa.go.id", .other),
        ("xn--fiqs8s", .other), ("xn--", .other), ("xn--zzzzzzzzzzzzzzzz.com", .other),
        // One letter swapped: an imitation when the letters pass for each other, else a word
        // (www.bare-foot.co.nz was flagged in the real-world corpus before).
        ("bsrc.example", .lookalike), ("bssm.example", .lookalike), ("www.bare-foot.co.nz", .other),
        ("bore.example", .other), ("base.example", .other),
        // Ordinary hosts.
        ("siakad.ub.ac.id", .other), ("gmail.com", .other), ("t.me", .other), ("", .other),
    ])
    func judged(host: String, expected: HostTrust) {
        #expect(trust(host) == expected, "\(host)")
    }

    /// A host a browser maps onto the official one (full-width letters, ideographic full stop,
    /// percent-escapes of ASCII) is the official host.
    @Test(arguments: ["\u{FF42}\u{FF53}\u{FF53}\u{FF4E}.go.id", "bsre.bssn\u{3002}go\u{3002}id", "%62ssn.go.id"])
    func browserEquivalentOfAnOfficialHostIsOfficial(_ host: String) {
        #expect(trust(host) == .official, "\(host)")
    }

    @Test func homoglyphOfAnOfficialDomainWithoutTokensIsStillALookAlike() {
        // A user's catalogue: official ub.ac.id, no look-alike tokens; `uЬ` has a Cyrillic soft sign.
        #expect(HostTrust.of(host: "u\u{044C}.ac.id", officialDomains: ["ub.ac.id"], tokens: []) == .lookalike)
        #expect(HostTrust.of(host: "siakad.u\u{044C}.ac.id", officialDomains: ["ub.ac.id"], tokens: []) == .lookalike)
        #expect(HostTrust.of(host: "ub.ac.id", officialDomains: ["ub.ac.id"], tokens: []) == .official)
        #expect(HostTrust.of(host: "xn--bcher-kva.ac.id", officialDomains: ["ub.ac.id"], tokens: []) == .other)
    }

    @Test(arguments: [
        ("bsn-fhd", "b\u{0455}sn"), ("bcher-kva", "b\u{00FC}cher"), ("e1afmkfd", "\u{043F}\u{0440}\u{0438}\u{043C}\u{0435}\u{0440}"),
        ("fiqs8s", "\u{4E2D}\u{56FD}"), ("ssn-n0b", "\u{0299}ssn"), ("bn-eoca", "b\u{0455}\u{0455}n"), ("abc-", "abc"),
        // RFC 3492 section 7.1 (B): Chinese (simplified).
        ("ihqwcrb4cv8a8dqg056pqjye", "\u{4ED6}\u{4EEC}\u{4E3A}\u{4EC0}\u{4E48}\u{4E0D}\u{8BF4}\u{4E2D}\u{6587}"),
    ])
    func punycodeDecodes(_ encoded: String, _ decoded: String) {
        let out = Punycode.decode(Array(encoded.utf8)).map { String(String.UnicodeScalarView($0)) }
        #expect(out == decoded)
    }

    @Test(arguments: ["", "-", "b\u{00FF}-kva", "bcher-kv!", "99999999999", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
                      String(repeating: "a", count: 60), "bcher-kv"])
    func malformedPunycodeIsRejected(_ encoded: String) {
        #expect(Punycode.decode(Array(encoded.utf8)) == nil, "\(encoded)")
    }

    /// Hostile hosts: long, many labels, many `xn--` labels, invalid UTF-8 escapes — bounded
    /// time, a verdict either way.
    @Test func hostileHostsAreBounded() {
        let long = String(repeating: "xn--bsn-fhd.", count: 2_000) + "id"
        #expect(trust(long) == .lookalike)
        let longOther = String(repeating: "\u{4E2D}", count: 5_000) + ".com"
        #expect(trust(longOther) == .other)
        let labels = (0..<500).map { _ in "xn--" + String(repeating: "9", count: 59) }.joined(separator: ".")
        #expect(trust(labels) == .other)
        #expect(trust("%ff%fe.go.id") == .other)
        #expect(trust(String(repeating: "%", count: 3_000)) == .other)
    }

    @Test func aceLabelsAreFoundAtLabelStartsOnly() {
        #expect(HostSkeleton.hasACELabel("xn--bsn-fhd.go.id"))
        #expect(HostSkeleton.hasACELabel("sso.XN--bsn-fhd.go.id"))
        #expect(!HostSkeleton.hasACELabel("abxn--c.go.id"))
        #expect(!HostSkeleton.hasACELabel("xn-.go.id"))
    }
}

extension HostTrustTests {
    @Test func aLookAlikeReadsAsTheHostItImitates() {
        #expect(HostTrust.reading(of: "sso.xn--bsn-fhd.id") == "sso.bssn.id")
        #expect(HostTrust.reading(of: "sso.b\u{0455}sn.id") == "sso.bssn.id")
        #expect(HostTrust.reading(of: "bssn-go.id") == nil)
        #expect(HostTrust.reading(of: "b5sn.go.id") == nil)
    }
}

extension HostTrustTests {
    /// Random labels and hosts (deterministic): the decoder and the folding never trap, and
    /// whatever decodes re-reads within the label limits.
    @Test func randomInputNeverTraps() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-".utf8)
        let scalars: [Unicode.Scalar] = ["a", "b", "s", "n", ".", "-", "%", "5", "\u{0455}", "\u{0430}", "\u{FF42}", "\u{3002}",
                                         "\u{0301}", "\u{00FC}", "\u{4E2D}", "\u{1D41B}", "\u{200D}", "\u{FFFD}", "x"]
        for _ in 0..<3_000 {
            let n = Int(next() % 70)
            let label = (0..<n).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            if let out = Punycode.decode(label) {
                #expect(!out.isEmpty && out.count <= 63)
            }
            var host = String.UnicodeScalarView()
            for _ in 0..<Int(next() % 40) { host.append(scalars[Int(next() % UInt64(scalars.count))]) }
            let h = (next() % 3 == 0 ? "xn--" : "") + String(host)
            _ = trust(h)
            _ = HostTrust.reading(of: h)
        }
    }
}
