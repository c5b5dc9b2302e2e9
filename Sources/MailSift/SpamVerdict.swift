import MailMIME

/// The receiving side's spam verdict, from the headers filters add: SpamAssassin's
/// X-Spam-Flag / X-Spam-Status and Microsoft's X-Forefront-Antispam-Report (SFV, SCL). The
/// helpdesk needs it to explain why a mail landed in Spam even when its sender is genuine.
/// Only the topmost instance of each header is read, as for Authentication-Results.
struct SpamVerdict: Sendable, Hashable {
    var isSpam: Bool
    /// The header the verdict comes from.
    var by: String
    /// The header's value, trimmed, for people.
    var detail: String

    static func parse(_ headers: HeaderBlock) -> SpamVerdict? {
        if let v = value(headers, "x-forefront-antispam-report") {
            let fields = fieldMap(v)
            let sfv = fields["sfv"]?.uppercased()
            let scl = fields["scl"].flatMap { Int($0) }
            if sfv != nil || scl != nil {
                // SFV:SPM is spam; SCL 5–9 is spam-confidence high enough to junk the mail.
                let spam = sfv == "SPM" || (scl.map { $0 >= 5 } ?? false)
                return SpamVerdict(isSpam: spam, by: "X-Forefront-Antispam-Report", detail: clip(v))
            }
        }
        if let v = value(headers, "x-spam-flag") {
            return SpamVerdict(isSpam: v.lowercased().hasPrefix("yes"), by: "X-Spam-Flag", detail: clip(v))
        }
        if let v = value(headers, "x-spam-status") {
            let lower = v.lowercased()
            if lower.hasPrefix("yes") || lower.hasPrefix("no") {
                return SpamVerdict(isSpam: lower.hasPrefix("yes"), by: "X-Spam-Status", detail: clip(v))
            }
        }
        return nil
    }

    static func value(_ headers: HeaderBlock, _ name: String) -> String? {
        guard let raw = headers.first(name) else { return nil }
        let s = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: " \t\r\n")
        return s.isEmpty ? nil : s
    }

    /// "CIP:1.2.3.4;CTRY:ID;SFV:SPM;SCL:5" → ["cip": "1.2.3.4", …], keys lowercased.
    static func fieldMap(_ v: String) -> [String: String] {
        var out: [String: String] = [:]
        for item in v.split(separator: ";") {
            guard let colon = item.firstIndex(of: ":") else { continue }
            let k = item[..<colon].trimmingCharacters(in: " \t\r\n").lowercased()
            let val = item[item.index(after: colon)...].trimmingCharacters(in: " \t\r\n")
            if out[k] == nil { out[k] = val }
        }
        return out
    }

    static func clip(_ s: String) -> String {
        let oneLine = s.split(whereSeparator: { $0 == "\r" || $0 == "\n" || $0 == "\t" || $0 == " " }).joined(separator: " ")
        return oneLine.count > 200 ? String(oneLine.prefix(200)) + "…" : oneLine
    }
}
