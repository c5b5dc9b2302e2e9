import MailMIME

/// The receiving server's verdicts (RFC 8601). Only the topmost Authentication-Results header is
/// read: the receiving server adds it last (on top), and any lower one may have been written
/// by the sender to fool us.
enum AuthenticationResults {
    static func parse(_ headers: HeaderBlock) -> Report.Auth? {
        guard let raw = headers.first("authentication-results") else { return nil }
        let text = String(decoding: raw, as: UTF8.self).lowercased()
        func verdict(_ method: String) -> String? {
            var search = text[...]
            while let r = search.range(of: method + "=") {
                let before = r.lowerBound == text.startIndex ? " " : text[text.index(before: r.lowerBound)]
                search = text[r.upperBound...]
                guard before == " " || before == ";" || before == "\t" || before == "(" else { continue }
                let value = search.prefix(while: { $0.isLetter })
                if !value.isEmpty { return String(value) }
            }
            return nil
        }
        let auth = Report.Auth(spf: verdict("spf"), dkim: verdict("dkim"), dmarc: verdict("dmarc"))
        return auth.spf == nil && auth.dkim == nil && auth.dmarc == nil ? nil : auth
    }
}
