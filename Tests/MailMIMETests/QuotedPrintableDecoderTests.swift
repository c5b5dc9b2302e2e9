import Foundation
import Testing

@testable import MailMIME

struct QuotedPrintableDecoderTests {
    @Test func mimekitWikipediaDecodesToTheOriginalText() throws {
        let encoded = try Data(contentsOf: corpusFile("peers/mimekit/UnitTests/TestData/encoders/wikipedia.qp"))
        let original = try Data(contentsOf: corpusFile("peers/mimekit/UnitTests/TestData/encoders/wikipedia.txt"))
        #expect(QuotedPrintableDecoder.decode(Array(encoded)[...]) == Array(original))
    }

    /// The same text with CRLF line ends must decode to the original with CRLF line ends.
    @Test func mimekitWikipediaWithCRLF() throws {
        let encoded = try Data(contentsOf: corpusFile("peers/mimekit/UnitTests/TestData/encoders/wikipedia.qp"))
        let original = try Data(contentsOf: corpusFile("peers/mimekit/UnitTests/TestData/encoders/wikipedia.txt"))
        func crlf(_ d: Data) -> [UInt8] { d.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] } }
        #expect(QuotedPrintableDecoder.decode(crlf(encoded)[...]) == crlf(original))
    }

    @Test(arguments: [
        ("=3D", [0x3D]), ("=3d", [0x3D]), ("caf=C3=A9", [0x63, 0x61, 0x66, 0xC3, 0xA9]),
        ("caf=c3=a9", [0x63, 0x61, 0x66, 0xC3, 0xA9]), ("caf=C3=a9", [0x63, 0x61, 0x66, 0xC3, 0xA9]),
        ("=00", [0x00]), ("=FF=fF", [0xFF, 0xFF]),
    ] as [(String, [UInt8])])
    func hexEscapesInEitherCase(encoded: String, decoded: [UInt8]) {
        #expect(qp(encoded) == decoded)
    }

    @Test(arguments: [
        ("soft=\r\nbreak", "softbreak"),
        ("soft=\nbreak", "softbreak"),
        ("soft=  \r\nbreak", "softbreak"),
        ("soft=\t \nbreak", "softbreak"),
        ("keep space =\r\nbefore", "keep space before"),
        ("http://example.com/very/long/pa=\r\nth?x=3D1", "http://example.com/very/long/path?x=1"),
    ])
    func softLineBreaks(encoded: String, decoded: String) {
        #expect(qp(encoded) == utf8(decoded))
    }

    @Test(arguments: [
        ("line   \r\nnext", "line\r\nnext"),
        ("line \t \nnext", "line\nnext"),
        ("encoded=20\r\nnext", "encoded \r\nnext"),
        ("mixed=20  \r\nnext", "mixed \r\nnext"),
        ("tab=09\nnext", "tab\t\nnext"),
        ("end of input   ", "end of input"),
        ("  leading kept", "  leading kept"),
    ])
    func trailingWhitespaceIsRemovedButEncodedWhitespaceKept(encoded: String, decoded: String) {
        #expect(qp(encoded) == utf8(decoded))
    }

    @Test func lineEndingsArePreservedAsWritten() {
        #expect(qp("a\r\nb\nc\r\n") == utf8("a\r\nb\nc\r\n"))
        #expect(qp("\r\n\r\n") == utf8("\r\n\r\n"))
        // A bare CR is not a line end: kept, and not stripped as whitespace.
        #expect(qp("a\rb\r") == utf8("a\rb\r"))
    }

    @Test(arguments: [
        ("a=b", "a=b"),
        ("=4G", "=4G"),
        ("100% = sure", "100% = sure"),
        ("x=\ry", "x=\ry"),
        ("==41", "=A"),
        ("=Z=", "=Z"),
    ])
    func strayEqualsIsKeptLiterally(encoded: String, decoded: String) {
        #expect(qp(encoded) == utf8(decoded))
    }

    @Test(arguments: [("abc=", "abc"), ("abc=  ", "abc"), ("abc  =", "abc  "), ("=", ""), ("abc=4", "abc=4")])
    func equalsAtTheEndOfInput(encoded: String, decoded: String) {
        #expect(qp(encoded) == utf8(decoded))
    }

    @Test func emptyInput() {
        #expect(qp("").isEmpty)
        #expect(q("").isEmpty)
    }

    @Test func sliceWithNonZeroStartIndex() {
        let whole = Array("xx=41=\r\nB  \r\nyy".utf8)
        #expect(QuotedPrintableDecoder.decode(whole[2..<13]) == utf8("AB\r\n"))
    }

    /// An independent encoder (RFC 2045 rules, 76-column lines) over random bytes, CRLF kept as
    /// line breaks; decode must give the input back exactly.
    @Test func roundTripsAnEncoder() {
        var generator = SplitMix64(seed: 2045)
        for length in [0, 1, 2, 75, 76, 77, 500, 5000] {
            for _ in 0..<20 {
                // Mostly text, with spaces before line breaks and raw high bytes, to hit every rule.
                let alphabet: [UInt8] = Array("ab =\t\r\n.".utf8) + [0x00, 0xE9, 0xFF]
                // Only CRLF pairs stay line breaks; the encoder escapes a lone CR or LF.
                let data = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
                let encoded = encodeQuotedPrintable(data)
                #expect(QuotedPrintableDecoder.decode(encoded[...]) == data, "length \(length)")
            }
        }
    }

    private func encodeQuotedPrintable(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var column = 0
        func emit(_ chunk: [UInt8]) {
            if column + chunk.count > 75 {
                out += Array("=\r\n".utf8)
                column = 0
            }
            out += chunk
            column += chunk.count
        }
        var i = 0
        while i < data.count {
            let b = data[i]
            if b == 0x0D, i + 1 < data.count, data[i + 1] == 0x0A {
                out += [0x0D, 0x0A]
                column = 0
                i += 2
                continue
            }
            let nextIsBreak = i + 1 == data.count || (data[i + 1] == 0x0D && i + 2 < data.count && data[i + 2] == 0x0A)
            let literal = (b >= 33 && b <= 126 && b != 0x3D) || ((b == 0x20 || b == 0x09) && !nextIsBreak)
            if literal {
                emit([b])
            } else {
                emit(Array(String(format: "=%02X", b).utf8))
            }
            i += 1
        }
        return out
    }

    // MARK: - Q encoding (RFC 2047 §4.2)

    @Test func qEncodingOfLatin1() {
        #expect(q("Keld_J=F8rn_Simonsen") == utf8("Keld J") + [0xF8] + utf8("rn Simonsen"))
    }

    @Test(arguments: [
        ("a_b", "a b"), ("=5F", "_"), ("R=C3=A9sum=c3=a9", "Résumé"), ("this is some text", "this is some text"),
        ("50=", "50="), ("=3", "=3"), ("=XY", "=XY"), ("__", "  "),
    ])
    func qEncoding(encoded: String, decoded: String) {
        #expect(q(encoded) == utf8(decoded))
    }

    @Test func qEncodingHasNoSoftBreaksOrWhitespaceStripping() {
        #expect(q("a=\r\nb  ") == utf8("a=\r\nb  "))
    }


    private func qp(_ s: String) -> [UInt8] { QuotedPrintableDecoder.decode(Array(s.utf8)[...]) }
    private func q(_ s: String) -> [UInt8] { QuotedPrintableDecoder.decodeEncodedWord(Array(s.utf8)[...]) }
    private func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

}
