import Crypto
import MailInput
import MailMIME

/// A message's MIME tree as `mailsift parts` prints it: for people debugging a message, and as
/// the basis of the comparison with other parsers. Text parts carry their decoded text; other
/// leaves their decoded size and SHA-256, so two parsers' decodings can be compared exactly.
public struct PartsReport: Sendable {
    public var source: MessageOrigin
    public var message: Message

    public init(_ raw: RawMessage, limits: MIMELimits = MIMELimits()) {
        source = raw.origin
        message = MessageParser.parse(raw.bytes, limits: limits)
    }

    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter()
        let h = message.headers
        w.raw("{")
        w.key("source", first: true); w.raw("{")
        w.key("path", first: true); w.string(source.path)
        w.key("index"); w.int(source.index)
        w.key("offset"); w.int(source.offset)
        w.raw("}")
        w.key("subject"); w.string(h.text("subject")?.text)
        w.key("from"); Self.addresses(h.first("from"), &w)
        w.key("to"); Self.addresses(h.first("to"), &w)
        w.key("cc"); Self.addresses(h.first("cc"), &w)
        w.key("date"); w.string(message.date?.rfc3339)
        w.key("message_id"); w.string(message.messageID)
        w.key("warnings"); Self.warnings(message.warnings, &w)
        w.key("parts"); w.raw("[")
        for (i, part) in message.root.allParts.enumerated() {
            if i > 0 { w.raw(",") }
            Self.part(part, &w)
        }
        w.raw("]}")
        return w.out
    }

    private static func part(_ p: MIMEPart, _ w: inout JSONWriter) {
        w.raw("{")
        w.key("path", first: true); w.string(p.displayPath)
        w.key("content_type"); w.string(p.mediaType)
        w.key("charset"); w.string(p.charset)
        w.key("disposition"); w.string(p.disposition?.value)
        w.key("filename"); w.string(p.filename)
        w.key("transfer_encoding"); w.string(p.transferEncoding)
        var warnings = p.warnings
        if p.isMultipart || p.isMessage {
            w.key("children"); w.int(p.children.count)
        } else if p.mediaType.hasPrefix("text/") {
            let (text, tw) = p.decodedText(unflow: false)
            warnings += tw
            w.key("text"); w.string(text)
        } else {
            let (bytes, bw) = p.decodedBody()
            warnings += bw
            w.key("size"); w.int(bytes.count)
            w.key("sha256"); w.string(SHA256.hash(data: bytes).map { hexByte($0) }.joined())
        }
        w.key("warnings"); Self.warnings(warnings, &w)
        w.raw("}")
    }

    private static func hexByte(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
    }

    private static func addresses(_ raw: ArraySlice<UInt8>?, _ w: inout JSONWriter) {
        w.raw("[")
        let list: [MailAddress] = raw.map { AddressParser.parse($0) } ?? []
        for (i, a) in list.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{"); w.key("name", first: true); w.string(a.name); w.key("address"); w.string(a.address); w.raw("}")
        }
        w.raw("]")
    }

    private static func warnings(_ list: [MailWarning], _ w: inout JSONWriter) {
        w.raw("[")
        for (i, warn) in list.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{"); w.key("code", first: true); w.string(warn.code); w.key("message"); w.string(warn.message); w.raw("}")
        }
        w.raw("]")
    }

    /// Indented two spaces a level, like `jq .`.
    public func prettyJSONBytes(level: Int = 0) -> [UInt8] {
        JSONPretty.indent(jsonBytes(), level: level)
    }
}
