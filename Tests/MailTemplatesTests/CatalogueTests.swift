import Foundation
import Testing
@testable import MailTemplates

@Suite struct CatalogueTests {
    func write(_ json: String) throws -> String {
        let path = NSTemporaryDirectory() + "mailsift-catalogue-\(UUID().uuidString).json"
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func builtInHasTheSixKinds() {
        let c = Catalogue.builtIn()
        #expect(Set(c.templates.map(\.kind)) == ["aktivasi-akun", "set-passphrase", "informasi-akun", "reset-password",
                                                  "execute-actions", "verify-email"])
        #expect(c.needles.contains("login-actions"))
        #expect(c.needles.contains("aktivasi"))
    }

    @Test func invalidFileNamesFieldAndExpectation() throws {
        var c = Catalogue.builtIn()
        let path = try write(#"{"format":"mailsift-templates/1","templates":[{"id":"x","kind":"Bad Kind","links":[{"role":"a","path":"/x"}]}]}"#)
        #expect(throws: CatalogueError.self) { try c.add(file: path) }
        do { try c.add(file: path) } catch {
            #expect(error.description.contains(path))
            #expect(error.description.contains("templates[0].kind"))
        }
        let missing = try write(#"{"format":"mailsift-templates/1","templates":[{"id":"x","links":[]}]}"#)
        do { try c.add(file: missing); Issue.record("accepted a template without kind") } catch {
            #expect(error.description.contains("templates[0].kind"))
            #expect(error.description.contains("required"))
        }
        let notJSON = try write("{ nope")
        do { try c.add(file: notJSON); Issue.record("accepted broken JSON") } catch {
            #expect(error.description.contains("not valid JSON"))
        }
    }

    @Test func tokenTypesNeedTokenParamsAndAreOptional() throws {
        var c = Catalogue.builtIn()
        let noParams = try write(#"{"format":"mailsift-templates/1","templates":[{"id":"x","kind":"x","links":[{"role":"a","action":true,"path":"/x"}],"token_types":["t"]}]}"#)
        do { try c.add(file: noParams); Issue.record("accepted token_types without token_params") } catch {
            #expect(error.description.contains("templates[0].token_types"))
            #expect(error.description.contains("token_params"))
        }
        let empty = try write(#"{"format":"mailsift-templates/1","templates":[{"id":"x","kind":"x","links":[{"role":"a","action":true,"path":"/x"}],"token_params":["key"],"token_types":[]}]}"#)
        do { try c.add(file: empty); Issue.record("accepted an empty token_types") } catch {
            #expect(error.description.contains("templates[0].token_types"))
        }
        let ok = try write(#"{"format":"mailsift-templates/1","templates":[{"id":"x","kind":"x","links":[{"role":"a","action":true,"path":"/x"}],"token_params":["key"]}]}"#)
        try c.add(file: ok)
        #expect(c.templates.first { $0.id == "x" }?.tokenTypes == nil)
        #expect(Catalogue.builtIn().templates.first { $0.id == "keycloak-reset-password" }?.tokenTypes == ["reset-credentials"])
    }

    @Test func pathPatterns() {
        #expect(PathPattern.matches("**/realms/*/login-actions/action-token", "/auth/realms/ams/login-actions/action-token"))
        #expect(PathPattern.matches("**/realms/*/login-actions/action-token", "/realms/ams/login-actions/action-token"))
        #expect(!PathPattern.matches("**/realms/*/login-actions/action-token", "/realms/login-actions/action-token"))
        #expect(PathPattern.matches("**/email/aktivasi/akun/*", "/email/aktivasi/akun/8d3f"))
        #expect(!PathPattern.matches("**/email/aktivasi/akun/*", "/email/aktivasi/akun/"))
        #expect(PathPattern.matches("**/passphrase/**", "/passphrase/set/abc"))
    }

    @Test(arguments: [
        ("bsre.bssn.go.id", HostTrust.official), ("bssn.go.id", .official), ("portal-bsre.bssn.go.id", .official),
        ("bssn.go.id.evil.tld", .lookalike), ("bssn-go.id", .lookalike), ("bsn.go.id", .lookalike),
        ("b5sn.go.id", .lookalike), ("xn--bsn-fhd.go.id", .lookalike), ("xn--bcher-kva.de", .other), ("siakad.ub.ac.id", .other), ("gmail.com", .other),
    ])
    func hostTrust(host: String, expected: HostTrust) {
        #expect(HostTrust.of(host: host, officialDomains: ["bssn.go.id"], tokens: ["bssn", "bsre"]) == expected)
    }

    @Test(arguments: [
        ("This link will expire within 1 day.", 86_400), ("This link and code will expire within 5 minutes.", 300),
        ("Link expires in 2 hours", 7_200), ("Tautan ini akan kedaluwarsa dalam 1 hari.", 86_400),
        ("Tautan ini akan kadaluarsa dalam 30 menit.", 1_800), ("Tautan berlaku selama 24 jam.", 86_400),
        ("Silakan aktivasi dalam 1x24 jam.", 86_400), ("expire within an hour", 3_600),
    ])
    func expiryPhrases(text: String, seconds: Int) {
        #expect(Catalogue.builtIn().expiry.find(in: text)?.seconds == seconds)
    }

    @Test func expiryPhraseIsTheWholeSentence() {
        let f = Catalogue.builtIn().expiry.find(in: "Click the link.\nThis link will expire within 12 hours. If you don't want it, ignore this.")
        #expect(f?.phrase == "This link will expire within 12 hours.")
    }

    @Test func crlfTextGivesTheSameSentence() {
        let f = Catalogue.builtIn().expiry.find(in: "https://x.example/?key=abc\r\n\r\nThis link and code will expire within 1 day.\r\n\r\nIf you don't want")
        #expect(f?.phrase == "This link and code will expire within 1 day.")
    }

    @Test func tokenWithoutExpIsIgnored() {
        #expect(ActionToken.times("a.eyJpYXQiOjF9.c") == nil)
        #expect(ActionToken.times("not-a-jwt") == nil)
        #expect(ActionToken.times("a.eyJleHAiOjE3NjQxMjMxODB9.c")?.exp == 1_764_123_180)
    }

    @Test func userTemplateAddsANewKindFromAFileAlone() throws {
        var c = Catalogue.builtIn()
        let path = try write("""
        {"format":"mailsift-templates/1","official_domains":["ub.ac.id"],
         "templates":[{"id":"ub-siakad-aktivasi","kind":"siakad-aktivasi","subjects":["aktivasi akun"],
           "phrases":["akun siakad"],"links":[{"role":"activation","action":true,"host":"siakad.ub.ac.id","path":"/email/aktivasi/akun/*"}],
           "official_domains":["ub.ac.id"]}]}
        """)
        try c.add(file: path)
        let verdict = Classifier(catalogue: c).classify(ClassifierInput(
            subject: "Aktivasi Akun", sender: "noreply@siakad.ub.ac.id",
            links: [.init(url: "https://siakad.ub.ac.id/email/aktivasi/akun/1", text: "Aktivasi Akun")],
            text: "Silakan klik tombol berikut untuk mengaktifkan akun SIAKAD Anda", date: nil))
        #expect(verdict.kind == "siakad-aktivasi")
        #expect(verdict.links.first?.role == "activation")
    }
}

@Suite struct LinkURLTests {
    @Test(arguments: [
        "https://User@BSRE.bssn.go.id.:443/email/aktivasi?x=1#f", "mailto:Info.BSRE@BSSN.go.id?subject=x",
        "http://[::1]:80/x", "https://sso-bsre.bssn.go.id/realms/ams/login-actions/action-token?key=a.b.c",
        "not a url", "https://", "HTTPS://a.example\\path", "ftp://h/x",
    ])
    func fastHostAgreesWithFullParse(_ url: String) {
        #expect(LinkURL.host(of: url) == LinkURL(url).host)
    }

    @Test func partsOfAKeycloakLink() {
        let u = LinkURL("https://sso-bsre.bssn.go.id/auth/realms/ams/login-actions/action-token?key=a%2Eb&client_id=ams-portal")
        #expect(u.host == "sso-bsre.bssn.go.id")
        #expect(u.path == "/auth/realms/ams/login-actions/action-token")
        #expect(u.hasQueryParameter("client_id"))
        #expect(!u.hasQueryParameter("client"))
        #expect(u.queryValue("key") == "a.b")
    }
}
