import Testing
@testable import MailHTML

@Suite struct HTMLExtractorTests {
    @Test func anchorsInOrderWithTextAndEntitiesDecoded() {
        let c = HTMLExtractor.extract("""
        <html><head><title>T</title><style>p{color:red}</style></head><body>
        <a href="https://bsre.bssn.go.id"><img src="logo.png" alt="Logo BSrE"></a>
        <h1>Hai AGUNG</h1>
        <a class="button" href="https://sso.example/realms/ams/login-actions/action-token?key=abc&amp;client_id=ams-portal">Link to
           reset   credentials</a>
        <map><area href="https://x.example/area" alt="Area"></map>
        <script>var s = "<a href='https://evil.example'>";</script>
        </body></html>
        """)
        #expect(c.links.map(\.url) == [
            "https://bsre.bssn.go.id",
            "https://sso.example/realms/ams/login-actions/action-token?key=abc&client_id=ams-portal",
            "https://x.example/area",
        ])
        #expect(c.links.map(\.text) == ["Logo BSrE", "Link to reset credentials", "Area"])
        #expect(c.text.contains("Hai AGUNG"))
        #expect(!c.text.contains("color:red"))
        #expect(!c.text.contains("evil"))
    }

    @Test func baseHrefResolvesRelativeLinks() {
        let c = HTMLExtractor.extract(#"<base href="https://bsre.bssn.go.id/email/"><a href="aktivasi/akun/1">x</a><a href="/login">y</a>"#)
        #expect(c.links.map(\.url) == ["https://bsre.bssn.go.id/email/aktivasi/akun/1", "https://bsre.bssn.go.id/login"])
    }

    @Test func whitespaceInsideHrefIsRemovedAsBrowsersDo() {
        let c = HTMLExtractor.extract("<a href=\"  https://bsre.bssn.go.id/email/aktivasi/\n  akun/42 \">go</a>")
        #expect(c.links.first?.url == "https://bsre.bssn.go.id/email/aktivasi/akun/42")
    }

    @Test func staleMetaCharsetDoesNotWin() {
        let c = HTMLExtractor.extract("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>Hai JOSÉ MÜLLER 🙌</p>")
        #expect(c.text == "Hai JOSÉ MÜLLER 🙌")
    }

    @Test func fragmentAndScriptLinksAreNotLinks() {
        let c = HTMLExtractor.extract(##"<a href="#top">t</a><a href="javascript:alert(1)">j</a><a href="mailto:info.bsre@bssn.go.id">m</a>"##)
        #expect(c.links.map(\.url) == ["mailto:info.bsre@bssn.go.id"])
    }

    @Test func linkNestedThousandDeepIsFound() {
        let html = String(repeating: "<div>", count: 1000) + "<a href=\"https://deep.example/x\">deep</a>" + String(repeating: "</div>", count: 1000)
        let c = HTMLExtractor.extract(html)
        #expect(c.links.map(\.url) == ["https://deep.example/x"])
        #expect(c.maxDepthSeen >= 1000)
    }

    @Test func unclosedTagsAndGarbageRecover() {
        let c = HTMLExtractor.extract("<p>one<a href=https://a.example/1>first<p>two<a href='https://a.example/2'>second</b></i>")
        #expect(c.links.map(\.url) == ["https://a.example/1", "https://a.example/2"])
    }

    @Test func emptyInputHasNothing() {
        let c = HTMLExtractor.extract("")
        #expect(c.links.isEmpty && c.text.isEmpty)
    }
}

@Suite struct HTMLVisibleURLTests {
    @Test func urlShownAsTextIsALinkWhenATrackerRewroteTheAnchor() {
        let c = HTMLExtractor.extract("""
        <p>Jika tombol di atas tidak bisa diklik, salin pranala ini:
        <a href="https://u123.ct.sendgrid.net/ls/click?upn=abc">https://bsre.bssn.go.id/email/aktivasi/akun/c1fa22f9-2917-49aa-9257-afac6e510cd0</a>.</p>
        """)
        #expect(c.links.map(\.url) == ["https://u123.ct.sendgrid.net/ls/click?upn=abc",
                                       "https://bsre.bssn.go.id/email/aktivasi/akun/c1fa22f9-2917-49aa-9257-afac6e510cd0"])
        #expect(c.links[1].text == nil)
    }

    @Test func urlTextEqualToItsAnchorIsNotRepeated() {
        let c = HTMLExtractor.extract(#"<a href="https://a.example/x">https://a.example/x</a>"#)
        #expect(c.links.count == 1)
    }
}
