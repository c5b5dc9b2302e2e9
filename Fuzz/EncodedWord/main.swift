// Fuzz target `encodedword`: RFC 2047 encoded words in unstructured header text (split, B and Q
// decoding, runs joined across words, charset decoding of the result), plus two round trips that
// must be exact: any UTF-8 text sent as one B word, and any bytes sent as one Q word.
import Foundation
@testable import MailMIME

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = fuzzSlice(start, count)
    let (text, _) = EncodedWordDecoder.decode(bytes)
    _ = text.utf8.count

    // B round trip: valid UTF-8 without a byte-order mark (which the charset decoder rightly
    // takes as a BOM) decodes back to itself.
    if let s = String(validating: bytes, as: UTF8.self), !s.unicodeScalars.contains("\u{FEFF}"), count <= 4096 {
        let word = "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
        let back = EncodedWordDecoder.decode(Array(word.utf8)[...]).text
        require(back == s, "B word of \(Array(bytes)) decoded as \(Array(back.utf8))")
    }

    // Q round trip at the byte level: every byte as =XX.
    if count <= 4096 {
        var q: [UInt8] = []
        q.reserveCapacity(count * 3)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in bytes { q += [UInt8(ascii: "="), hex[Int(b >> 4)], hex[Int(b & 15)]] }
        var padded: [UInt8] = [0x21, 0x21]
        padded += q
        let back = QuotedPrintableDecoder.decodeEncodedWord(padded[2...])
        require(back == Array(bytes), "Q text \(q.count) bytes decoded to \(back.count) bytes, not the \(count) sent")
    }
    return 0
}
