import MailMIME

/// The receiving server's verdicts (RFC 8601). Only the topmost Authentication-Results header is
/// read: the receiving server adds it last (on top), and any lower one may have been written
/// by the sender to fool us.
enum AuthenticationResults {
    static func parse(_ headers: HeaderBlock) -> Report.Auth? {
        guard let raw = headers.first("authentication-results") else { return nil }
        let text = raw.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let auth = Report.Auth(spf: verdict(text, "spf"), dkim: verdict(text, "dkim"), dmarc: verdict(text, "dmarc"))
        return auth.spf == nil && auth.dkim == nil && auth.dmarc == nil ? nil : auth
    }

    /// The word after `method=`, where `method` starts a clause (after a space, `;` or `(`).
    static func verdict(_ text: [UInt8], _ method: String) -> String? {
        let m = Array(method.utf8) + [UInt8(ascii: "=")]
        guard text.count > m.count else { return nil }
        var i = 0
        while i + m.count <= text.count {
            if text[i] == m[0], text[i..<(i + m.count)].elementsEqual(m) {
                let before: UInt8 = i == 0 ? 0x20 : text[i - 1]
                if before == 0x20 || before == 0x3B || before == 0x09 || before == 0x28 {
                    var j = i + m.count
                    while j < text.count, (text[j] >= 0x61 && text[j] <= 0x7A) { j += 1 }
                    if j > i + m.count { return String(decoding: text[(i + m.count)..<j], as: UTF8.self) }
                }
            }
            i += 1
        }
        return nil
    }
}
