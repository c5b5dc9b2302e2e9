import MailInput
import MailMIME
import MailTemplates
import Testing
@testable import MailSift

/// Bounces of BSrE mail and the receiving side's spam verdicts, as the report carries them.
@Suite struct DeliveryFailureTests {
    let pipeline = Pipeline(classifier: Classifier(catalogue: .builtIn()),
                            options: ScanOptions(now: MailDate.parseRFC3339("2025-11-26T12:00:00Z")!))

    func report(_ text: String) -> Report? {
        let raw = RawMessage(origin: MessageOrigin(path: "-", index: 0, offset: nil), bytes: Array(text.utf8))
        if case .report(let r) = pipeline.process(raw) { return r }
        return nil
    }

    // qmail writes no delivery-status part: the facts are only in the words.
    @Test func qmailFailureNoticeWithTheReturnedMailQuoted() throws {
        let r = try #require(report("""
        From: MAILER-DAEMON@mail.bssn.go.id
        To: noreply.bsre@bssn.go.id
        Subject: failure notice
        Date: Mon, 24 Nov 2025 09:20:14 +0700

        Hi. This is the qmail-send program at mail.bssn.go.id.
        I'm afraid I wasn't able to deliver your message to the following addresses.

        <budi@students.example.ac.id>:
        192.0.2.25 does not like recipient.
        Remote host said: 550 5.1.1 No such user
        Giving up on 192.0.2.25.

        --- Below this line is a copy of the message.

        Date: Mon, 24 Nov 2025 09:20:11 +0700
        From: "Balai Sertifikasi Elektronik" <noreply.bsre@bssn.go.id>
        To: Budi <budi@students.example.ac.id>
        Subject: Set Passphrase

        Hai BUDI
        """))
        #expect(r.kind == "delivery-failure")
        #expect(r.bounce?.recipient == "budi@students.example.ac.id")
        #expect(r.bounce?.status == "5.1.1")
        #expect(r.bounce?.original?.kind == "set-passphrase")
        #expect(r.actionURL == nil && r.account == nil)
    }

    @Test func aBounceOfSomeoneElsesMailIsNotReportedByDefault() {
        #expect(report("""
        From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
        Subject: Delivery Status Notification (Failure)

        Address not found: <x@example.com> 550 5.1.1
        """) == nil)
    }

    @Test(arguments: [
        ("X-Spam-Flag: YES\n", true, "X-Spam-Flag"),
        ("X-Spam-Status: No, score=-0.1 required=5.0\n", false, "X-Spam-Status"),
        ("X-Forefront-Antispam-Report: CIP:203.0.113.45;CTRY:ID;SFV:SPM;SCL:6;\n", true, "X-Forefront-Antispam-Report"),
        ("X-Forefront-Antispam-Report: CIP:203.0.113.45;SFV:NSPM;SCL:1;\n", false, "X-Forefront-Antispam-Report"),
        ("X-Forefront-Antispam-Report: CIP:203.0.113.45;SCL:5;\n", true, "X-Forefront-Antispam-Report"),
    ])
    func spamVerdicts(header: String, spam: Bool, by: String) {
        let v = SpamVerdict.parse(MessageParser.parse(Array((header + "\n").utf8)).headers)
        #expect(v?.isSpam == spam)
        #expect(v?.by == by)
    }
}
