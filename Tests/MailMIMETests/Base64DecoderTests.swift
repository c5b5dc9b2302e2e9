import Foundation
import Testing

@testable import MailMIME

struct Base64DecoderTests {
    @Test func mimekitPhotoDecodesToTheOriginalJPEG() throws {
        let encoded = try Data(contentsOf: corpusFile("peers/mimekit/UnitTests/TestData/encoders/photo.b64"))
        let original = try Data(contentsOf: corpusFile("peers/mimekit/UnitTests/TestData/encoders/photo.jpg"))
        let result = Base64Decoder.decode(Array(encoded)[...])
        #expect(result.damaged == false)
        #expect(result.bytes.count == original.count)
        #expect(result.bytes == Array(original))
    }

    /// RFC 4648 §10.
    @Test(arguments: [
        ("", ""), ("Zg==", "f"), ("Zm8=", "fo"), ("Zm9v", "foo"), ("Zm9vYg==", "foob"), ("Zm9vYmE=", "fooba"),
        ("Zm9vYmFy", "foobar"),
    ])
    func rfc4648Vectors(encoded: String, decoded: String) {
        let result = Base64Decoder.decode(bytes(encoded))
        #expect(result.bytes == Array(decoded.utf8))
        #expect(result.damaged == false)
    }

    @Test func whitespaceAndLineBreaksAreSkipped() {
        let result = Base64Decoder.decode(bytes("Zm9v\r\nYmFy\n Zm9v\tYmFy  \r\n"))
        #expect(result.bytes == Array("foobarfoobar".utf8))
        #expect(result.damaged == false)
    }

    @Test func junkIsSkippedAndReported() {
        let result = Base64Decoder.decode(bytes("Zm9v!Ym\u{7F}Fy"))
        #expect(result.bytes == Array("foobar".utf8))
        #expect(result.damaged == true)
    }

    @Test(arguments: ["-", "_", ".", "*", "\u{00}", "\u{0B}", "\u{0C}"])
    func urlSafeAndOtherNonAlphabetBytesAreJunk(junk: String) {
        let result = Base64Decoder.decode(bytes("Zm9v" + junk + "YmFy"))
        #expect(result.bytes == Array("foobar".utf8))
        #expect(result.damaged == true)
    }

    @Test func highBytesAreJunk() {
        var input = Array("Zm9v".utf8)
        input += [0x80, 0xC3, 0xA9, 0xFF]
        input += Array("YmFy".utf8)
        let result = Base64Decoder.decode(input[...])
        #expect(result.bytes == Array("foobar".utf8))
        #expect(result.damaged == true)
    }

    @Test func paddingEndsAQuantumAndDecodingContinues() {
        // Concatenated blocks, as some mailers produce.
        let result = Base64Decoder.decode(bytes("Zm8=Zm8=\r\nZg==Zm9v"))
        #expect(result.bytes == Array("fofoffoo".utf8))
        #expect(result.damaged == false)
    }

    @Test func extraPaddingIsHarmless() {
        let result = Base64Decoder.decode(bytes("Zg===\n=Zm8="))
        #expect(result.bytes == Array("ffo".utf8))
        #expect(result.damaged == false)
    }

    @Test(arguments: [
        ("Zm9vYg", "foob"), ("Zm9vYmE", "fooba"), ("Zm9vY", "foo"), ("Z", ""), ("Zm9vYmE\r\n", "fooba"),
    ])
    func trailingPartialQuantumKeepsWholeBytes(encoded: String, decoded: String) {
        let result = Base64Decoder.decode(bytes(encoded))
        #expect(result.bytes == Array(decoded.utf8))
        #expect(result.damaged == true)
    }

    @Test func loneSextetBeforePaddingIsDroppedAsDamage() {
        let result = Base64Decoder.decode(bytes("Zm9vY=Zm9v"))
        #expect(result.bytes == Array("foofoo".utf8))
        #expect(result.damaged == true)
    }

    @Test func emptyAndWhitespaceOnlyInput() {
        #expect(Base64Decoder.decode([][...]).bytes.isEmpty)
        #expect(Base64Decoder.decode([][...]).damaged == false)
        let blank = Base64Decoder.decode(bytes(" \r\n\t\r\n"))
        #expect(blank.bytes.isEmpty)
        #expect(blank.damaged == false)
    }

    @Test func sliceWithNonZeroStartIndex() {
        let whole = Array("XXXXXZm9vYmFyXXX".utf8)
        let result = Base64Decoder.decode(whole[5..<13])
        #expect(result.bytes == Array("foobar".utf8))
        #expect(result.damaged == false)
    }

    /// Foundation as an independent encoder: every length from 0 to 300 (all three tail shapes) and
    /// every byte value, with and without MIME line wrapping.
    @Test func roundTripsFoundationEncoding() {
        var generator = SplitMix64(seed: 2045)
        for length in 0...300 {
            let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for options in [Data.Base64EncodingOptions(), [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]] {
                let encoded = Data(data).base64EncodedString(options: options)
                let result = Base64Decoder.decode(Array(encoded.utf8)[...])
                #expect(result.bytes == data, "length \(length)")
                #expect(result.damaged == false, "length \(length)")
            }
        }
        let allBytes = (0...255).map(UInt8.init)
        let result = Base64Decoder.decode(Array(Data(allBytes).base64EncodedString().utf8)[...])
        #expect(result.bytes == allBytes)
    }

    @Test func largeInputDecodesCompletely() {
        var generator = SplitMix64(seed: 6)
        let data = (0..<3_000_001).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let encoded = Data(data).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let result = Base64Decoder.decode(Array(encoded.utf8)[...])
        #expect(result.bytes == data)
        #expect(result.damaged == false)
    }


    private func bytes(_ s: String) -> ArraySlice<UInt8> { Array(s.utf8)[...] }

    /// Was: a 200 MB part decoded whole (150 MB) before being cut to the part limit. Now decoding
    /// stops at the limit, with the same prefix as a whole decode.
    @Test func decodingStopsAtTheLimit() {
        let data = (0..<30_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var encoded = Array(Data(data).base64EncodedString(options: .lineLength76Characters).utf8)[...]
        for limit in [0, 1, 2, 3, 4, 1_000, 1_001, 22_499, 29_999] {
            let r = Base64Decoder.decode(encoded, limit: limit)
            #expect(r.bytes == Array(data.prefix(limit)), "limit \(limit)")
            #expect(r.truncated)
            #expect(!r.damaged)
            #expect(r.bytes.capacity <= limit + 64)
        }
        let whole = Base64Decoder.decode(encoded, limit: 30_000)
        #expect(whole.bytes == data && !whole.truncated && !whole.damaged)
        encoded = encoded + Array("\r\n\r\n".utf8)
        #expect(!Base64Decoder.decode(encoded, limit: 30_000).truncated)
        // Through a part: the warning says it was cut.
        let part = MessageParser.parse(Array("Content-Transfer-Encoding: base64\r\n\r\n".utf8) + Array(encoded)).root
        let (body, warnings) = part.decodedBody(limit: 100)
        #expect(body == Array(data.prefix(100)))
        #expect(warnings.map(\.code) == ["part-too-large"])
    }

}
