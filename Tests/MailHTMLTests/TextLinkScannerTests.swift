import Testing
@testable import MailHTML

@Suite struct TextLinkScannerTests {
    func urls(_ s: String) -> [String] { TextLinkScanner.scan(s).map(\.url) }

    @Test func bareURLsWithTrailingPunctuationTrimmed() {
        #expect(urls("Klik https://bsre.bssn.go.id/email/aktivasi/akun/1. Lalu (lihat https://x.example/a_(b)), atau https://y.example/?q=1!")
                == ["https://bsre.bssn.go.id/email/aktivasi/akun/1", "https://x.example/a_(b)", "https://y.example/?q=1"])
    }

    @Test func bracketedURLMaySpanLines() {
        #expect(urls("Buka <https://bsre.bssn.go.id/passphrase/set/abc\n  def?email=a%40b.id> segera") ==
                ["https://bsre.bssn.go.id/passphrase/set/abcdef?email=a%40b.id"])
        #expect(urls("<URL:http://example.com/x>") == ["http://example.com/x"])
    }

    @Test func markdownLinkFromLaravelTextPart() {
        #expect(urls("pramban anda: [https://bsre.bssn.go.id/a](https://bsre.bssn.go.id/a)") ==
                ["https://bsre.bssn.go.id/a", "https://bsre.bssn.go.id/a"])
    }

    @Test func schemeMustStartAWord() {
        #expect(urls("xhttps://no.example and HTTPS://YES.example/p") == ["HTTPS://YES.example/p"])
    }

    @Test func unclosedBracketFallsBackToBareURL() {
        #expect(urls("<https://a.example/x and more text") == ["https://a.example/x"])
    }
    /// Found by the `html` and `pipeline` fuzz targets: text ending in the middle of a scheme
    /// read past the end of the buffer (Fuzz/Regressions/*-text-ends-http-scheme.bin).
    @Test(arguments: ["http", "http:", "http:/", "https:/", "see HTTP:/", "x https", "http:/ "])
    func textEndingInsideASchemeHasNoLink(_ text: String) {
        #expect(urls(text) == [])
    }

    @Test func shortestCompleteSchemeAtEndIsNotALink() {
        #expect(urls("go to http://") == [])
        #expect(urls("http://a") == ["http://a"])
    }
}
