import Foundation
import MailMIME

/// Keeps a secret found in a message (an Informasi Akun password) out of everything mailsift
/// prints unless the user asked for it (`--reveal-secrets`). The report's `account.password`
/// field is not the only place it could show: a hostile or careless mail can repeat it in its
/// subject, a display name, a link's text or URL, and warnings quote message text. Every
/// message-supplied string of the report is searched, so explain, diagnose and every output
/// format, which are all built from the report, never hold it verbatim.
public enum SecretRedactor {
    /// What stands where the secret was: the same marker as the report's `account.password`.
    public static let placeholder = "[redacted]"

    /// `secret` replaced by `[redacted]` in every message-supplied string of `report`.
    /// A secret of only whitespace is left alone (it would redact every space).
    public static func redact(_ secret: String, in report: inout Report) {
        guard secret.contains(where: { !$0.isWhitespace }) else { return }
        func r(_ s: String) -> String { s.contains(secret) ? s.replacingAll(secret, with: placeholder) : s }
        func r(_ s: String?) -> String? { s.map { r($0) } }
        func r(_ a: MailAddress) -> MailAddress {
            var a = a
            a.name = r(a.name)
            a.address = r(a.address)
            return a
        }
        report.subject = r(report.subject)
        report.from = report.from.map(r)
        report.to = report.to.map(r)
        report.recipientName = r(report.recipientName)
        report.actionURL = r(report.actionURL)
        report.messageID = r(report.messageID)
        for i in report.links.indices {
            report.links[i].url = r(report.links[i].url)
            report.links[i].text = r(report.links[i].text)
            if report.links[i].unwrappedFrom != nil { report.links[i].unwrappedFrom!.url = r(report.links[i].unwrappedFrom!.url) }
        }
        for i in report.warnings.indices { report.warnings[i].message = r(report.warnings[i].message) }
        if var o = report.original {
            o.subject = r(o.subject)
            o.from = o.from.map(r)
            report.original = o
        }
        if var a = report.account {
            a.username = r(a.username)
            report.account = a
        }
        if var e = report.expiry {
            e.phrase = r(e.phrase)
            report.expiry = e
        }
        if var s = report.spam {
            s.detail = r(s.detail)
            report.spam = s
        }
        report.source.labels = report.source.labels.map(r)
        report.source.labelsRaw = report.source.labelsRaw.map(r)
    }
}

extension SecretRedactor {
    /// `secret` replaced by `[redacted]` in JSON output that was not built from a report (the
    /// `parts` listing, which prints decoded text as it is): the secret is looked for in the
    /// form `JSONWriter` escapes it to, so it is found inside any string. Linear in `json`.
    public static func redact(_ secret: String, inJSON json: [UInt8]) -> [UInt8] {
        guard secret.contains(where: { !$0.isWhitespace }) else { return json }
        var w = JSONWriter()
        w.string(secret)
        let needle = Array(w.out.dropFirst().dropLast())
        guard let first = needle.first, needle.count <= json.count else { return json }
        let replacement = Array(placeholder.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(json.count)
        var i = 0
        let last = json.count - needle.count
        while i < json.count {
            if i <= last, json[i] == first, json[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: replacement)
                i += needle.count
            } else {
                out.append(json[i])
                i += 1
            }
        }
        return out
    }
}
