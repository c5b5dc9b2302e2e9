import Testing
@testable import MailDiagnosis

/// Action links are credentials: diagnose shows enough to recognise one, not to use it.
@Suite struct MaskTests {
    @Test(arguments: [
        ("https://bsre.bssn.go.id/email/aktivasi/akun/c1fa22f9-2917-49aa-9257-afac6e510cd0", "https://bsre.bssn.go.id/email/aktivasi/akun/c1fa…"),
        ("https://bsre.bssn.go.id/passphrase/set/787b6b816590b1fbd9f2863481b1451d?email=a%40b.id", "https://bsre.bssn.go.id/passphrase/set/787b…?…"),
        ("https://sso-bsre.bssn.go.id/realms/ams/login-actions/action-token?key=eyJhbGciOi.x.y&client_id=ams-portal", "https://sso-bsre.bssn.go.id/realms/ams/login-actions/action-token?…"),
        ("https://portal-bsre.bssn.go.id/login", "https://portal-bsre.bssn.go.id/login"),
    ])
    func secretsAreMasked(url: String, shown: String) {
        #expect(DiagnosisBuilder.mask(url) == shown)
    }
}
