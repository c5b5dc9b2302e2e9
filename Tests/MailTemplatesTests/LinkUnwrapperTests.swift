import Foundation
import Testing
@testable import MailTemplates

/// The link unwrapper on published vectors (provenance next to each), on BSrE links wrapped the
/// way each gateway wraps, and on hostile input. Expected values come from the vendors' formats
/// or the cited decoders, never from running this code.
@Suite struct LinkUnwrapperTests {
    static let aktivasi = "https://bsre.bssn.go.id/email/aktivasi/akun/c1fa22f9-2917-49aa-9257-afac6e510cd0"
    static let reset = "https://sso.bssn.go.id/realms/bsre/login-actions/action-token?key="
        + "eyJhbGciOiJIUzUxMiIsInR5cCIgOiAiSldUIiwia2lkIiA6ICI0ZjQ1In0"
        + ".eyJleHAiOjE3NjQxMjMxODAsImlhdCI6MTc2NDAzNjc4MCwidHlwIjoicmVzZXQtY3JlZGVudGlhbHMifQ"
        + ".Xy-Z_9c2lnbmF0dXJl&client_id=x&tab_id=y"

    // MARK: Encoders, written from each vendor's format, independent of the decoder.

    /// Percent-encodes every byte outside RFC 3986's unreserved set, as Safe Links does.
    static func percentEncoded(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn:
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"))!
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Proofpoint v2: percent-encoding with `-` for `%`, `/` written `_`; only letters, digits
    /// and `.` stay (the published vectors show `:` `@` `!` `#` all escaped).
    static func proofpointV2(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "/"): out += "_"
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
                out.append(Character(Unicode.Scalar(b)))
            default: out += String(format: "-%02X", b)
            }
        }
        return "https://urldefense.proofpoint.com/v2/url?u=\(out)&d=DwMFaQ&c=euGZstcaTDllvimEN8b7jXrwqOf-v5A_CdpgnVfiiMM&r=x&m=y&s=z&e="
    }

    /// Proofpoint v3 as Calvin Ardi's notes describe it: bytes outside a safe set are taken out,
    /// listed in base64url after `;`, and replaced by `*` (one byte) or `**X` (runs of 2 … 65,
    /// longer runs split).
    static func proofpointV3(_ s: String, host: String = "urldefense.com") -> String {
        let safe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?=&!@$'(),;".utf8)
        let runLetters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var text = ""
        var taken: [UInt8] = []
        var run: [UInt8] = []
        func flush() {
            var rest = run[...]
            while !rest.isEmpty {
                let n = min(65, rest.count)
                text += n == 1 ? "*" : "**" + String(runLetters[n - 2])
                rest = rest.dropFirst(n)
            }
            taken += run
            run = []
        }
        for b in s.utf8 {
            if safe.contains(b) {
                flush()
                text.append(Character(Unicode.Scalar(b)))
            } else {
                run.append(b)
            }
        }
        flush()
        return "https://\(host)/v3/__\(text)__;\(base64URL(taken))!!PDiH4ENfjr2_Jw!a1b2-c3_d4$"
    }

    enum Gateway: String, CaseIterable, Sendable {
        case safeLinks, safeLinksGov, teams, proofpointV1, proofpointV2, proofpointV3, google, googleIndonesia,
             barracuda, cisco

        var rewriter: LinkRewriter {
            switch self {
            case .safeLinks, .safeLinksGov, .teams: return .safeLinks
            case .proofpointV1, .proofpointV2, .proofpointV3: return .proofpoint
            case .google, .googleIndonesia: return .googleRedirect
            case .barracuda: return .barracuda
            case .cisco: return .ciscoSecureEmail
            }
        }

        func wrap(_ url: String) -> String {
            let e = LinkUnwrapperTests.percentEncoded(url)
            switch self {
            case .safeLinks:
                return "https://apc01.safelinks.protection.outlook.com/?url=\(e)&data=05%7C02%7C%7C6944b67827e54648125508d884babf16"
                    + "%7Cb768b3c4dc4b445c94c0388882f966fb%7C0%7C0%7C638819890414363571%7CUnknown&sdata=qPb0a6MdRNuAzMIyLPlQ9iH%3D&reserved=0"
            case .safeLinksGov:
                return "https://usg02.safelinks.protection.office365.us/ap/w-59584e83/?url=\(e)&data=05%7C02&reserved=0"
            case .teams:
                return "https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=\(e)&locale=id-id"
                    + "&dest=https%3A%2F%2Fteams.microsoft.com%2Fapi%2Fmt%2Fpart%2Fapac%2Fbeta%2Fatpsafelinks%2Fgeturlreputationsitev2"
            case .proofpointV1:
                return "https://urldefense.proofpoint.com/v1/url?u=\(e)&k=oIvRg1%2BdGAgOoM1BIlLLqw%3D%3D%0A&r=x&m=y&s=z"
            case .proofpointV2:
                return LinkUnwrapperTests.proofpointV2(url)
            case .proofpointV3:
                return LinkUnwrapperTests.proofpointV3(url)
            case .google:
                return "https://www.google.com/url?q=\(e)&sa=D&source=editors&ust=1764036780000000&usg=AOvVaw3kq7Yj"
            case .googleIndonesia:
                return "https://www.google.co.id/url?sa=t&rct=j&q=&esrc=s&source=web&cd=&url=\(e)&usg=AOvVaw3kq7Yj"
            case .barracuda:
                return "https://linkprotect.cudasvc.com/url?a=\(e)&c=E,1,gq-fB3OvXlnAOrkLqskxBnwy2poM3PfMu42tD7Pt,,&typo=1"
            case .cisco:
                return "https://secure-web.cisco.com/1YIShdE6aU0WIMsRjhIYYGdRo_H_wyOVeLqk0ITHI7i-FMIXuMEmV9Y6lR76q/\(e)"
            }
        }
    }

    func expectUnwrapped(_ wrapped: String, to expected: String, by rewriter: LinkRewriter,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        let r = LinkUnwrapper.unwrap(wrapped)
        #expect(r.url == expected, sourceLocation: sourceLocation)
        #expect(r.steps == [UnwrappedLink.Step(rewriter: rewriter, url: wrapped)], sourceLocation: sourceLocation)
        #expect(r.unresolved == nil, sourceLocation: sourceLocation)
        #expect(r.isResolved && !r.depthLimitReached, sourceLocation: sourceLocation)
    }

    func expectUntouched(_ url: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let r = LinkUnwrapper.unwrap(url)
        #expect(r.url == url, sourceLocation: sourceLocation)
        #expect(r.steps.isEmpty, sourceLocation: sourceLocation)
        #expect(r.unresolved == nil, sourceLocation: sourceLocation)
        #expect(!r.isWrapped, sourceLocation: sourceLocation)
    }

    func expectMalformed(_ url: String, by rewriter: LinkRewriter, sourceLocation: SourceLocation = #_sourceLocation) {
        let r = LinkUnwrapper.unwrap(url)
        #expect(r.url == url, sourceLocation: sourceLocation)
        #expect(r.steps.isEmpty, sourceLocation: sourceLocation)
        #expect(r.unresolved == UnresolvedWrapper(rewriter: rewriter, reason: .malformed), sourceLocation: sourceLocation)
        #expect(r.isWrapped && !r.isResolved, sourceLocation: sourceLocation)
    }

    // MARK: BSrE links through every gateway

    @Test(arguments: Gateway.allCases, [LinkUnwrapperTests.aktivasi, LinkUnwrapperTests.reset])
    func bsreLinkComesOutOfEveryGateway(gateway: Gateway, link: String) {
        let wrapped = gateway.wrap(link)
        #expect(wrapped != link)
        expectUnwrapped(wrapped, to: link, by: gateway.rewriter)
    }

    @Test(arguments: [LinkUnwrapperTests.aktivasi, LinkUnwrapperTests.reset, "https://bsre.bssn.go.id", "mailto:info.bsre@bssn.go.id", "https://t.me/infobsre",
                      "tel:+62211234567", "not a url", "", "https://", "http://[::1]/url?q=https://x.test/"])
    func linksThatAreNotWrappedComeBackUntouched(url: String) {
        expectUntouched(url)
    }

    // MARK: Microsoft Safe Links

    @Test func safeLinksPublishedVectors() {
        // Jörg Hochwald, ConvertFrom-SafeLinksURL example, gist d7a1b50685993457231c3603c97a35ca (2020).
        expectUnwrapped("https://eur03.safelinks.protection.outlook.com/?url=https%3A%2F%2Fhochwald.net%2F&data=04%7C01%7Cjoerg%40hochwald.net"
                        + "%7C6944b67827e54648125508d884babf16%7Cb768b3c4dc4b445c94c0388882f966fb%7C0%7C0%7C637405284900251734%7CUnknown"
                        + "%7CTWFpbGZsb3d8eyJWIjoiMC4wLjAwMDAiLCJQIjoiV2luMzIiLCJBTiI6Ik1haWwiLCJXVCI6Mn0%3D%7C1000"
                        + "&sdata=qPb0a6MdRNuAzMIyLPlQ9iHPAufxNRywP2kKi%2FIHs%2FA%3D&reserved=0",
                        to: "https://hochwald.net/", by: .safeLinks)
        // Cortex XSOAR FormatURLApiModule tests (ATP_REDIRECTS), a phishing page behind na01; data trimmed.
        expectUnwrapped("https://na01.safelinks.protection.outlook.com/?url=https%3A%2F%2Foffice.memoriesflower.com%2FPermission%2Foffice.php&data=01%7C01",
                        to: "https://office.memoriesflower.com/Permission/office.php", by: .safeLinks)
        // An Office-document link (/ap/x-…/) found in a public repository's HTML; sdata trimmed.
        expectUnwrapped("https://eur01.safelinks.protection.outlook.com/ap/x-59584e83/?url=https%3A%2F%2F1drv.ms%2Fx%2Fs!As42z7o54BYWhl0slLVRNZzoO49N"
                        + "&data=02%7C01%7C%7C67108194ea3148f41ec108d6bd902c54%7C84df9e7fe9f640afb435aaaaaaaaaaaa%7C1%7C0%7C636904824242023490",
                        to: "https://1drv.ms/x/s!As42z7o54BYWhl0slLVRNZzoO49N", by: .safeLinks)
        // GCC High/DoD: a qemu-devel mail (2025) after quoted-printable decoding; data trimmed.
        expectUnwrapped("https://usg02.safelinks.protection.office365.us/?url=https%3A%2F%2Flore.kernel.org%2Fqemu-devel"
                        + "%2F174595764300.3422.13156465553505851834-0%40git.sr.ht%2F&data=05",
                        to: "https://lore.kernel.org/qemu-devel/174595764300.3422.13156465553505851834-0@git.sr.ht/", by: .safeLinks)
    }

    @Test func teamsSafeLinksPublishedVectors() {
        // Pasted from Teams into a public repository's documentation; dest trimmed.
        expectUnwrapped("https://staticsint.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=https%3A%2F%2Fdocs.microsoft.com"
                        + "%2Fen-us%2Fazure%2Fdeveloper%2Fterraform%2Fget-started-cloud-shell-bash%3Ftabs%3Dbash%233-install-latest-version-of-terraform"
                        + "-in-azure-cloud-shell&locale=en-us&dest=https%3A%2F%2Fteams.microsoft.com%2Fapi%2Fmt%2Fpart%2Fmsft%2Fbeta%2Fatpsafelinks",
                        to: "https://docs.microsoft.com/en-us/azure/developer/terraform/get-started-cloud-shell-bash?tabs=bash"
                            + "#3-install-latest-version-of-terraform-in-azure-cloud-shell",
                        by: .safeLinks)
        // Course notes with a Teams link (statics.teams.cdn.office.net): `%253A` decodes once, to `%3A`.
        expectUnwrapped("https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=https%3A%2F%2Fstats.libretexts.org"
                        + "%2FBookshelves%2FIntroductory_Statistics%2FBook%253A_Introductory_Statistics_(OpenStax)%2F02%253A_Descriptive_Statistics",
                        to: "https://stats.libretexts.org/Bookshelves/Introductory_Statistics/Book%3A_Introductory_Statistics_(OpenStax)/02%3A_Descriptive_Statistics",
                        by: .safeLinks)
    }

    @Test func safeLinksHostSpellingsThatAreStillMicrosofts() {
        let e = Self.percentEncoded(Self.aktivasi)
        for host in ["NAM12.SafeLinks.Protection.Outlook.COM", "nam12.safelinks.protection.outlook.com.", "nam12.safelinks.protection.outlook.com:443",
                     "safelinks.protection.outlook.com", "jpn01.safelinks.protection.outlook.com", "gcc02.safelinks.protection.office365.us"] {
            expectUnwrapped("https://\(host)/?url=\(e)&data=05", to: Self.aktivasi, by: .safeLinks)
        }
        // No slash before the query, as hand-edited links have it.
        expectUnwrapped("https://eur02.safelinks.protection.outlook.com?url=\(e)", to: Self.aktivasi, by: .safeLinks)
    }

    @Test func safeLinksDecodesExactlyOnce() {
        // `%2540` is how Safe Links writes a `%40` that was in the original link.
        expectUnwrapped("https://nam12.safelinks.protection.outlook.com/?url=http%3A%2F%2Fi.ms00.net%2Fsubscribe%3Flist%3Dx%26email%3Duser%2540example.ac.id&data=05",
                        to: "http://i.ms00.net/subscribe?list=x&email=user%40example.ac.id", by: .safeLinks)
        // Doubly encoded: one decoding does not give an http URL, so nothing is guessed.
        expectMalformed("https://nam12.safelinks.protection.outlook.com/?url=https%253A%252F%252Fbsre.bssn.go.id%252F&data=05", by: .safeLinks)
        // `+` is a plus, not a space: Safe Links encodes spaces as %20.
        expectUnwrapped("https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fx.test%2Fa+b%20c", to: "https://x.test/a+b c", by: .safeLinks)
    }

    // MARK: Proofpoint

    @Test func proofpointV1AndV2PublishedVectors() {
        // Cortex XSOAR FormatURLApiModule tests (PROOF_POINT_REDIRECTS): v1 as it stood in HTML source, `&amp;` between parameters.
        expectUnwrapped("https://urldefense.proofpoint.com/v1/url?u=http://www.bouncycastle.org/&amp;k=oIvRg1%2BdGAgOoM1BIlLLqw%3D%3D%0A"
                        + "&amp;r=IKM5u8%2B%2F%2Fi8EBhWOS%2BqGbTqCC%2BrMqWI%2FVfEAEsQO%2F0Y%3D%0A&amp;m=Ww6iaHO73mDQpPQwOwfLfN8WMapqHyvtu8jM8SjqmVQ%3D%0A"
                        + "&amp;s=d3583cfa53dade97025bc6274c6c8951dc29fe0f38830cf8e5a447723b9f1c9a",
                        to: "http://www.bouncycastle.org/", by: .proofpoint)
        // Same source, v2.
        expectUnwrapped("https://urldefense.proofpoint.com/v2/url?u=http-3A__links.mkt3337.com_ctt-3Fkn-3D3-26ms-3DMzQ3OTg3MDQS1-26r-3DMzkxNzk3NDkwMDA0S0"
                        + "-26b-3D0-26j-3DMTMwMjA1ODYzNQS2-26mt-3D1-26rt-3D0&d=DwMFaQ&c=Vxt5e0Osvvt2gflwSlsJ5DmPGcPvTRKLJyp031rXjhg"
                        + "&r=MujLDFBJstxoxZI_GKbsW7wxGM7nnIK__qZvVy6j9Wc&m=QJGhloAyfD0UZ6n8r6y9dF-khNKqvRAIWDRU_K65xPI"
                        + "&s=ew-rOtBFjiX1Hgv71XQJ5BEgl9TPaoWRm_Xp9Nuo8bk&e=",
                        to: "http://links.mkt3337.com/ctt?kn=3&ms=MzQ3OTg3MDQS1&r=MzkxNzk3NDkwMDA0S0&b=0&j=MTMwMjA1ODYzNQS2&mt=1&rt=0",
                        by: .proofpoint)
        expectUnwrapped("https://urldefense.proofpoint.com/v2/url?u=https-3A__example.com_something.html",
                        to: "https://example.com/something.html", by: .proofpoint)
        // Calvin Ardi, proofpoint-url-decoder decode_test.py (CC0): v2 on urldefense.com.
        expectUnwrapped("https://urldefense.com/v2/url?u=https-3A__www.example.com_-23-23-23-23-23foobar&d=&c=&r=&m=&s=&e=",
                        to: "https://www.example.com/#####foobar", by: .proofpoint)
        expectUnwrapped("https://urldefense.com/v2/url?u=https-3A__www.example.com_-40-40-21-40foobar&d=&c=&r=&m=&s=&e=",
                        to: "https://www.example.com/@@!@foobar", by: .proofpoint)
        // HTML entities are undone after decoding, as Proofpoint's decoder does (`-26amp-3B` is `&amp;`).
        expectUnwrapped("https://urldefense.proofpoint.com/v2/url?u=https-3A__bsre.bssn.go.id_a-3Fx-3D1-26amp-3By-3D2&d=DwMFaQ&c=x",
                        to: "https://bsre.bssn.go.id/a?x=1&y=2", by: .proofpoint)
        expectUnwrapped("https://urldefense.proofpoint.com/v1/url?u=https://bsre.bssn.go.id/a?x%3D1%26amp%3By%3D2&k=oIvRg1",
                        to: "https://bsre.bssn.go.id/a?x=1&y=2", by: .proofpoint)
        // Numeric entities too; one that names no character (a surrogate) stays as written.
        expectUnwrapped("https://urldefense.proofpoint.com/v2/url?u=https-3A__bsre.bssn.go.id_-26-2339-3Bq-26-23x2F-3Br-26-23xD800-3B&d=DwMFaQ",
                        to: "https://bsre.bssn.go.id/'q/r&#xD800;", by: .proofpoint)
    }

    static func hashes(_ n: Int) -> String { String(repeating: "#", count: n) }

    /// Calvin Ardi, proofpoint-url-decoder decode_test.py (CC0), TestDecodeV3Methods and TestSequenceUTF8.
    /// The `complex` vectors are asserted without the optional unquoting that test applies.
    static let ardiV3: [(String, String)] = [
        ("https://urldefense.com/v3/__http://www.example.com__;!!foo!bar$", "http://www.example.com"),
        ("https://urldefense.com/v3/__https://example.com/*newsletter__;Iw!!foo!bar$", "https://example.com/#newsletter"),
        ("https://urldefense.com/v3/__http://example.com/?=a1!b2@c3*d4$5e*6*5E7&8*9(10*7C*5C**B7D*7B__;IyUlKiUlW10lJQ!!foo!bar$",
         "http://example.com/?=a1!b2@c3#d4$5e%6%5E7&8*9(10%7C%5C[]%7D%7B"),
        ("https://urldefense.com/v3/__http://example.com/?=a1!b2@c3*d4$5e*6*5E7&8*9(10)-=_*__;IyUlKis!!foo!bar$",
         "http://example.com/?=a1!b2@c3#d4$5e%6%5E7&8*9(10)-=_+"),
        ("https://urldefense.com/v3/__http://example.com/?=*7B*7D**Aa1!b2@c3**D__;JSVbXSMjIyMj!!foo!bar$",
         "http://example.com/?=%7B%7D[]a1!b2@c3#####"),
        ("https://urldefense.com/v3/__http://www.example.com/**_test__;" + String(repeating: "IyMj", count: 21) + "IyM!!foo!bar$",
         "http://www.example.com/" + hashes(65) + "test"),
        ("https://urldefense.com/v3/__http://www.example.com/**_*test__;" + String(repeating: "IyMj", count: 22) + "!!foo!bar$",
         "http://www.example.com/" + hashes(66) + "test"),
        ("https://urldefense.com/v3/__http://www.example.com/**_**Atest__;" + String(repeating: "IyMj", count: 22) + "Iw!!foo!bar$",
         "http://www.example.com/" + hashes(67) + "test"),
        ("https://urldefense.com/v3/__http://www.example.com/**_**Btest__;" + String(repeating: "IyMj", count: 22) + "IyM!!foo!bar$",
         "http://www.example.com/" + hashes(68) + "test"),
        ("https://urldefense.com/v3/__http://www.example.com/**_**_test__;" + String(repeating: "IyMj", count: 43) + "Iw!!foo!bar$",
         "http://www.example.com/" + hashes(130) + "test"),
        ("https://urldefense.com/v3/__http://www.example.com/**_**_*test__;" + String(repeating: "IyMj", count: 43) + "IyM!!foo!bar$",
         "http://www.example.com/" + hashes(131) + "test"),
        ("https://urldefense.com/v3/__http://www.example.com/**Aa*.html__;w60j!!foo!bar$", "http://www.example.com/ía#.html"),
        ("https://urldefense.com/v3/__http://www.example.com/**Aa*a*.html__;w60jIw!!foo!bar$", "http://www.example.com/ía#a#.html"),
        ("https://urldefense.com/v3/__http://www.example.com/**B.html__;w60j!!foo!bar$", "http://www.example.com/í#.html"),
        ("https://urldefense.com/v3/__http://www.example.com/**C.html__;w60jIw!!foo!bar$", "http://www.example.com/í##.html"),
        ("https://urldefense.com/v3/__http://www.example.com/**D.html__;w60jIyM!!foo!bar$", "http://www.example.com/í###.html"),
        ("https://urldefense.com/v3/__http://www.example.com/**E.html__;w60jIyMj!!foo!bar$", "http://www.example.com/í####.html"),
        ("https://urldefense.com/v3/__http://www.example.com/**F.html__;w60jIyMjIw!!foo!bar$", "http://www.example.com/í#####.html"),
        ("https://urldefense.com/v3/__http://www.example.com/**E.html__;5L2g5aW9!!foo!bar$", "http://www.example.com/你好.html"),
        // 124 bytes of two-byte letters as runs of 65 and 59: the first run ends inside a letter.
        ("https://urldefense.com/v3/__http://www.example.com/**_**5.html__;w6DDqMOsw7LDucOAw4jDjMOSw5nDocOpw63Ds8O6w73DgcOJw43Dk8Oaw53DosOq"
         + "w67DtMO7w4LDisOOw5TDm8Ojw7HDtcODw5HDlcOkw6vDr8O2w7zDv8OEw4vDj8OWw5zFuMOlw4XDpsOGxZPFksOnw4fDsMOQw7jDmA!!foo!bar$",
         "http://www.example.com/àèìòùÀÈÌÒÙáéíóúýÁÉÍÓÚÝâêîôûÂÊÎÔÛãñõÃÑÕäëïöüÿÄËÏÖÜŸåÅæÆœŒçÇðÐøØ.html"),
    ]

    @Test(arguments: LinkUnwrapperTests.ardiV3.indices)
    func proofpointV3PublishedVectors(index: Int) {
        let (wrapped, expected) = Self.ardiV3[index]
        expectUnwrapped(wrapped, to: expected, by: .proofpoint)
    }

    @Test func proofpointV3RealLinks() {
        // A mailing-list post quoting an Intel release note (urldefense.us): `*2B` with `JQ` (`%`) is the original `%2B`.
        expectUnwrapped("https://urldefense.us/v3/__https://github.com/intel/torch-ccl/releases/tag/v2.1.300*2Bxpu__;JQ!!G_uCfscf7eWS"
                        + "!ZDMnN0Oxp1sCv06MkdlBqFIq0NMAXaCBOtl3fEtBq8Fn4-3iYY5-kPEKr-q4vZIL_i6f2wQbULxAIFJAthJyu3VvNA$",
                        to: "https://github.com/intel/torch-ccl/releases/tag/v2.1.300%2Bxpu", by: .proofpoint)
        // A license header rewritten by a US gateway.
        expectUnwrapped("https://urldefense.us/v3/__http://www.apache.org/licenses/LICENSE-2.0__;!!BClRuOV5cvtbuNI"
                        + "!XHSjK-altBMEBcb29doVVSN5b_-KMFT0XOr_oxG_8N6hXeQc0NUoTQmpgimnDkMRItPthShdnydfyoZZ$",
                        to: "http://www.apache.org/licenses/LICENSE-2.0", by: .proofpoint)
        // A W3C CCG mail: Proofpoint wrote `https:/` with one slash; browsers read it as `https://`.
        expectUnwrapped("https://urldefense.us/v3/__https:/w3c-ccg.github.io/citizenship-vocab/__;!!BClRuOV5cvtbuNI"
                        + "!XTUw2g_i0CPNJA_7Ifv3yTqHIllQ6utz7yendzcAdgrTvlG7M2esZOsT0RBy8UkmwaxV$",
                        to: "https://w3c-ccg.github.io/citizenship-vocab/", by: .proofpoint)
        // Cortex XSOAR's vector; `Kw` is `+`, so Proofpoint's decoder gives `a+test` (XSOAR's test, which
        // skips the substitution, expects `a*test`).
        expectUnwrapped("https://urldefense.com/v3/__https://google.com:443/search?q=a*test&gs=ps__;Kw!-612Flbf0JvQ3kNJkRi5Jg"
                        + "!Ue6tQudNKaShHg93trcdjqDP8se2ySE65jyCIe2K1D_uNjZ1Lnf6YLQERujngZv9UWf66ujQIQ$",
                        to: "https://google.com:443/search?q=a+test&gs=ps", by: .proofpoint)
    }

    @Test(arguments: [
        "https://bsre.bssn.go.id/aktivasi?next=%2Fhome#top",
        "https://example.ac.id/" + String(repeating: "#", count: 131) + "/" + String(repeating: "é", count: 70) + "/x",
        "https://example.ac.id/berkas/Surat%20Pernyataan+BSrE[1].pdf?v=*",
        "https://example.ac.id/😀/你好/ß_",
        "https://example.ac.id/a__;b!c",
    ])
    func proofpointV3RoundTrip(original: String) {
        expectUnwrapped(Self.proofpointV3(original), to: original, by: .proofpoint)
        expectUnwrapped(Self.proofpointV3(original, host: "urldefense.us"), to: original, by: .proofpoint)
    }

    @Test(arguments: [
        // a placeholder with no byte left for it
        "https://urldefense.com/v3/__https://example.com/*a*b__;Iw!!foo!bar$",
        // a listed byte with no placeholder
        "https://urldefense.com/v3/__https://example.com/*a__;IyM!!foo!bar$",
        // `**` followed by a letter outside the run alphabet
        "https://urldefense.com/v3/__https://example.com/**+a__;IyM!!foo!bar$",
        // `**` at the very end
        "https://urldefense.com/v3/__https://example.com/a**__;IyM!!foo!bar$",
        // no `!` after the listed bytes
        "https://urldefense.com/v3/__https://example.com/*a__;Iw",
        // no `__;` at all (cut short)
        "https://urldefense.com/v3/__http://www.example.com/",
        // base64 of impossible length
        "https://urldefense.com/v3/__https://example.com/*a__;IyMjI!!foo!bar$",
        // a fragment cuts the terminator off: the browser never sends it
        "https://urldefense.com/v3/__https://example.com/#a__;!!foo!bar$",
        // Ardi's `test_empty`: an empty URL
        "https://urldefense.com/v3/____;Iw!!foo!bar$",
        // substituted bytes that are not UTF-8
        "https://urldefense.com/v3/__https://example.com/*__;_w!!foo!bar$",
        // v1 and v2 without `u`, or with one that is not an http URL
        "https://urldefense.proofpoint.com/v1/url?k=oIvRg1",
        "https://urldefense.proofpoint.com/v2/url?u=&d=DwMFaQ",
        "https://urldefense.proofpoint.com/v2/url?u=javascript-3Aalert-281-29&d=DwMFaQ",
    ])
    func brokenProofpointLinksStayWrapped(url: String) {
        expectMalformed(url, by: .proofpoint)
    }

    // MARK: Google, Barracuda, Cisco

    @Test func googleRedirect() {
        // Google Docs writes `q` unencoded when it can.
        expectUnwrapped("https://www.google.com/url?q=https://bsre.bssn.go.id/&sa=D&source=docs&ust=1764036780000000&usg=AOvVaw1",
                        to: "https://bsre.bssn.go.id/", by: .googleRedirect)
        // Search results: `q` present but empty, the target in `url`.
        expectUnwrapped("https://google.com/url?sa=t&q=&url=https%3A%2F%2Fbsre.bssn.go.id%2F&usg=AOvVaw1",
                        to: "https://bsre.bssn.go.id/", by: .googleRedirect)
        // Not the redirect: a search, a different path, a look-alike path.
        for url in ["https://www.google.com/search?q=https://bsre.bssn.go.id/", "https://www.google.com/url/?q=https://bsre.bssn.go.id/",
                    "https://www.google.com/URL?q=https://bsre.bssn.go.id/", "https://www.google.com/amp/s/bsre.bssn.go.id/",
                    "https://mail.google.com/url?q=https://evil.test/", "https://www.google.fr/url?q=https://evil.test/"] {
            expectUntouched(url)
        }
        expectMalformed("https://www.google.co.id/url?q=bsre+aktivasi&sa=D", by: .googleRedirect)
        expectMalformed("https://www.google.com/url", by: .googleRedirect)
    }

    @Test func barracudaPublishedVectors() {
        // Real links left in public repositories' pages.
        expectUnwrapped("https://linkprotect.cudasvc.com/url?a=https%3A%2F%2Fwww.lakeviewresort.com%2Freservations%3Fpromo_code%3DGEO52125"
                        + "&c=E,1,gq-fB3OvXlnAOrkLqskxBnwy2poM3PfMu42tD7PtykoqJDTHZXtaZankHTnb0nu9mUw0lRP50z1WMhAkVYEUL3OOon55rYBRYmLRZMY_XUDr&typo=1",
                        to: "https://www.lakeviewresort.com/reservations?promo_code=GEO52125", by: .barracuda)
        expectUnwrapped("https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fservingconnecticut.com%2f&c=E,1,hA45iW0GZJdGWU2_lp0BOlPA2MbuJCyCSHBrRzn"
                        + "oiP5v2BNJNsn5x0h4ADkZlBLeOHr2HP5RMLme4LozPT9vTxNK1gc3p9-xVDwmWt19f7h14J2cmx2_Ag,,&typo=1",
                        to: "https://servingconnecticut.com/", by: .barracuda)
        expectMalformed("https://linkprotect.cudasvc.com/url?c=E,1,abc&typo=1", by: .barracuda)
        expectUntouched("https://linkprotect.cudasvc.com/other?a=https%3A%2F%2Fevil.test%2F")
    }

    @Test func ciscoPublishedVectors() {
        // xen-devel archive (a GPL header rewritten by Cisco Secure Email).
        expectUnwrapped("http://secure-web.cisco.com/1YIShdE6aU0WIMsRjhIYYGdRo_H_wyOVeLqk0ITHI7i_FMIXuMEmV9Y6lR76qCBB4XHss0ba_WMfQa0mLGD37bM1S3AFMBVC1WUEF0"
                        + "LmbURPWld2kU2zuyOamUxqnYwy4ZAv4N2EUJy7HCgDYn2s183YCQ-5YBc98vH8TO-tfBgEShkKVzAm23AgzIqikuKN_BIhcQhAbsjypr9ffeNZDsSX2jC8Clqeg"
                        + "EPXFsCWJldrASGgWoR16rMjI-INfPNy55m9nGP5UmHIYWBmTpnHLjXtqCkruENixh20vPWIUROhcjjtzVBrR8d-Q5HnJy0hSR97WdlUSAryfxeH-8VxcPw"
                        + "/http%3A%2F%2Fwww.gnu.org%2Flicenses%2F",
                        to: "http://www.gnu.org/licenses/", by: .ciscoSecureEmail)
        // qemu-devel archive (2021): the fragment travels encoded as %23.
        expectUnwrapped("https://secure-web.cisco.com/1oJkyJ6o1FSjeLofNCk-SJBvHe8F5z4Gz5K8rDouTJuL6pWtzenJ1yE0imiWoNBJUx5BooSaYSkvQfHj1aTBxq2d7eD-xZyztLaT2DS2"
                        + "0DjjENjFLA8jfhIXRN_hJPLa8vikrdvz9p60Jy7kojB3AJRD9ZzEL6NwZS2AZfc2ElH7-meAzFGLq-3qKResEOEwqEkMU5ocivYTBkJpgcJLPiR34MZr3ZUdMsFn"
                        + "YCLYImWZ9TxlbUyo742xmCDQdg-CM-GFhJm3h6Vu6t1b8LHALySrJqK4dUdKPfzYgkDmhH11RMEXwPNMW19QNF62MbxEDFcekCoClvnOYuRsoEjgnwJH-rJn9B-D54"
                        + "vVPbAhqsCkjjd8wBCwBCjbWuq2kovWRZC9hl7URdTe2-F3JVb2EItEsQBr52Wxc5D1D_tnuboaCIzn1osTeVB2_nJbwIIKc"
                        + "/https%3A%2F%2Fwiki.qemu.org%2FContribute%2FSubmitAPatch%23Submitting_your_Patches",
                        to: "https://wiki.qemu.org/Contribute/SubmitAPatch#Submitting_your_Patches", by: .ciscoSecureEmail)
        for url in ["https://secure-web.cisco.com/", "https://secure-web.cisco.com/1abc", "https://secure-web.cisco.com//https%3A%2F%2Fx.test%2F",
                    "https://secure-web.cisco.com/1a%20bc/https%3A%2F%2Fx.test%2F", "https://secure-web.cisco.com/1abc/ftp%3A%2F%2Fx.test%2F"] {
            expectMalformed(url, by: .ciscoSecureEmail)
        }
    }

    // MARK: Mimecast

    @Test func mimecastIsRecognisedButNotResolved() {
        // Real rewritten links left in public repositories (old and 2024 host forms).
        let cases: [(String, String?)] = [
            ("https://protect-za.mimecast.com/s/9kIGCAnXYRIw62mtGNo3E?domain=releases.ubuntu.com", "releases.ubuntu.com"),
            ("https://protect-usb.mimecast.com/s/iBJQCrgWNnT23MApNZJi7InV-?domain=github.com", "github.com"),
            ("https://protect-eu.mimecast.com/s/DY5pC0g0RiMW3RriwawTw?domain=198.18.133.2", "198.18.133.2"),
            ("https://url.au.m.mimecastprotect.com/s/md3sCq71grH8lE0DuEsKKiEY7ks?domain=biopython-tutorial.readthedocs.io",
             "biopython-tutorial.readthedocs.io"),
            ("https://url.uk.m.mimecastprotect.com/s/YP9XCWQRPfDXo1NIKijuVb2y7", nil),
            ("https://protect-za.mimecast.com/s/ijcSCMjgzRfqkAyrFwxRq9?domain=demowebshop.tricentis.com/", "demowebshop.tricentis.com"),
            ("https://url.usb.m.mimecastprotect.com/s/x?domain=BSRE.BSSN.GO.ID", "bsre.bssn.go.id"),
            ("https://url.za.m.mimecastprotect.com/s/Al-NC98BNNiNO7DsofKiqDHZw?domain=3D=", nil),
        ]
        for (url, domain) in cases {
            let r = LinkUnwrapper.unwrap(url)
            #expect(r.url == url)
            #expect(r.steps.isEmpty)
            #expect(r.unresolved == UnresolvedWrapper(rewriter: .mimecast, reason: .opaque, claimedDomain: domain))
            #expect(!r.depthLimitReached && !r.isResolved)
        }
        // Mimecast's own pages are not wrappers.
        expectUntouched("https://community.mimecast.com/s/article/Managing-API-Applications-505230018")
        expectUntouched("https://protect-us.mimecast.com/enroll?token=x")
        expectUntouched("https://protect-us.mimecast.com.evil.test/s/abc?domain=bsre.bssn.go.id")
    }

    // MARK: Spoofed hosts

    @Test(arguments: [
        "https://safelinks.protection.outlook.com.evil.tld/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://nam12.safelinks.protection.outlook.com.evil.tld/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://evil.tld/safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://evil.tld/?x=https://nam12.safelinks.protection.outlook.com/&url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://safelinks.protection.outlook.com@evil.tld/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://nam12.safelinks.protection.outlook.com:443@evil.tld/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://evil.tld\\@nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://x.evil.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://evilsafelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://-x.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://x_y.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://" + String(repeating: "a", count: 64) + ".safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://nam12.safelinks.protection.outlook.co/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://nam12.safelinks%2Eprotection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "ftp://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://statics.teams.cdn.office.net/evergreen-assets/apps/x.html?url=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://statics.teams.cdn.office.net.evil.tld/evergreen-assets/safelinks/1/atp-safelinks.html?url=https%3A%2F%2Fevil.tld%2F",
        "https://urldefense.com.evil.tld/v3/__https://bsre.bssn.go.id/__;!!a!b$",
        "https://evil.tld/urldefense.com/v3/__https://bsre.bssn.go.id/__;!!a!b$",
        "https://urldefense.com@evil.tld/v3/__https://bsre.bssn.go.id/__;!!a!b$",
        "https://urldefense.com/v4/__https://bsre.bssn.go.id/__;!!a!b$",
        "https://www.google.com.evil.tld/url?q=https://bsre.bssn.go.id/",
        "https://google.evil.tld/url?q=https://bsre.bssn.go.id/",
        "https://linkprotect.cudasvc.com.evil.tld/url?a=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://secure-web.cisco.com.evil.tld/1abc/https%3A%2F%2Fbsre.bssn.go.id%2F",
    ])
    func spoofedGatewayHostsAreNotFollowed(url: String) {
        expectUntouched(url)
    }

    @Test func userinfoInTheDestinationIsNotTheHost() {
        // The destination is evil.tld; the unwrapper must hand that URL over intact, not "clean" it.
        let r = LinkUnwrapper.unwrap("https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%40evil.tld%2Faktivasi")
        #expect(r.url == "https://bsre.bssn.go.id@evil.tld/aktivasi")
        #expect(LinkURL.host(of: r.url) == "evil.tld")
    }

    // MARK: Malformed and hostile input

    @Test(arguments: [
        "https://nam12.safelinks.protection.outlook.com/?data=05%7C02",
        "https://nam12.safelinks.protection.outlook.com/?url=&data=05",
        "https://nam12.safelinks.protection.outlook.com/?url",
        "https://nam12.safelinks.protection.outlook.com/?URL=https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://nam12.safelinks.protection.outlook.com/?url=javascript%3Aalert(document.cookie)",
        "https://nam12.safelinks.protection.outlook.com/?url=data%3Atext%2Fhtml%2C%3Ch1%3E",
        "https://nam12.safelinks.protection.outlook.com/?url=mailto%3Ainfo.bsre%40bssn.go.id",
        "https://nam12.safelinks.protection.outlook.com/?url=hxxps%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://nam12.safelinks.protection.outlook.com/?url=%2F%2Fevil.tld%2F",
        "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2F%2Fevil.tld",
        "https://nam12.safelinks.protection.outlook.com/?url=%20https%3A%2F%2Fbsre.bssn.go.id%2F",
        "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F%0D%0ASet-Cookie%3A%20x",
        "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn%00.go.id%2F",
        "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%09.evil.tld%2F",
        "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F%C3%28",
        "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F%C0%AF",
        "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2F%ED%A0%80",
        "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2F%E0%A4",
    ])
    func malformedSafeLinksStayWrapped(url: String) {
        expectMalformed(url, by: .safeLinks)
    }

    @Test func badPercentEscapesPassThroughAsBrowsersLeaveThem() {
        expectUnwrapped("https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbsre.bssn.go.id%2Fa%ZZb%2%&data=05",
                        to: "https://bsre.bssn.go.id/a%ZZb%2%", by: .safeLinks)
    }

    @Test func nestedWrappersComeOffOutermostFirst() {
        let barracuda = Gateway.barracuda.wrap(Self.reset)
        let proofpoint = Self.proofpointV2(barracuda)
        let outer = Gateway.safeLinks.wrap(proofpoint)
        let r = LinkUnwrapper.unwrap(outer)
        #expect(r.url == Self.reset)
        #expect(r.steps.map(\.rewriter) == [.safeLinks, .proofpoint, .barracuda])
        #expect(r.steps.map(\.url) == [outer, proofpoint, barracuda])
        #expect(r.isResolved)

        // Cortex XSOAR's vector: Safe Links around Proofpoint v3, partly encoded (`%3A//`).
        let xsoar = "https://na01.safelinks.protection.outlook.com/?url=https%3A//urldefense.com/v3/__https%3A//google.com%3A443"
            + "/search%3Fq%3Da%2Atest%26gs%3Dps__%3BKw%21-612Flbf0JvQ3kNJkRi5Jg&"
        let x = LinkUnwrapper.unwrap(xsoar)
        #expect(x.url == "https://google.com:443/search?q=a+test&gs=ps")
        #expect(x.steps.map(\.rewriter) == [.safeLinks, .proofpoint])
        #expect(x.steps.last?.url == "https://urldefense.com/v3/__https://google.com:443/search?q=a*test&gs=ps__;Kw!-612Flbf0JvQ3kNJkRi5Jg")
    }

    @Test func anInnerFailureKeepsTheLayersAlreadyRemoved() {
        let broken = "https://urldefense.com/v3/__https://bsre.bssn.go.id/*__;!!a!b$"
        let r = LinkUnwrapper.unwrap(Gateway.teams.wrap(broken))
        #expect(r.url == broken)
        #expect(r.steps.map(\.rewriter) == [.safeLinks])
        #expect(r.unresolved == UnresolvedWrapper(rewriter: .proofpoint, reason: .malformed))

        let mimecast = "https://url.de.m.mimecastprotect.com/s/mo46CLZjkgIkY1vBEcBfviy8_YO?domain=outlook.com"
        let m = LinkUnwrapper.unwrap(Gateway.safeLinks.wrap(mimecast))
        #expect(m.url == mimecast)
        #expect(m.steps.map(\.rewriter) == [.safeLinks])
        #expect(m.unresolved?.reason == .opaque)
        #expect(m.unresolved?.claimedDomain == "outlook.com")
    }

    @Test func depthIsBounded() {
        var layers = [Self.aktivasi]
        for _ in 0..<8 { layers.append(Self.proofpointV3(layers.last!)) }

        let limited = LinkUnwrapper.unwrap(layers[8])
        #expect(limited.steps.count == 5)
        #expect(limited.steps.map(\.url) == Array(layers[4...8].reversed()))
        #expect(limited.url == layers[3])
        #expect(limited.depthLimitReached && !limited.isResolved && limited.unresolved == nil)

        let full = LinkUnwrapper.unwrap(layers[8], maxDepth: 8)
        #expect(full.url == Self.aktivasi && full.steps.count == 8 && !full.depthLimitReached)

        let none = LinkUnwrapper.unwrap(layers[1], maxDepth: 0)
        #expect(none.url == layers[1] && none.steps.isEmpty && none.depthLimitReached)
        let negative = LinkUnwrapper.unwrap(layers[1], maxDepth: -3)
        #expect(negative.url == layers[1] && negative.depthLimitReached)
        #expect(!LinkUnwrapper.unwrap(Self.aktivasi, maxDepth: 0).depthLimitReached)
    }

    @Test func deepNestingStaysBounded() {
        var url = Self.reset
        for _ in 0..<120 { url = Self.proofpointV3(url) }
        let r = LinkUnwrapper.unwrap(url, maxDepth: 5)
        #expect(r.steps.count == 5 && r.depthLimitReached)
        let all = LinkUnwrapper.unwrap(url, maxDepth: 1000)
        #expect(all.url == Self.reset && all.steps.count == 120 && !all.depthLimitReached)
    }

    @Test func longURLs() {
        let long = Self.aktivasi + "?" + String(repeating: "a%2", count: 100_000)
        expectUntouched(long)
        expectUnwrapped(Gateway.safeLinks.wrap(long), to: long, by: .safeLinks)
        expectUnwrapped(Self.proofpointV3(long), to: long, by: .proofpoint)
        expectUntouched("https://" + String(repeating: "a.", count: 500_000) + "safelinks.protection.outlook.com/?url=x")
        expectMalformed("https://urldefense.com/v3/__" + String(repeating: "**_", count: 300_000) + "__;!!a!b$", by: .proofpoint)
    }

    @Test func unwrappedLinksTakeTheCheapPath() {
        // A generous bound that a regular expression or full parse per link would still meet on a fast
        // machine, but not a quadratic scan: 50k ordinary links of a mailbox, debug build.
        let links = (0..<50_000).map { "https://bsre.bssn.go.id/email/aktivasi/akun/\($0)?utm_source=mail&x=" + String($0, radix: 16) }
        let clock = ContinuousClock()
        var unwrapped = 0
        let elapsed = clock.measure {
            for l in links where LinkUnwrapper.unwrap(l).isWrapped { unwrapped += 1 }
        }
        #expect(unwrapped == 0)
        #expect(elapsed < .seconds(10))
    }
}
