import MailMIME
import Testing
@testable import MailSift

/// Forwards written into the body by the usual clients, in English and Indonesian.
@Suite struct InlineForwardTests {
    @Test func gmailEnglish() throws {
        let f = try #require(InlineForward.detect("""
        Please help.

        ---------- Forwarded message ---------
        From: Balai Sertifikasi Elektronik <noreply.bsre@bssn.go.id>
        Date: Tue, Nov 25, 2025 at 9:13 AM
        Subject: Aktivasi Akun
        To: <agung@ub.ac.id>

        Hai AGUNG
        """, localOffset: 25_200))
        #expect(f.from?.address == "noreply.bsre@bssn.go.id")
        #expect(f.subject == "Aktivasi Akun")
        #expect(f.date?.rfc3339 == "2025-11-25T09:13:00+07:00")
    }

    @Test func outlookWithoutSeparatorLine() throws {
        let f = try #require(InlineForward.detect("""
        FYI

        From: Balai Sertifikasi Elektronik <osd@bssn.go.id>
        Sent: Wednesday, November 26, 2025 8:00 AM
        To: Budi <budi@ub.ac.id>
        Subject: Reset password

        Someone just requested to change your ams account's credentials.
        """, localOffset: 25_200))
        #expect(f.from?.address == "osd@bssn.go.id")
        #expect(f.subject == "Reset password")
        #expect(f.date?.rfc3339 == "2025-11-26T08:00:00+07:00")
    }

    @Test func thunderbirdKeepsAnExplicitZone() throws {
        let f = try #require(InlineForward.detect("""
        -------- Forwarded Message --------
        Subject: \tSet Passphrase
        Date: \tTue, 25 Nov 2025 09:13:00 +0000
        From: \tBalai Sertifikasi Elektronik <noreply.bsre@bssn.go.id>
        """, localOffset: 25_200))
        #expect(f.date?.rfc3339 == "2025-11-25T09:13:00Z")
    }

    @Test func ordinaryMailIsNoForward() {
        #expect(InlineForward.detect("Hai AGUNG\nFrom now on use the portal.\nTerima kasih") == nil)
        #expect(InlineForward.detect("Username: agung\nPassword: x") == nil)
    }

    // Outlook dates the forward in UTC and writes the original's "Sent:" in the user's zone
    // (here WIB, +07:00): read in UTC it would fall after the forward itself.
    @Test func outlookZonelessSentTimeAfterTheForwardIsReadInTheNearestPlausibleZone() throws {
        let forward = try #require(MailDate.parseRFC3339("2025-11-24T03:12:40Z"))
        let f = try #require(InlineForward.detect("""
        ________________________________
        From: Balai Sertifikasi Elektronik <noreply.bsre@bssn.go.id>
        Sent: Monday, November 24, 2025 9:40 AM
        To: Siti Rahmawati <siti.rahmawati@ub.ac.id>
        Subject: Aktivasi Akun
        """, localOffset: 0, forwardedAt: forward))
        #expect(f.date?.rfc3339 == "2025-11-24T09:40:00+07:00")
        // A time before the forward keeps the forward's own offset.
        let g = try #require(InlineForward.detect("From: A <a@b.example>\nSent: Monday, November 24, 2025 1:40 AM\nSubject: x\n",
                                                  localOffset: 0, forwardedAt: forward))
        #expect(g.date?.rfc3339 == "2025-11-24T01:40:00Z")
    }
    @Test func linesSplitAtLFCRLFAndLoneCR() {
        #expect(InlineForward.lines(of: "a\r\nb\nc\rd\r\n\r\ne").map(String.init) == ["a", "b", "c", "d", "", "e"])
        #expect(InlineForward.lines(of: "").map(String.init) == [""])
        #expect(InlineForward.lines(of: "x\n").map(String.init) == ["x", ""])
    }

    @Test func crlfTextIsReadLikeLF() throws {
        let text = "---------- Forwarded message ---------\r\nFrom: BSrE <noreply.bsre@bssn.go.id>\r\nDate: Tue, Nov 25, 2025 at 9:13 AM\r\nSubject: Aktivasi Akun\r\n\r\nHai"
        let f = try #require(InlineForward.detect(text, localOffset: 25_200))
        #expect(f.from?.address == "noreply.bsre@bssn.go.id")
        #expect(f.subject == "Aktivasi Akun")
    }
}
