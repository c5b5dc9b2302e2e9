import MailMIME
import MailTemplates

/// A message forwarded in the body rather than attached: the mail client's separator line, then
/// the original's From / Date / Subject lines (Gmail, Outlook, Thunderbird, Apple Mail, in
/// English and Indonesian). The original sender and date matter: the sender decides whether
/// the mail is authentic, the date when a stated validity runs out.
struct InlineForward: Sendable {
    var from: MailAddress?
    var date: MailDate?
    var subject: String?

    /// Separator lines, lowercased, dashes and spaces around them removed.
    static let markers: [String] = [
        "forwarded message", "pesan yang diteruskan", "pesan terusan", "original message", "pesan asli",
        "begin forwarded message:", "awal pesan yang diteruskan:",
    ]
    static let fromKeys = ["from", "dari"]
    static let dateKeys = ["date", "sent", "tanggal", "dikirim", "terkirim", "waktu"]
    static let subjectKeys = ["subject", "subjek", "perihal", "hal"]

    /// The first inline forward in `text`, or nil. `localOffset` is the forwarding message's own
    /// UTC offset: clients write the original's date in the forwarder's local time without a
    /// zone, so a date without one is read in that offset.
    static func detect(_ text: String, localOffset: Int? = nil, forwardedAt: MailDate? = nil) -> InlineForward? {
        let lines = Self.lines(of: text)
        for (i, raw) in lines.enumerated() {
            // Runs on every line of every candidate message: a separator names a message
            // ("message", "pesan") and a header line has a colon; skip the rest unread.
            guard Self.mayStartForward(raw) else { continue }
            let line = raw.trimmingCharacters(in: " \t>*_").lowercased()
            let bare = line.trimmingCharacters(in: "- ")
            let isMarker = markers.contains(bare)
            // Outlook writes no separator: a From line followed closely by Sent/Date and Subject.
            let outlook = !isMarker && key(of: line).map { fromKeys.contains($0) } == true
            guard isMarker || outlook else { continue }
            var fwd = InlineForward()
            var seen = 0
            for next in lines[(isMarker ? i + 1 : i)...].prefix(10) {
                let l = next.trimmingCharacters(in: " \t>*_")
                guard let k = key(of: l.lowercased()) else {
                    if seen > 0 && l.isEmpty { break }
                    continue
                }
                let value = l[l.index(after: l.firstIndex(of: ":")!)...].trimmingCharacters(in: " \t*_")
                if fromKeys.contains(k), fwd.from == nil {
                    fwd.from = AddressParser.parse(Array(value.utf8)[...]).first
                    seen += 1
                } else if dateKeys.contains(k), fwd.date == nil {
                    fwd.date = parseDate(value)
                    if let d = fwd.date, let local = localOffset, !hasZone(value) {
                        fwd.date = MailDate(epochSeconds: d.epochSeconds - Int64(local), offsetSeconds: local)
                        // Outlook dates its own mail in UTC but writes the original's time in
                        // the user's zone: a time after the forward itself cannot be right. The
                        // nearest whole-hour zone that puts it before the forward is the guess.
                        if let sent = forwardedAt, let read = fwd.date, read.epochSeconds > sent.epochSeconds {
                            let wall = d.epochSeconds
                            for hours in 1...14 where wall - Int64(hours * 3600) <= sent.epochSeconds {
                                fwd.date = MailDate(epochSeconds: wall - Int64(hours * 3600), offsetSeconds: hours * 3600)
                                break
                            }
                        }
                    }
                    seen += 1
                } else if subjectKeys.contains(k), fwd.subject == nil {
                    fwd.subject = value
                    seen += 1
                }
            }
            if fwd.from != nil && (isMarker || seen >= 2) { return fwd }
        }
        return nil
    }

    private static let markerWords = ByteSearch(needles: ["message", "pesan"])

    static func mayStartForward(_ line: Substring) -> Bool {
        var line = line
        return line.withUTF8 { b in b.contains(UInt8(ascii: ":")) || markerWords.matches(b) }
    }

    /// The lines of `text`, split at LF, CRLF or a lone CR. Byte-level, since splitting
    /// Characters costs grapheme breaking over the whole text.
    static func lines(of text: String) -> [Substring] {
        var lines: [Substring] = []
        let u = text.utf8
        var start = u.startIndex
        var i = start
        while i < u.endIndex {
            let c = u[i]
            if c == 0x0A || c == 0x0D {
                lines.append(text[start..<i])
                var next = u.index(after: i)
                if c == 0x0D, next < u.endIndex, u[next] == 0x0A { next = u.index(after: next) }
                start = next
                i = next
            } else {
                i = u.index(after: i)
            }
        }
        lines.append(text[start..<u.endIndex])
        return lines
    }

    /// Whether a written date names its zone (`+0700`, `GMT`, `WIB`, …).
    static func hasZone(_ value: String) -> Bool {
        let b = Array(value.utf8)
        for i in b.indices.dropLast(2) where (b[i] == 0x2B || b[i] == 0x2D) && b[i + 1] >= 0x30 && b[i + 1] <= 0x39 && b[i + 2] >= 0x30 && b[i + 2] <= 0x39 {
            return true
        }
        let words = value.uppercased().split(whereSeparator: { !$0.isLetter })
        return words.contains { ["GMT", "UTC", "UT", "WIB", "WITA", "WIT", "EST", "EDT", "PST", "PDT", "CST", "CDT", "CET", "CEST"].contains($0) }
    }

    /// "Key:" at the start of a line (a word or two, no spaces before the colon), lowercased.
    static func key(of line: String) -> String? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let k = line[..<colon].trimmingCharacters(in: " ")
        guard !k.isEmpty, k.count <= 12, k.allSatisfy({ $0.isLetter || $0 == " " }) else { return nil }
        return k
    }

    /// Mail clients write the original's date for people: "Tue, Nov 25, 2025 at 9:13 AM",
    /// "Sel, 25 Nov 2025 pukul 09.13". Those words and the dotted time are mended first.
    static func parseDate(_ value: String) -> MailDate? {
        var v = " " + value + " "
        for word in [" at ", " pukul ", " jam ", " um ", " à "] { v = v.replacingAll(word, with: " ") }
        // A dotted time "09.13" or "9.13.05" becomes "09:13".
        v = v.split(separator: " ", omittingEmptySubsequences: true).map { word -> String in
            let parts = word.split(separator: ".", omittingEmptySubsequences: false)
            let isTime = (parts.count == 2 || parts.count == 3) && parts[0].count <= 2
                && parts.dropFirst().allSatisfy { $0.count == 2 } && parts.allSatisfy { $0.allSatisfy(\.isNumber) && !$0.isEmpty }
            return isTime ? parts.joined(separator: ":") : String(word)
        }.joined(separator: " ")
        return DateParser.parse(Array(v.utf8)[...])
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    func trimmingCharacters(in set: String) -> String {
        Substring(self).trimmingCharacters(in: set)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = self
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
