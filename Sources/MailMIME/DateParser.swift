/// RFC 5322 §3.3 dates and the obsolete and broken forms seen in the wild: missing weekday, two-
/// or four-digit years, named zones (GMT, UT, EST, …, military), missing seconds, comments,
/// extra whitespace, `+0700 (WIB)`.
public enum DateParser {
    /// nil when no date can be read.
    public static func parse(_ raw: ArraySlice<UInt8>) -> MailDate? {
        raw.withUnsafeBufferPointer { buffer in
            var tokens = DateTokens(buffer)
            tokens.scan(from: DateTokens.dateStart(buffer))
            var reader = DateFieldReader(tokens: tokens)
            return reader.read()
        }
    }
}

/// One lexical piece of a date. Comments, whitespace and commas never become tokens: RFC 5322
/// allows CFWS almost everywhere in a date, and commas carry no information once the weekday
/// is optional.
struct DateToken {
    enum Kind: Equatable {
        case number
        case word
        case symbol(UInt8)
    }

    var kind: Kind
    /// For numbers: the value (saturated, so a run of digits cannot overflow).
    var value: Int = 0
    /// For numbers: how many digits were written, which tells a two-digit year from a four-digit one.
    var digits: Int = 0
    var start: Int
    var end: Int
}

/// Tokens of a date value in a fixed-size budget: a Date field is short, so anything past the
/// budget is junk and reading it would only cost time.
struct DateTokens {
    static let budget = 40

    let buffer: UnsafeBufferPointer<UInt8>
    var items: [DateToken] = []

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        items.reserveCapacity(16)
    }

    /// Received fields end in `; date`: when there is a `;` outside comments, the date is what
    /// follows the last one, and the trace text before it would only confuse the reader.
    static func dateStart(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        var depth = 0
        var start = 0
        var i = 0
        while i < buffer.count {
            switch buffer[i] {
            case UInt8(ascii: "\\") where depth > 0: i += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"): if depth > 0 { depth -= 1 }
            case UInt8(ascii: ";") where depth == 0: start = i + 1
            default: break
            }
            i += 1
        }
        return start
    }

    mutating func scan(from start: Int) {
        var i = start
        let count = buffer.count
        while i < count, items.count < DateTokens.budget {
            let byte = buffer[i]
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ","):
                i += 1
            case UInt8(ascii: "("):
                // Nested comments are counted, not recursed into. An unclosed comment swallows the
                // rest, as RFC 5322 reads it.
                var depth = 0
                while i < count {
                    let c = buffer[i]
                    if c == UInt8(ascii: "\\") {
                        i += 2
                        continue
                    }
                    if c == UInt8(ascii: "(") {
                        depth += 1
                    } else if c == UInt8(ascii: ")") {
                        depth -= 1
                        if depth == 0 {
                            i += 1
                            break
                        }
                    }
                    i += 1
                }
            case 0x30...0x39:
                let tokenStart = i
                var value = 0
                while i < count, buffer[i] >= 0x30, buffer[i] <= 0x39 {
                    if value < 1_000_000 { value = value * 10 + Int(buffer[i] - 0x30) }
                    i += 1
                }
                items.append(DateToken(kind: .number, value: value, digits: i - tokenStart, start: tokenStart, end: i))
            case _ where DateTokens.isLetter(byte):
                let tokenStart = i
                while i < count, DateTokens.isLetter(buffer[i]) { i += 1 }
                items.append(DateToken(kind: .word, start: tokenStart, end: i))
            default:
                items.append(DateToken(kind: .symbol(byte), start: i, end: i + 1))
                i += 1
            }
        }
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Whether word token `token` is `name` or an abbreviation of it at least `minimum` letters
    /// long (`Sept`, `Thurs`, `June`), ignoring ASCII case.
    func word(_ token: DateToken, abbreviates name: StaticString, minimum: Int = 3) -> Bool {
        let length = token.end - token.start
        guard token.kind == .word, length >= minimum, length <= name.utf8CodeUnitCount else { return false }
        let base = name.utf8Start
        for k in 0..<length where buffer[token.start + k] | 0x20 != base[k] {
            return false
        }
        return true
    }

    func word(_ token: DateToken, equals name: StaticString) -> Bool {
        token.end - token.start == name.utf8CodeUnitCount && word(token, abbreviates: name, minimum: 1)
    }
}

/// Reads the fields of a date from its tokens, in the orders mail actually uses: RFC 5322
/// (`[Tue,] 25 Nov 2025 14:03:11 +0700`), asctime (`Tue Nov 25 14:03:11 2025`) and ISO 8601.
/// Day and month are never swapped to make a date fit: a guess that is wrong half the time is
/// worse than no date.
struct DateFieldReader {
    let tokens: DateTokens
    var index = 0

    init(tokens: DateTokens) { self.tokens = tokens }

    /// English names, and Indonesian ones because Indonesian webmail and phones localise the
    /// Date field despite RFC 5322. Abbreviations of any length ≥ 3 match (`Sept`, `Juni`).
    static let months: [(StaticString, Int)] = [
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
        ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
        ("januari", 1), ("februari", 2), ("pebruari", 2), ("maret", 3), ("mei", 5), ("juni", 6),
        ("juli", 7), ("agustus", 8), ("agt", 8), ("oktober", 10), ("nopember", 11), ("desember", 12),
    ]
    static let weekdays: [StaticString] = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
    ]

    /// RFC 5322 §4.3 zone names, in hours east of UTC, and the unambiguous ones local mailers
    /// write where a numeric offset belongs: Indonesia's WIB, WITA, WIT, and neighbours'.
    static let namedZones: [(StaticString, Int)] = [
        ("ut", 0), ("utc", 0), ("gmt", 0), ("z", 0),
        ("est", -5), ("edt", -4), ("cst", -6), ("cdt", -5),
        ("mst", -7), ("mdt", -6), ("pst", -8), ("pdt", -7),
        ("wib", 7), ("wita", 8), ("wit", 9), ("sgt", 8), ("myt", 8), ("jst", 9), ("kst", 9),
        ("cet", 1), ("cest", 2), ("eet", 2), ("eest", 3),
    ]

    private var items: [DateToken] { tokens.items }

    private func peek(_ offset: Int = 0) -> DateToken? {
        index + offset < items.count ? items[index + offset] : nil
    }

    private func isSymbol(_ token: DateToken?, _ char: Unicode.Scalar) -> Bool {
        token?.kind == .symbol(UInt8(ascii: char))
    }

    private func monthNumber(_ token: DateToken) -> Int? {
        for (name, number) in DateFieldReader.months where tokens.word(token, abbreviates: name) {
            return number
        }
        return nil
    }

    private func isWeekday(_ token: DateToken) -> Bool {
        DateFieldReader.weekdays.contains { tokens.word(token, abbreviates: $0) }
    }

    mutating func read() -> MailDate? {
        guard let first = peek() else { return nil }
        if first.kind == .number, first.digits == 4, isSymbol(peek(1), "-") {
            return readISO()
        }
        if first.kind == .word, isWeekday(first) {
            index += 1
            if isSymbol(peek(), ".") { index += 1 }  // `Tue., 25 Nov …`
        }

        var day: Int
        var month: Int
        let year: Int?
        let time: (hour: Int, minute: Int, second: Int)?

        guard let next = peek() else { return nil }
        if next.kind == .word {
            // asctime: month name first, then the day, then year and time in either order.
            guard let m = monthNumber(next), let d = peek(1), d.kind == .number, d.digits <= 2 else { return nil }
            month = m
            day = d.value
            index += 2
        } else {
            guard next.kind == .number, next.digits <= 2 else { return nil }
            day = next.value
            index += 1
            let namedMonthSeparator = isSymbol(peek(), "-")
            if namedMonthSeparator { index += 1 }
            guard let m = peek() else { return nil }
            if m.kind == .word, let number = monthNumber(m) {
                month = number
            } else if m.kind == .number, m.digits <= 2, !namedMonthSeparator {
                month = m.value  // obsolete numeric month (`20 11 79`), still day-month-year
            } else {
                return nil
            }
            index += 1
            if namedMonthSeparator {
                guard isSymbol(peek(), "-") else { return nil }
                index += 1
            }
        }

        if let y = readYear() {
            year = y
            time = readTime()
        } else {
            time = readTime()
            year = time == nil ? nil : readYear()
        }
        guard let year, let time else { return nil }
        let hour = applyMeridiem(time.hour)
        let offset = readZone()
        return CivilCalendar.makeDate(
            year: year, month: month, day: day, hour: hour, minute: time.minute, second: time.second,
            offset: offset)
    }

    /// A year not followed by `:` (which would make it an hour). Two digits: < 50 → 20xx, else
    /// 19xx; three digits: + 1900 (RFC 5322 §4.3).
    private mutating func readYear() -> Int? {
        guard let token = peek(), token.kind == .number, !isSymbol(peek(1), ":") else { return nil }
        let year: Int
        switch token.digits {
        case 2: year = token.value < 50 ? 2000 + token.value : 1900 + token.value
        case 3: year = 1900 + token.value
        case 4: year = token.value
        default: return nil
        }
        index += 1
        return year
    }

    /// `hh:mm[:ss][.fraction]`; the fraction is dropped.
    private mutating func readTime() -> (hour: Int, minute: Int, second: Int)? {
        guard let h = peek(), h.kind == .number, h.digits <= 2, isSymbol(peek(1), ":"),
            let m = peek(2), m.kind == .number, m.digits <= 2
        else { return nil }
        index += 3
        var second = 0
        if isSymbol(peek(), ":"), let s = peek(1), s.kind == .number, s.digits <= 2 {
            second = s.value
            index += 2
            if isSymbol(peek(), "."), let fraction = peek(1), fraction.kind == .number {
                index += 2
            }
        }
        return (h.value, m.value, second)
    }

    /// `2:03:11 PM`, as some webmail writes it. An hour outside 1…12 with AM/PM stays invalid.
    private mutating func applyMeridiem(_ hour: Int) -> Int {
        guard let token = peek() else { return hour }
        let am = tokens.word(token, equals: "am"), pm = tokens.word(token, equals: "pm")
        guard am || pm else { return hour }
        index += 1
        guard (1...12).contains(hour) else { return 99 }
        return (hour % 12) + (pm ? 12 : 0)
    }

    /// The zone in seconds east of UTC. Missing, unknown or malformed zones read as +0000: the
    /// date is still worth having, and RFC 5322 §4.3 itself maps unknown zones to +0000.
    private mutating func readZone() -> Int {
        guard let token = peek() else { return 0 }
        if case .symbol(let sign) = token.kind, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            return readNumericOffset() ?? 0
        }
        guard token.kind == .word else { return 0 }
        index += 1
        // `EST5EDT` (a TZ database name) scans as `EST`, `5`, `EDT`: the first word decides.
        for (name, hours) in DateFieldReader.namedZones where tokens.word(token, equals: name) {
            if hours == 0, let next = peek(), case .symbol(let sign) = next.kind,
                sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")
            {
                return readNumericOffset() ?? 0  // `GMT+0700`, `UTC+07:00`
            }
            return hours * 3600
        }
        // Military single letters and anything else unknown: +0000 (RFC 5322 §4.3).
        return 0
    }

    /// `+hhmm`, `+hh:mm`, `+hh`, `+hmm`; nil when out of range.
    private mutating func readNumericOffset() -> Int? {
        guard let signToken = peek(), let number = peek(1), number.kind == .number else { return nil }
        let negative = signToken.kind == .symbol(UInt8(ascii: "-"))
        index += 2
        var hours: Int
        var minutes = 0
        switch number.digits {
        case 4:
            hours = number.value / 100
            minutes = number.value % 100
        case 3:
            hours = number.value / 100
            minutes = number.value % 100
        case 1, 2:
            hours = number.value
            if isSymbol(peek(), ":"), let m = peek(1), m.kind == .number, m.digits == 2 {
                minutes = m.value
                index += 2
            }
        default:
            return nil
        }
        guard hours <= 23, minutes <= 59 else { return nil }
        return (hours * 3600 + minutes * 60) * (negative ? -1 : 1)
    }

    /// ISO 8601 from broken mailers: `2025-11-26T09:13:00+07:00`, `2025-11-26 09:13:00 +0700`.
    private mutating func readISO() -> MailDate? {
        guard let y = peek(), isSymbol(peek(1), "-"), let m = peek(2), m.kind == .number, m.digits == 2,
            isSymbol(peek(3), "-"), let d = peek(4), d.kind == .number, d.digits == 2
        else { return nil }
        index += 5
        // The `T` separator is a one-letter word token, unless the scanner glued it to nothing.
        if let t = peek(), tokens.word(t, equals: "t") { index += 1 }
        guard let time = readTime() else { return nil }
        let offset = readZone()
        return CivilCalendar.makeDate(
            year: y.value, month: m.value, day: d.value, hour: time.hour, minute: time.minute,
            second: time.second, offset: offset)
    }
}
