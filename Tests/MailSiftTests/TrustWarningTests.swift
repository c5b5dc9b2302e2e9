import MailInput
import MailMIME
import MailTemplates
import Testing
@testable import MailSift

/// The warnings that tell a helpdesk whether to believe a message's links and sender.
@Suite struct TrustWarningTests {
    let pipeline = Pipeline(classifier: Classifier(catalogue: .builtIn()),
                            options: ScanOptions(now: MailDate.parseRFC3339("2025-11-26T12:00:00Z")!, all: true))

    func codes(_ html: String, headers: String = "") throws -> [String: [String]] {
        let text = "From: BSrE <noreply.bsre@bssn.go.id>\n\(headers)Content-Type: text/html\n\n\(html)"
        let raw = RawMessage(origin: MessageOrigin(path: "-", index: 0, offset: nil), bytes: Array(text.utf8))
        guard case .report(let r) = pipeline.process(raw) else { throw TestFailure("no report") }
        return Dictionary(grouping: r.warnings, by: \.code).mapValues { $0.map(\.message) }
    }

    @Test func textShowingTheOfficialSiteWhileTheLinkGoesElsewhere() throws {
        let w = try codes(#"<a href="https://bssn-verify.example/login">https://bsre.bssn.go.id/login</a>"#)
        #expect(w["link-text-mismatch"] == ["a link's text shows bsre.bssn.go.id but it goes to bssn-verify.example"])
    }

    @Test func matchingOrOrdinaryTextIsNotFlagged() throws {
        let w = try codes("""
        <a href="https://bsre.bssn.go.id/email/aktivasi/akun/x">bsre.bssn.go.id/email/aktivasi/akun/x</a>
        <a href="https://portal-bsre.bssn.go.id/">https://bsre.bssn.go.id</a>
        <a href="https://click.news.example/t/1">www.shop.example</a>
        <a href="https://evil.example/">Aktivasi Akun</a>
        <a href="https://evil.example/">versi 2.0</a>
        """)
        #expect(w["link-text-mismatch"] == nil)
    }

    @Test func lookalikeHostAnywhereInTheMessage() throws {
        let w = try codes(#"<a href="https://bssn-go.id/help">Bantuan</a> <a href="https://www.example.com/">x</a>"#)
        #expect(w["lookalike-link-host"] == ["a link goes to bssn-go.id, which imitates an official domain"])
    }

    @Test func failedAuthenticationIsReported() throws {
        let w = try codes("<p>hi</p>", headers: "Authentication-Results: mx.ub.ac.id; spf=softfail smtp.mailfrom=bssn.go.id; dkim=none; dmarc=fail header.from=bssn.go.id\n")
        #expect(w["auth-failed"] == ["the receiving server's Authentication-Results reports spf=softfail, dmarc=fail: the sender may be forged"])
        let ok = try codes("<p>hi</p>", headers: "Authentication-Results: mx.ub.ac.id; spf=pass; dkim=pass; dmarc=pass\n")
        #expect(ok["auth-failed"] == nil)
    }

    @Test func onlyTheTopmostAuthenticationResultsCounts() throws {
        // The lower header could have been written by the sender.
        let w = try codes("<p>hi</p>", headers: "Authentication-Results: mx.ub.ac.id; spf=fail; dmarc=fail\nAuthentication-Results: fake; spf=pass; dkim=pass; dmarc=pass\n")
        #expect(w["auth-failed"] != nil)
    }
}

/// A link behind a gateway that cannot be resolved offline (Mimecast) is still the action link
/// when its words say so, and the report says plainly that its destination is unknown.
@Suite struct OpaqueGatewayTests {
    @Test func mimecastWrappedActivationIsRecognisedWithAWarning() throws {
        let pipeline = Pipeline(classifier: Classifier(catalogue: .builtIn()),
                                options: ScanOptions(now: MailDate.parseRFC3339("2025-11-26T12:00:00Z")!))
        let html = """
        From: Balai Sertifikasi Elektronik <noreply.bsre@bssn.go.id>
        Subject: Aktivasi Akun
        Date: Mon, 24 Nov 2025 13:05:44 +0700
        Content-Type: text/html

        <p>Terima kasih telah bergabung di Layanan Balai Sertifikasi Elektronik.</p>
        <a href="https://url.uk.m.mimecastprotect.com/s/Xy7ZCq2Rt9hKp3mVnBwLs?domain=bsre.bssn.go.id">Aktivasi Akun</a>
        """
        let raw = RawMessage(origin: MessageOrigin(path: "-", index: 0, offset: nil), bytes: Array(html.utf8))
        guard case .report(let r) = pipeline.process(raw) else { throw TestFailure("not recognised") }
        #expect(r.kind == "aktivasi-akun")
        #expect(r.links.first?.wrappedBy == "mimecast" && r.links.first?.official == false)
        #expect(r.warnings.map(\.code) == ["unresolved-link-wrapper"])
        // Words alone never make an ordinary link an action link.
        let plain = RawMessage(origin: MessageOrigin(path: "-", index: 0, offset: nil),
                               bytes: Array(html.replacingOccurrences(of: "url.uk.m.mimecastprotect.com/s", with: "example.com/s").utf8))
        #expect({ if case .report = pipeline.process(plain) { return false }; return true }())
    }
}
