import Foundation
import MailHTML
import MailMIME
import Testing
@testable import MailTemplates

/// Keycloak sends several action mails from the same host with the same link shape
/// (`…/login-actions/action-token?key=<JWT>`) and the same expiry sentence: the reset mail,
/// an administrator's execute-actions mail ("Update Your Account") and the e-mail verification
/// mail. Each is its own kind; the token's `typ` claim keeps one from being taken for another;
/// Keycloak's remaining action mails (update-email, organisation invitation, identity-provider
/// link) stay `other`. Wording from Keycloak's `messages_en.properties` / `messages_id.properties`.
@Suite struct KeycloakActionsTests {
    let classifier = Classifier(catalogue: .builtIn())
    let date = MailDate(epochSeconds: 1_764_036_780, offsetSeconds: 25_200)  // 2025-11-25T09:13:00+07:00

    func jwt(_ payload: String) -> String {
        func b64(_ s: String) -> String {
            Data(s.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        return b64(#"{"alg":"HS512","typ":"JWT","kid":"0c2f"}"#) + "." + b64(payload) + ".c2lnbmF0dXJl"
    }

    func token(_ typ: String, exp: Int = 1_764_079_980, iat: Int = 1_764_036_780) -> String {
        jwt(#"{"exp":\#(exp),"iat":\#(iat),"jti":"5e1c","iss":"https://sso-bsre.bssn.go.id/realms/ams","sub":"9d2a","typ":"\#(typ)","azp":"ams-portal","eml":"agung@ub.ac.id"}"#)
    }

    func classify(subject: String, sender: String = "osd@bssn.go.id", url: String, anchor: String?, text: String) -> Classification {
        classifier.classify(ClassifierInput(subject: subject, sender: sender, links: [ExtractedLink(url: url, text: anchor)],
                                            text: text, date: date))
    }

    func link(_ key: String, host: String = "sso-bsre.bssn.go.id", realm: String = "ams", extra: String = "") -> String {
        "https://\(host)/realms/\(realm)/login-actions/action-token?key=\(key)\(extra)"
    }

    static let executeActionsEN = """
    Your administrator has just requested that you update your ams account by performing the following action(s): Update Password, Configure OTP. Click on the link below to start this process.
    This link will expire within 12 hours.
    If you are unaware that your administrator has requested this, just ignore this message and nothing will be changed.
    """
    static let executeActionsID = """
    Administrator Anda baru saja meminta Anda untuk memperbarui akun ams Anda dengan melakukan tindakan berikut: Perbarui Kata Sandi. Klik tautan di bawah untuk memulai proses ini.
    Tautan ini akan kedaluwarsa dalam 12 jam.
    Jika Anda tidak menyadari bahwa administrator Anda telah meminta hal ini, abaikan saja pesan ini dan tidak akan ada yang diubah.
    """
    static let verifyEmailEN = """
    Someone has created a ams account with this email address. If this was you, click the link below to verify your email address
    This link will expire within 5 minutes.
    If you didn't create this account, just ignore this message.
    """
    static let verifyEmailID = """
    Seseorang telah membuat akun ams dengan alamat surel ini. Jika ini adalah Anda, klik tautan di bawah untuk memverifikasi alamat surel Anda.
    Tautan ini akan kedaluwarsa dalam 1 hari.
    Jika Anda tidak membuat akun ini, abaikan saja pesan ini.
    """
    static let resetEN = """
    Someone just requested to change your ams account's credentials. If this was you, click on the link below to reset them.
    This link and code will expire within 1 day.
    If you don't want to reset your credentials, just ignore this message and nothing will be changed.
    """

    @Test func executeActionsWithItsTokenIsItsOwnKind() {
        let c = classify(subject: "Update Your Account", url: link(token("execute-actions")), anchor: "Link to account update",
                         text: Self.executeActionsEN)
        #expect(c.kind == "execute-actions")
        #expect(c.template?.id == "keycloak-execute-actions")
        #expect(c.links.map(\.role) == ["execute-actions"])
        #expect(c.expiry?.basis == .token)
        #expect(c.expiry?.expiresAt.epochSeconds == 1_764_079_980)
        #expect(c.expiry?.seconds == 43_200)
        #expect(c.warnings.isEmpty)
        // The reset template saw the link's shape but not its type.
        let reset = c.evidence.first { $0.templateID == "keycloak-reset-password" }
        #expect(reset?.accepted == false)
        #expect(reset?.signals.first?.detail.contains("\"execute-actions\"") == true)
        let mine = c.evidence.first { $0.templateID == "keycloak-execute-actions" }
        #expect(mine?.signals.contains { $0.name == "token-type" && $0.matched } == true)
    }

    /// Without a readable token (an opaque key), the content decides: an "Update Your Account"
    /// mail is execute-actions, and never a reset.
    @Test func updateYourAccountWithAnOpaqueKeyIsExecuteActionsNotAReset() {
        let c = classify(subject: "Update Your Account", url: link("abc.def.ghi", extra: "&client_id=ams-portal"),
                         anchor: "Link to account update", text: Self.executeActionsEN)
        #expect(c.kind == "execute-actions")
        #expect(c.kind != "reset-password")
        #expect(c.expiry?.basis == .phrase)
        #expect(c.expiry?.seconds == 43_200)
    }

    @Test func indonesianExecuteActions() {
        let c = classify(subject: "Perbarui Akun Anda", url: link("Qm9wYXF1ZS1rZXk"), anchor: "Tautan pembaruan akun",
                         text: Self.executeActionsID)
        #expect(c.kind == "execute-actions")
        #expect(c.expiry?.basis == .phrase)
        #expect(c.expiry?.expiresAt == MailDate(epochSeconds: date.epochSeconds + 43_200, offsetSeconds: 25_200))
    }

    @Test func verifyEmailEnglishAndIndonesian() {
        let en = classify(subject: "Verify email", url: link(token("verify-email"), extra: "&client_id=ams-portal&tab_id=x1"),
                          anchor: "Link to e-mail address verification", text: Self.verifyEmailEN)
        #expect(en.kind == "verify-email")
        #expect(en.links.map(\.role) == ["verify-email"])
        #expect(en.expiry?.basis == .token)
        let id = classify(subject: "Verifikasi surel", url: link("opaque-key-123"), anchor: "Tautan untuk verifikasi alamat surel",
                          text: Self.verifyEmailID)
        #expect(id.kind == "verify-email")
        #expect(id.expiry?.basis == .phrase)
        #expect(id.expiry?.seconds == 86_400)
    }

    @Test func oldKeycloakLinksWithoutActionToken() {
        let exec = classify(subject: "Update Your Account", url: "https://sso-bsre.bssn.go.id/auth/realms/ams/login-actions/execute-actions?key=c0de",
                            anchor: nil, text: Self.executeActionsEN)
        #expect(exec.kind == "execute-actions")
        let verify = classify(subject: "Verify email", url: "https://sso-bsre.bssn.go.id/auth/realms/ams/login-actions/email-verification?key=c0de",
                              anchor: nil, text: Self.verifyEmailEN)
        #expect(verify.kind == "verify-email")
    }

    /// The same link shape with another token type cannot be mistaken, whatever the wording says.
    @Test(arguments: [
        ("Reset password", "execute-actions", resetEN, "other"),
        ("Reset password", "verify-email", resetEN, "other"),
        ("Update Your Account", "reset-credentials", executeActionsEN, "other"),
        ("Verify email", "reset-credentials", verifyEmailEN, "other"),
        ("Verify email", "execute-actions", verifyEmailEN, "other"),
        ("Reset password", "reset-credentials", resetEN, "reset-password"),
    ])
    func tokenTypeDecides(subject: String, typ: String, text: String, kind: String) {
        let c = classify(subject: subject, url: link(token(typ)), anchor: nil, text: text)
        #expect(c.kind == kind, "\(subject) with a \(typ) token")
        if kind == "other" { #expect(c.actionIndex == nil) }
    }

    /// An administrator asking for "Verify Email" sends the execute-actions mail, not the
    /// verification mail.
    @Test func executeActionsForVerifyEmailIsExecuteActions() {
        let text = Self.executeActionsEN.replacingOccurrences(of: "Update Password, Configure OTP", with: "Verify Email")
        let c = classify(subject: "Update Your Account", url: link(token("execute-actions")), anchor: "Link to account update", text: text)
        #expect(c.kind == "execute-actions")
    }

    /// Keycloak's other action mails from BSrE's host stay `other`.
    @Test(arguments: [
        ("Verify new email", "update-email",
         "To update your ams account with email address agung@ub.ac.id, click the link below\nThis link will expire within 5 minutes.\nIf you don't want to proceed with this modification, just ignore this message."),
        ("Invitation to join the BSrE organization", "ORGIVT",
         "You were invited to join the \"BSrE\" organization. Click the link below to join.\nThis link will expire within 12 hours.\nIf you don't want to join the organization, just ignore this message."),
        ("Link google", "idp-verify-account-via-email",
         "Someone wants to link your \"ams\" account with \"google\" account of user agung . If this was you, click the link below to link accounts\nThis link will expire within 5 minutes."),
    ])
    func keycloaksRemainingActionMailsStayOther(subject: String, typ: String, text: String) {
        let c = classify(subject: subject, url: link(token(typ)), anchor: nil, text: text)
        #expect(c.kind == "other", "\(subject)")
    }

    /// Another university's Keycloak sends the same mails: not BSrE's.
    @Test func anotherRealmsExecuteActionsAndVerifyEmailStayOther() {
        let exec = classify(subject: "Update Your Account", sender: "sso@ub.ac.id",
                            url: link(token("execute-actions"), host: "sso.ub.ac.id", realm: "ub"), anchor: "Link to account update",
                            text: Self.executeActionsEN)
        #expect(exec.kind == "other")
        let verify = classify(subject: "Verify email", sender: "sso@ub.ac.id",
                              url: link(token("verify-email"), host: "sso.ub.ac.id", realm: "ub"), anchor: nil, text: Self.verifyEmailEN)
        #expect(verify.kind == "other")
    }

    /// A look-alike host written with a Cyrillic ѕ is still recognised, but flagged.
    @Test func homoglyphHostIsRecognisedButNotOfficial() {
        let c = classify(subject: "Verify email", sender: "osd@xn--bsn-fhd.go.id",
                         url: link(token("verify-email"), host: "sso-bsre.b\u{0455}sn.go.id"), anchor: nil, text: Self.verifyEmailEN)
        #expect(c.kind == "verify-email")
        #expect(c.links.first?.trust == .lookalike)
        #expect(Set(c.warnings.map(\.code)) == ["sender-not-official", "unofficial-link-host"])
    }

    /// A user's catalogue can widen a built-in template's token types (a custom theme that sends
    /// the reset wording with an execute-actions token) by overriding the template by id.
    @Test func userCatalogueCanWidenTokenTypes() throws {
        var catalogue = Catalogue.builtIn()
        var reset = try #require(catalogue.templates.first { $0.id == "keycloak-reset-password" })
        reset.tokenTypes = ["reset-credentials", "execute-actions"]
        let data = try JSONEncoder().encode(reset)
        let path = NSTemporaryDirectory() + "mailsift-widen-\(UUID().uuidString).json"
        let file = #"{"format":"mailsift-templates/1","templates":["# + String(decoding: data, as: UTF8.self) + "]}"
        try file.write(toFile: path, atomically: true, encoding: .utf8)
        try catalogue.add(file: path)
        let c = Classifier(catalogue: catalogue).classify(ClassifierInput(
            subject: "Reset password", sender: "osd@bssn.go.id", links: [ExtractedLink(url: link(token("execute-actions")), text: nil)],
            text: Self.resetEN, date: date))
        #expect(c.kind == "reset-password")
    }

    @Test func tokenTypeIsReadFromThePayloadNotTheHeader() {
        #expect(ActionToken.type(token("verify-email")) == "verify-email")
        #expect(ActionToken.type(jwt(#"{"exp":1}"#)) == nil)
        #expect(ActionToken.type("opaque") == nil)
        #expect(ActionToken.type(jwt(#"{"typ":42}"#)) == nil)
        #expect(ActionToken.type(jwt(#"{"typ":"a\nb"}"#)) == nil)
        #expect(ActionToken.claims(token("execute-actions"))?.exp == 1_764_079_980)
    }
}
