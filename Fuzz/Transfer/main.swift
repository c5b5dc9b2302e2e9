// Fuzz target `transfer`: the Content-Transfer-Encoding decoders (quoted-printable for bodies
// and encoded words, base64), percent decoding (RFC 2231 values) and format=flowed joining.
// Decoding arbitrary input must not trap and must respect the documented size bounds; encoding
// arbitrary bytes and decoding them back must be exact.
import Foundation
@testable import MailMIME

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = fuzzSlice(start, count)

    let qp = QuotedPrintableDecoder.decode(bytes)
    require(qp.count <= count, "quoted-printable decode lengthened \(count) bytes to \(qp.count)")
    let qw = QuotedPrintableDecoder.decodeEncodedWord(bytes)
    require(qw.count <= count, "Q decode lengthened \(count) bytes to \(qw.count)")

    let b64 = Base64Decoder.decode(bytes)
    require(b64.bytes.count <= count / 4 * 3 + 3, "base64 decode of \(count) bytes gave \(b64.bytes.count)")

    let pct = PercentDecoding.decode(bytes)
    require(pct.count <= count, "percent decode lengthened \(count) bytes to \(pct.count)")

    let text = String(decoding: bytes, as: UTF8.self)
    _ = FlowedText.unflow(text, delSp: false)
    _ = FlowedText.unflow(text, delSp: true)

    // base64 round trip, with and without MIME line breaks (CRLF and bare LF).
    let data = Data(bytes)
    for options: Data.Base64EncodingOptions in [[], [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed],
                                                 [.lineLength64Characters, .endLineWithLineFeed]] {
        var encoded: [UInt8] = [0x41, 0x41, 0x41]
        encoded += Array(data.base64EncodedData(options: options))
        let back = Base64Decoder.decode(encoded[3...])
        require(back.bytes == Array(bytes) && !back.damaged,
                "base64 round trip of \(count) bytes gave \(back.bytes.count) bytes, damaged \(back.damaged)")
    }

    // quoted-printable round trip: every byte but printable ASCII as =XX, soft breaks every 70
    // characters (alternating CRLF and LF), so trailing-whitespace stripping never applies.
    let hex = Array("0123456789ABCDEF".utf8)
    var encoded: [UInt8] = [0x3D]
    var column = 0
    var soft = 0
    for b in bytes {
        if column >= 70 {
            encoded += soft % 2 == 0 ? [0x3D, 0x0D, 0x0A] : [0x3D, 0x0A]
            soft += 1
            column = 0
        }
        if b > 0x20 && b < 0x7F && b != 0x3D {
            encoded.append(b); column += 1
        } else {
            encoded += [0x3D, hex[Int(b >> 4)], hex[Int(b & 15)]]; column += 3
        }
    }
    let back = QuotedPrintableDecoder.decode(encoded[1...])
    require(back == Array(bytes), "quoted-printable round trip of \(count) bytes gave \(back.count) bytes")
    return 0
}
