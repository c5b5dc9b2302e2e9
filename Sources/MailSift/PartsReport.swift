import Crypto
import MailInput
import MailMIME

/// A message's MIME tree as `mailsift parts` prints it: for people debugging a message, and as
/// the basis of the comparison with other parsers. Text parts carry their decoded text; other
/// leaves their decoded size and SHA-256, so two parsers' decodings can be compared exactly.
public struct PartsReport: Sendable {
    /// Where the message was found.
    public var source: MessageOrigin
    /// The message as parsed.
    public var message: Message
    /// The message's length in the input, so mailbox splits can be compared with other parsers'.
    public var length: Int
    /// The limits the tree was parsed with; the per-part decoded limit applies to the listing.
    public var limits: MIMELimits

    /// Parses `raw` within `limits`.
    public init(_ raw: RawMessage, limits: MIMELimits = MIMELimits()) {
        self.limits = limits
        source = raw.origin
        length = raw.bytes.count
        message = MessageParser.parse(raw.bytes, limits: limits)
    }

    /// The tree as one line of JSON (no trailing newline), as `mailsift parts` prints it.
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter()
        let h = message.headers
        w.raw("{")
        w.key("source", first: true); w.raw("{")
        w.key("path", first: true); w.string(source.path)
        w.key("index"); w.int(source.index)
        w.key("offset"); w.int(source.offset)
        w.key("length"); w.int(length)
        w.raw("}")
        w.key("subject"); w.string(h.text("subject")?.text)
        func parsed(_ field: String) -> [MailAddress] { h.first(field).map { AddressParser.parse($0) } ?? [] }
        w.key("from"); w.addresses(parsed("from"))
        w.key("to"); w.addresses(parsed("to"))
        w.key("cc"); w.addresses(parsed("cc"))
        w.key("date"); w.string(message.date?.rfc3339)
        w.key("message_id"); w.string(message.messageID)
        w.key("warnings"); w.warnings(message.warnings)
        w.key("parts"); w.raw("[")
        for (i, part) in message.root.allParts.enumerated() {
            if i > 0 { w.raw(",") }
            Self.part(part, limit: limits.maxDecodedPartBytes, &w)
        }
        w.raw("]}")
        return w.out
    }

    private static func part(_ p: MIMEPart, limit: Int, _ w: inout JSONWriter) {
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
            let (text, tw) = p.decodedText(limit: limit, unflow: false)
            warnings += tw
            w.key("text"); w.string(text)
            // The transfer-decoded bytes too, before any charset conversion: peers such as
            // mime4j publish text bodies in their own charset.
            let (bytes, _) = p.decodedBody(limit: limit)
            w.key("size"); w.int(bytes.count)
            w.key("sha256"); w.string(SHA256.hash(data: bytes).map { hexByte($0) }.joined())
        } else {
            let (bytes, bw) = p.decodedBody(limit: limit)
            warnings += bw
            w.key("size"); w.int(bytes.count)
            w.key("sha256"); w.string(SHA256.hash(data: bytes).map { hexByte($0) }.joined())
        }
        w.key("warnings"); w.warnings(warnings)
        w.raw("}")
    }

    private static func hexByte(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
    }

    /// Indented two spaces a level, like `jq .`.
    public func prettyJSONBytes(level: Int = 0) -> [UInt8] {
        JSONPretty.indent(jsonBytes(), level: level)
    }
}
