import Foundation
import MailHTML
import MailMIME
import Testing
@testable import MailTemplates

/// The classifier on hand-built inputs: what the layers below hand it for real messages.
@Suite struct ClassifierTests {
    let classifier = Classifier(catalogue: .builtIn())
    let date = MailDate(epochSeconds: 1_764_036_780, offsetSeconds: 25_200)  // 2025-11-25T09:13:00+07:00

    func input(subject: String, sender: String, links: [(String, String?)], text: String) -> ClassifierInput {
        ClassifierInput(subject: subject, sender: sender, links: links.map { ExtractedLink(url: $0.0, text: $0.1) },
                        text: text, date: date)
    }

    let aktivasiText = """
    Hai AGUNG WICAKSONO
    Terimakasih telah bergabung bersama kami!
    Terima kasih telah bergabung di Layanan Balai Sertifikasi Elektronik. Silakan klik tombol berikut untuk tahap registrasi akun Anda
    """

    @Test func aktivasiAkunActionIsNotTheFirstLink() {
        let c = classifier.classify(input(subject: "Aktivasi Akun", sender: "noreply.bsre@bssn.go.id", links: [
            ("https://bsre.bssn.go.id", "Logo BSrE"),
            ("https://bsre.bssn.go.id/email/aktivasi/akun/8d3f1c2a-5b6e-4f7a-9c0d-1e2f3a4b5c6d", "Aktivasi Akun"),
            ("mailto:info.bsre@bssn.go.id", "info.bsre@bssn.go.id"),
        ], text: aktivasiText))
        #expect(c.kind == "aktivasi-akun")
        #expect(c.actionIndex == 1)
        #expect(c.links.map(\.role) == ["other", "activation", "other"])
        #expect(c.links.allSatisfy { $0.official })
        #expect(c.recipientName == "AGUNG WICAKSONO")
        #expect(c.expiry == nil)
        #expect(c.warnings.isEmpty)
    }

    @Test func anotherServicesActivationInTheSameLayoutStaysOther() {
        let c = classifier.classify(input(subject: "Aktivasi Akun", sender: "noreply@siakad.ub.ac.id", links: [
            ("https://siakad.ub.ac.id", nil),
            ("https://siakad.ub.ac.id/email/aktivasi/akun/8d3f1c2a-5b6e-4f7a-9c0d-1e2f3a4b5c6d", "Aktivasi Akun"),
            ("mailto:info.bsre@bssn.go.id", nil),
        ], text: "Hai BUDI\nTerimakasih telah bergabung bersama kami!\nSilakan klik tombol berikut untuk mengaktifkan akun SIAKAD Anda"))
        #expect(c.kind == "other")
        #expect(c.evidence.first { $0.templateID == "bsre-aktivasi-akun" }?.signals.first { $0.name == "brand" }?.matched == false)
    }

    @Test func lookAlikeSenderAndHostStillRecognisedButFlagged() {
        let c = classifier.classify(input(subject: "Aktivasi Akun", sender: "noreply@bssn-go.id", links: [
            ("https://bsre-bssn.go-id.com/email/aktivasi/akun/8d3f1c2a-5b6e-4f7a-9c0d-1e2f3a4b5c6d", "Aktivasi Akun"),
        ], text: aktivasiText))
        #expect(c.kind == "aktivasi-akun")
        #expect(c.links[0].official == false)
        #expect(c.links[0].trust == .lookalike)
        #expect(Set(c.warnings.map(\.code)) == ["sender-not-official", "unofficial-link-host"])
    }

    @Test func brandAnnouncementWithoutActionLinkStaysOther() {
        let c = classifier.classify(input(subject: "Info Pemeliharaan Layanan BSrE", sender: "info.bsre@bssn.go.id", links: [
            ("https://bsre.bssn.go.id", "https://bsre.bssn.go.id"), ("https://t.me/infobsre", "@infobsre"),
        ], text: "Layanan Aktivasi Akun dan Reset password tidak tersedia sementara."))
        #expect(c.kind == "other")
    }

    func jwt(_ payload: String) -> String {
        func b64(_ s: String) -> String {
            Data(s.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        return b64(#"{"alg":"HS512","typ":"JWT"}"#) + "." + b64(payload) + ".c2lnbmF0dXJl"
    }

    @Test func resetPasswordTokenExpiryWinsOverPhrase() {
        let key = jwt(#"{"exp":1764123180,"iat":1764036780,"typ":"reset-credentials","eml":"agung@ub.ac.id"}"#)
        let url = "https://sso-bsre.bssn.go.id/realms/ams/login-actions/action-token?key=\(key)&client_id=ams-portal&tab_id=abc"
        let c = classifier.classify(input(subject: "Reset password", sender: "osd@bssn.go.id", links: [(url, "Link to reset credentials")],
                                          text: "Someone just requested to change your ams account's credentials.\nThis link will expire within 1 day.\n"))
        #expect(c.kind == "reset-password")
        #expect(c.expiry?.basis == .token)
        #expect(c.expiry?.expiresAt.epochSeconds == 1_764_123_180)
        #expect(c.expiry?.seconds == 86_400)
        #expect(c.expiry?.phrase == "This link will expire within 1 day.")
        #expect(c.recipientName == nil)
    }

    @Test func indonesianResetWithOpaqueKeyUsesPhraseAndDate() {
        let url = "https://sso-bsre.bssn.go.id/auth/realms/ams/login-actions/action-token?key=opaque123&client_id=ams-portal"
        let c = classifier.classify(input(subject: "Atur ulang kata sandi", sender: "osd@bssn.go.id", links: [(url, "Tautan untuk mengatur ulang kredensial")],
                                          text: "Tautan untuk mengatur ulang kredensial\nTautan ini akan kedaluwarsa dalam 12 jam.\n"))
        #expect(c.kind == "reset-password")
        #expect(c.expiry?.basis == .phrase)
        #expect(c.expiry?.seconds == 43_200)
        #expect(c.expiry?.expiresAt == MailDate(epochSeconds: date.epochSeconds + 43_200, offsetSeconds: 25_200))
    }

    @Test func otherRealmsKeycloakResetStaysOther() {
        let url = "https://sso.ub.ac.id/realms/ub/login-actions/action-token?key=abc&client_id=account-console"
        let c = classifier.classify(input(subject: "Reset password", sender: "sso@ub.ac.id", links: [(url, "Link to reset credentials")],
                                          text: "Link to reset credentials\nThis link will expire within 5 minutes."))
        #expect(c.kind == "other")
    }

    @Test func informasiAkunReadsAccountFields() {
        let c = classifier.classify(input(subject: "Informasi Akun", sender: "noreply.bsre@bssn.go.id", links: [
            ("https://bsre.bssn.go.id", nil), ("https://portal-bsre.bssn.go.id/login", "Login"),
        ], text: "Hai SITI RAHMAWATI\nBerikut informasi akun Anda\nUsername: siti.rahmawati\nPassword: Xy7#kLm2Pq9!\nSegera ganti password Anda setelah berhasil masuk."))
        #expect(c.kind == "informasi-akun")
        #expect(c.actionIndex == 1)
        #expect(c.username == "siti.rahmawati")
        #expect(c.password == "Xy7#kLm2Pq9!")
        #expect(c.recipientName == "SITI RAHMAWATI")
    }
}
