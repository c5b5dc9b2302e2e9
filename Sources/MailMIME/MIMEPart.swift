/// One node of a message's MIME tree. Bodies stay encoded slices of the message's bytes until
/// someone asks for them, so that attachments cost nothing unless needed.
public struct MIMEPart: Sendable {
    /// This part's own header block (for the root, the message's).
    public var headers: HeaderBlock
    /// Content-Type; `text/plain; charset=us-ascii` when absent (RFC 2045 §5.2), or
    /// `message/rfc822` inside multipart/digest.
    public var contentType: HeaderParameters
    /// Content-Disposition, when present.
    public var disposition: HeaderParameters?
    /// Lowercased Content-Transfer-Encoding (`7bit` when absent).
    public var transferEncoding: String
    /// The body as it stands in the message, still transfer-encoded.
    public var rawBody: ArraySlice<UInt8>
    /// Sub-parts of a multipart, or the single root part of an attached message/rfc822.
    public var children: [MIMEPart]
    /// Problems met while parsing this part's structure.
    public var warnings: [MailWarning]
    /// Position in the tree, `1.2.1` style (IMAP numbering), for messages a person reads.
    public var path: String

    /// The lowercased `type/subtype`.
    public var mediaType: String { contentType.value }
    /// `path`, or `root` for the message itself, for messages a person reads.
    public var displayPath: String { path.isEmpty ? "root" : path }
    /// A container: its body is `children`, not text.
    public var isMultipart: Bool { mediaType.hasPrefix("multipart/") }
    /// An encapsulated message whose root part is `children[0]`.
    public var isMessage: Bool { mediaType == "message/rfc822" || mediaType == "message/global" }
    /// Marked for download rather than display; such a part's text is not read.
    public var isAttachment: Bool { disposition?.value == "attachment" }
    /// The file name from the disposition, or the older Content-Type `name`.
    public var filename: String? { disposition?["filename"] ?? contentType["name"] }
    /// The declared charset, as written (labels are resolved when decoding).
    public var charset: String? { contentType["charset"] }

    /// The body with its transfer encoding undone, at most `limit` bytes.
    public func decodedBody(limit: Int = MIMELimits().maxDecodedPartBytes) -> (bytes: [UInt8], warnings: [MailWarning]) {
        var warnings: [MailWarning] = []
        var bytes: [UInt8]
        switch transferEncoding {
        case "base64":
            // Decoding stops at the limit: a huge part costs `limit` bytes, not its size.
            let r = Base64Decoder.decode(rawBody, limit: limit)
            bytes = r.bytes
            if r.damaged {
                warnings.append(MailWarning("bad-base64", "part \(displayPath) (\(mediaType)): base64 body is damaged or truncated; decoded what was readable"))
            }
            if r.truncated {
                warnings.append(MailWarning("part-too-large", "part \(displayPath): decoded body of about \(rawBody.count / 4 * 3) bytes cut at \(limit)"))
            }
        case "quoted-printable":
            bytes = QuotedPrintableDecoder.decode(rawBody)
        case "7bit", "8bit", "binary", "":
            bytes = Array(rawBody)
        default:
            if transferEncoding.hasPrefix("x-uu") || transferEncoding == "uuencode" {
                warnings.append(MailWarning("unknown-transfer-encoding", "part \(displayPath): \(transferEncoding) is not decoded; read as is"))
            } else {
                warnings.append(MailWarning("unknown-transfer-encoding", "part \(displayPath): unknown transfer encoding '\(transferEncoding)'; read as is"))
            }
            bytes = Array(rawBody)
        }
        if bytes.count > limit {
            warnings.append(MailWarning("part-too-large", "part \(displayPath): decoded body of \(bytes.count) bytes cut at \(limit)"))
            bytes.removeSubrange(limit...)
        }
        return (bytes, warnings)
    }

    /// The body as text: transfer encoding undone, charset decoded, and `format=flowed` joined
    /// unless `unflow` is false (readers of links want whole lines; a parts listing wants the
    /// text as sent).
    public func decodedText(limit: Int = MIMELimits().maxDecodedPartBytes, unflow: Bool = true) -> (text: String, warnings: [MailWarning]) {
        var warnings: [MailWarning] = []
        var decoded: [UInt8] = []
        var bytes: ArraySlice<UInt8>
        switch transferEncoding {
        case "7bit", "8bit", "binary", "":
            // Nothing to undo: decode the charset straight from the message's bytes.
            bytes = rawBody.count > limit ? rawBody.prefix(limit) : rawBody
            if rawBody.count > limit {
                warnings.append(MailWarning("part-too-large", "part \(displayPath): body of \(rawBody.count) bytes cut at \(limit)"))
            }
        default:
            (decoded, warnings) = decodedBody(limit: limit)
            bytes = decoded[...]
        }
        // A UTF-8 byte order mark is noise to everything after us.
        if bytes.count >= 3, bytes[bytes.startIndex] == 0xEF, bytes[bytes.startIndex + 1] == 0xBB, bytes[bytes.startIndex + 2] == 0xBF {
            bytes = bytes.dropFirst(3)
        }
        let (text, warning) = CharsetDecoder.decode(bytes, label: charset)
        if let warning {
            var w = warning
            w.message = "part \(displayPath) (\(mediaType)): " + w.message
            warnings.append(w)
        }
        if unflow, mediaType == "text/plain", contentType["format"]?.lowercased() == "flowed" {
            return (FlowedText.unflow(text, delSp: contentType["delsp"]?.lowercased() == "yes"), warnings)
        }
        return (text, warnings)
    }

    /// Every part of this subtree in depth-first pre-order, this one first. Iterative, so a deep
    /// tree cannot exhaust the stack.
    public var allParts: [MIMEPart] {
        var out: [MIMEPart] = []
        var stack: [MIMEPart] = [self]
        while let p = stack.popLast() {
            out.append(p)
            stack.append(contentsOf: p.children.reversed())
        }
        return out
    }
}
