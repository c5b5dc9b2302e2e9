import MailMIME
import MailTemplates

/// A report that a mail could not be delivered: RFC 3464's multipart/report with a
/// message/delivery-status part, or one of the common non-standard bounces (Postfix, Exim,
/// qmail, Gmail, Exchange) that only say so in words. For the helpdesk it answers "did BSrE's
/// mail ever reach this person?" when the answer is no.
struct DeliveryFailure: Sendable {
    /// The address that could not be reached.
    var recipient: String?
    /// RFC 3463 status code, e.g. "5.1.1".
    var status: String?
    /// "failed", "delayed", … (RFC 3464 Action); "failed" for non-standard bounces.
    var action: String?
    /// The remote server's words, one line.
    var diagnostic: String?
    /// The returned message's headers, when the bounce carries them; nil otherwise.
    var returned: HeaderBlock?

    static let bounceSubjects = [
        "undeliver", "delivery status notification", "returned mail", "failure notice",
        "mail delivery failed", "delivery failure", "delivery has failed", "could not be delivered",
        "tidak terkirim", "gagal terkirim", "tidak dapat dikirim",
    ]
    static let bounceSenders = ["mailer-daemon", "postmaster", "mail delivery subsystem", "mail delivery system"]
    private static let senderSearch = ByteSearch(needles: bounceSenders)
    private static let subjectSearch = ByteSearch(needles: bounceSubjects)
    /// Lines after which a non-standard bounce quotes the returned message.
    static let copyMarkers = [
        "------ this is a copy of the message, including all the headers. ------",
        "--- below this line is a copy of the message.",
        "----- original message -----",
        "------ original message ------",
    ]

    static func detect(_ message: Message) -> DeliveryFailure? {
        let root = message.root
        // RFC 3464: a delivery-status part at the top or one level down (a forwarded report).
        let near = [root] + root.children + root.children.flatMap(\.children)
        for part in near.prefix(64) {
            let t = part.mediaType
            if t == "message/delivery-status" || t == "message/global-delivery-status" {
                var f = parseStatus(part.decodedBody().bytes)
                f.returned = returnedHeaders(root)
                return f
            }
        }
        // Non-standard: a daemon's sender and a bounce subject, the facts only in the text.
        // Every message passes here: compare bytes, ASCII case-insensitively, and decode the
        // subject only for a daemon's mail.
        guard let rawFrom = message.headers.first("from"),
              rawFrom.withUnsafeBufferPointer({ senderSearch.matches($0) }),
              let subject = message.headers.text("subject")?.text,
              subjectSearch.matches(subject) else { return nil }
        var f = DeliveryFailure(action: "failed")
        var text = ""
        for part in root.allParts.prefix(64) where part.mediaType == "text/plain" && !part.isAttachment {
            text = part.decodedText().text
            break
        }
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map(String.init)
        for line in lines.prefix(200) {
            let l = line.trimmingCharacters(in: " \t")
            if f.status == nil, let code = statusCode(in: l) {
                f.status = code
                f.diagnostic = SpamVerdict.clip(l)
            }
            if f.recipient == nil, let a = bracketedAddress(in: l) { f.recipient = a }
        }
        f.returned = returnedHeaders(root) ?? inlineCopy(text)
        return f
    }

    /// The per-recipient group of a message/delivery-status body (the first that failed).
    static func parseStatus(_ body: [UInt8]) -> DeliveryFailure {
        var f = DeliveryFailure()
        // Groups are header blocks separated by blank lines; the first is per-message.
        let text = String(decoding: body, as: UTF8.self).replacingAll("\r\n", with: "\n")
        let groups = text.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: " \t\n").isEmpty }
        for group in groups.dropFirst().prefix(100) {
            let headers = MessageParser.parse(Array((group + "\n\n").utf8)).headers
            func field(_ name: String) -> String? {
                headers.first(name).map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: " \t\r\n") }
            }
            let action = field("action")?.lowercased()
            let candidate = DeliveryFailure(
                recipient: field("final-recipient").map(Self.stripType) ?? field("original-recipient").map(Self.stripType),
                status: field("status").flatMap { statusCode(in: $0) },
                action: action,
                diagnostic: field("diagnostic-code").map { SpamVerdict.clip(Self.stripType($0)) })
            if f.recipient == nil || (f.action != "failed" && action == "failed") { f = candidate }
            if action == "failed" { break }
        }
        return f
    }

    /// "rfc822; user@example.com" → "user@example.com".
    static func stripType(_ v: String) -> String {
        guard let semi = v.firstIndex(of: ";") else { return v }
        return v[v.index(after: semi)...].trimmingCharacters(in: " \t<>")
    }

    /// The returned message's headers: an attached message/rfc822 or text/rfc822-headers part.
    static func returnedHeaders(_ root: MIMEPart) -> HeaderBlock? {
        for part in root.allParts.prefix(64) {
            if part.isMessage, let inner = part.children.first { return inner.headers }
            if part.mediaType == "text/rfc822-headers" {
                return MessageParser.parse(Array(part.decodedBody().bytes) + [0x0A, 0x0A]).headers
            }
        }
        return nil
    }

    /// A copy quoted in the bounce's own text after a marker line.
    static func inlineCopy(_ text: String) -> HeaderBlock? {
        let lower = text.lowercased()
        for marker in copyMarkers {
            guard let r = lower.range(of: marker) else { continue }
            let offset = lower.utf8.distance(from: lower.utf8.startIndex, to: r.upperBound.samePosition(in: lower.utf8) ?? lower.utf8.endIndex)
            var rest = Array(text.utf8.dropFirst(offset))
            while let f = rest.first, f == 0x0A || f == 0x0D || f == 0x20 { rest.removeFirst() }
            let headers = MessageParser.parse(rest).headers
            return headers.fields.isEmpty ? nil : headers
        }
        return nil
    }

    /// The first RFC 3463 code ("5.1.1") in a line.
    static func statusCode(in line: String) -> String? {
        let b = Array(line.utf8)
        var i = 0
        while i < b.count {
            if (b[i] == 0x32 || b[i] == 0x34 || b[i] == 0x35), i + 4 < b.count, b[i + 1] == 0x2E,
               i == 0 || !(b[i - 1] >= 0x30 && b[i - 1] <= 0x39) && b[i - 1] != 0x2E {
                var j = i + 2
                var d1 = 0
                while j < b.count, b[j] >= 0x30, b[j] <= 0x39, d1 < 3 { j += 1; d1 += 1 }
                if d1 > 0, j < b.count, b[j] == 0x2E {
                    var k = j + 1
                    var d2 = 0
                    while k < b.count, b[k] >= 0x30, b[k] <= 0x39, d2 < 3 { k += 1; d2 += 1 }
                    if d2 > 0, k >= b.count || !(b[k] >= 0x30 && b[k] <= 0x39) && b[k] != 0x2E {
                        return String(decoding: b[i..<k], as: UTF8.self)
                    }
                }
            }
            i += 1
        }
        return nil
    }

    /// "<user@example.com>:" or "user@example.com" alone on a line, as Postfix and qmail write it.
    static func bracketedAddress(in line: String) -> String? {
        if let open = line.firstIndex(of: "<"), let close = line[open...].firstIndex(of: ">") {
            let inner = line[line.index(after: open)..<close]
            if inner.contains("@"), !inner.contains(" "), inner.count < 256 { return String(inner) }
        }
        let trimmed = line.trimmingCharacters(in: " \t:")
        if trimmed.contains("@"), !trimmed.contains(" "), trimmed.count < 256, !trimmed.contains("<") { return trimmed }
        return nil
    }
}
