/// RFC 5322 §3.3 dates and the obsolete and broken forms seen in the wild: missing weekday, two-
/// or four-digit years, named zones (GMT, UT, EST, …, military), missing seconds, comments,
/// extra whitespace, `+0700 (WIB)`, `+07:00`, ISO 8601 from broken mailers.
public enum DateParser {
    /// nil when no date can be read.
    public static func parse(_ raw: ArraySlice<UInt8>) -> MailDate? {
        let trimmed = raw.drop(while: { $0 == 0x20 || $0 == 0x09 })
        if trimmed.count >= 20, trimmed.prefix(4).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
           trimmed[trimmed.startIndex + 4] == 0x2D {
            // ISO 8601 from broken mailers: "2025-11-26T09:13:00+07:00".
            var text = String(decoding: trimmed, as: UTF8.self)
            if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
            while text.last == " " { text.removeLast() }
            if let iso = MailDate.parseRFC3339(text) { return iso }
        }
        let tokens = tokenize(raw)
        var day: Int? = nil, month: Int? = nil, year: Int? = nil
        var hour: Int? = nil, minute = 0, second = 0
        var offset: Int? = nil
        for t in tokens {
            let s = t.text
            let lower = s.lowercased()
            if hour == nil, s.utf8.contains(UInt8(ascii: ":")), let t = time(s) {
                hour = t.0; minute = t.1; second = t.2
                continue
            }
            if month == nil, let m = monthNumber(lower) {
                month = m
                continue
            }
            if weekdays.contains(where: { lower.hasPrefix($0) }) && Int(s) == nil { continue }
            if let n = Int(s), s.allSatisfy({ $0.isASCII && $0.isNumber }) {
                if day == nil, month == nil, s.count <= 2 { day = n; continue }
                if day == nil, month != nil, year == nil, s.count <= 2 { day = n; continue }
                if year == nil, day != nil || month != nil {
                    year = s.count <= 2 ? (n < 50 ? 2000 + n : 1900 + n) : (s.count == 3 ? 1900 + n : n)
                    continue
                }
                continue
            }
            // "GMT+0700": a signed offset after a zone name refines it.
            if hour != nil, offset == nil || offset == 0 && (s.hasPrefix("+") || s.hasPrefix("-")), let o = zone(s) {
                offset = o
                continue
            }
        }
        guard let d = day, let m = month, let y = year, let h = hour else { return nil }
        let off = offset ?? 0
        guard let epoch = MailDate.epoch(year: y, month: m, day: d, hour: h, minute: minute, second: second, offset: off)
        else { return nil }
        return MailDate(epochSeconds: epoch, offsetSeconds: off)
    }

    struct Token { var text: String }

    /// Words of the value with comments `(…)` (nested) removed. Commas and spaces separate;
    /// `-` between date words separates too ("25-Nov-2025"), but starts a zone after a time or
    /// a zone name ("GMT-0700", "-0000"); `+` always starts a zone.
    static func tokenize(_ raw: ArraySlice<UInt8>) -> [Token] {
        var tokens: [Token] = []
        var cur: [UInt8] = []
        var depth = 0
        func push() {
            if !cur.isEmpty { tokens.append(Token(text: String(decoding: cur, as: UTF8.self))); cur.removeAll() }
        }
        for b in raw.prefix(512) {
            if b == UInt8(ascii: "(") { depth += 1; push(); continue }
            if b == UInt8(ascii: ")") { if depth > 0 { depth -= 1 }; continue }
            if depth > 0 { continue }
            switch b {
            case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ","):
                push()
            case UInt8(ascii: "+"):
                push(); cur.append(b)
            case UInt8(ascii: "-"):
                let word = String(decoding: cur, as: UTF8.self).lowercased()
                if cur.isEmpty || ["gmt", "utc", "ut"].contains(word) || word.utf8.contains(UInt8(ascii: ":")) {
                    push(); cur.append(b)
                } else {
                    push()
                }
            default:
                cur.append(b)
            }
        }
        push()
        return tokens
    }

    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "sen", "sel", "rab", "kam", "jum", "sab", "min"]
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    /// Indonesian month abbreviations that differ from English, seen from local mailers.
    static let extraMonths: [String: Int] = ["mei": 5, "agu": 8, "agt": 8, "okt": 10, "des": 12, "sept": 9]

    static func monthNumber(_ lower: String) -> Int? {
        guard lower.count >= 3, lower.allSatisfy({ $0.isLetter }) else { return nil }
        let p = String(lower.prefix(3))
        if let i = months.firstIndex(of: p) { return i + 1 }
        if let m = extraMonths[p] ?? extraMonths[lower] { return m }
        return nil
    }

    /// "09:13" or "09:13:00" (fractional seconds dropped).
    static func time(_ s: String) -> (Int, Int, Int)? {
        var parts = s.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        if parts.count == 3, let dot = parts[2].firstIndex(of: ".") { parts[2] = String(parts[2][..<dot]) }
        guard let h = Int(parts[0]), let m = Int(parts[1]), h >= 0, h < 24, m >= 0, m < 60 else { return nil }
        let sec = parts.count == 3 ? Int(parts[2]) : 0
        guard let sec, sec >= 0, sec <= 60 else { return nil }
        return (h, m, min(sec, 59))
    }

    static let namedZones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "edt": -4, "est": -5, "cdt": -5, "cst": -6, "mdt": -6, "mst": -7,
        "pdt": -7, "pst": -8, "wib": 7, "wita": 8, "wit": 9, "cet": 1, "cest": 2, "bst": 1, "jst": 9, "sgt": 8,
    ]

    /// "+0700", "-0000", "+07:00", "+7", "GMT", "GMT+0700", "EST", military letters (read as
    /// +0000, as RFC 5322 §4.3 says, since their sign was historically reversed).
    static func zone(_ s: String) -> Int? {
        let t = s.lowercased()
        if let n = namedZones[t] { return n * 3600 }
        if t.count == 1, let c = t.first, c.isLetter, c != "j" { return 0 }
        guard let sign = t.first, sign == "+" || sign == "-" else { return nil }
        let digits = t.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(digits) else { return nil }
        let (h, m) = digits.count <= 2 ? (v, 0) : (v / 100, v % 100)
        guard h < 24, m < 60 else { return nil }
        return (h * 3600 + m * 60) * (sign == "-" ? -1 : 1)
    }
}
