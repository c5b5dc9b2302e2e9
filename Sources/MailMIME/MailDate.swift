/// A Date header's instant together with the offset the sender wrote, so reports can keep it.
public struct MailDate: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var epochSeconds: Int64
    /// The sender's UTC offset in seconds (e.g. +0700 → 25200).
    public var offsetSeconds: Int

    /// A moment and the UTC offset it was written in.
    public init(epochSeconds: Int64, offsetSeconds: Int) {
        self.epochSeconds = epochSeconds
        self.offsetSeconds = offsetSeconds
    }

    /// Orders by the moment only: the same instant in two zones is neither earlier nor later.
    public static func < (a: MailDate, b: MailDate) -> Bool { a.epochSeconds < b.epochSeconds }

    /// RFC 3339 in the original offset, e.g. `2025-11-26T09:13:00+07:00` (`Z` for +00:00).
    public var rfc3339: String {
        let local = epochSeconds + Int64(offsetSeconds)
        let secondOfDay = Int(((local % 86_400) + 86_400) % 86_400)
        let days = (local - Int64(secondOfDay)) / 86_400
        let (year, month, day) = CivilCalendar.civil(fromDays: days)

        var out: [UInt8] = []
        out.reserveCapacity(25)
        if year < 0 { out.append(UInt8(ascii: "-")) }
        CivilCalendar.appendDigits(Int(abs(year)), width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        CivilCalendar.appendDigits(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        CivilCalendar.appendDigits(day, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        CivilCalendar.appendDigits(secondOfDay / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        CivilCalendar.appendDigits(secondOfDay / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        CivilCalendar.appendDigits(secondOfDay % 60, width: 2, to: &out)
        // Offsets are written in whole minutes; a seconds remainder (never seen in mail) is dropped.
        let offsetMinutes = offsetSeconds / 60
        if offsetMinutes == 0 {
            out.append(UInt8(ascii: "Z"))
        } else {
            out.append(offsetMinutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            CivilCalendar.appendDigits(abs(offsetMinutes) / 60, width: 2, to: &out)
            out.append(UInt8(ascii: ":"))
            CivilCalendar.appendDigits(abs(offsetMinutes) % 60, width: 2, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses RFC 3339 (`--now`); nil when invalid.
    public static func parseRFC3339(_ text: String) -> MailDate? {
        let bytes = Array(text.utf8)
        var reader = RFC3339Reader(bytes: bytes[...])
        return reader.read()
    }
}

/// RFC 3339 §5.6 `date-time`, kept strict apart from what the RFC itself allows (lowercase `t`
/// and `z`, a space for `T`): the input comes from a person on the command line, and a typo
/// should be an error rather than a silently different instant.
private struct RFC3339Reader {
    let bytes: ArraySlice<UInt8>
    var pos: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.pos = bytes.startIndex
    }

    mutating func read() -> MailDate? {
        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2)
        else { return nil }
        guard pos < bytes.endIndex else { return nil }
        let separator = bytes[pos]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == 0x20 else {
            return nil
        }
        pos += 1
        guard let hour = digits(2), expect(":"), let minute = digits(2), expect(":"), let second = digits(2)
        else { return nil }
        if pos < bytes.endIndex, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            let start = pos
            while pos < bytes.endIndex, isDigit(bytes[pos]) { pos += 1 }
            if pos == start { return nil }
        }
        guard pos < bytes.endIndex else { return nil }
        var offset = 0
        switch bytes[pos] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            pos += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let negative = bytes[pos] == UInt8(ascii: "-")
            pos += 1
            guard let hh = digits(2), expect(":"), let mm = digits(2), hh <= 23, mm <= 59 else { return nil }
            offset = (hh * 3600 + mm * 60) * (negative ? -1 : 1)
        default:
            return nil
        }
        guard pos == bytes.endIndex else { return nil }
        return CivilCalendar.makeDate(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    private mutating func digits(_ count: Int) -> Int? {
        guard bytes.endIndex - pos >= count else { return nil }
        var value = 0
        for _ in 0..<count {
            let byte = bytes[pos]
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
            pos += 1
        }
        return value
    }

    private mutating func expect(_ char: Unicode.Scalar) -> Bool {
        guard pos < bytes.endIndex, bytes[pos] == UInt8(ascii: char) else { return false }
        pos += 1
        return true
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

/// Proleptic Gregorian arithmetic (Howard Hinnant's `days_from_civil`), because Foundation's
/// calendars are slow, locale-dependent and unnecessary for a fixed calendar.
enum CivilCalendar {
    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The inverse of `days(year:month:day:)`.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// nil when a field is out of range; a leap second (60) becomes 59 because nothing downstream
    /// can represent it and one second is not worth losing the date over.
    static func makeDate(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int
    ) -> MailDate? {
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let clampedSecond = min(second, 59)
        let local = days(year: Int64(year), month: month, day: day) * 86_400
            + Int64(hour * 3600 + minute * 60 + clampedSecond)
        return MailDate(epochSeconds: local - Int64(offset), offsetSeconds: offset)
    }

    static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(0x30 + rest % 10))
            rest /= 10
        } while rest > 0
        if digits.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
        out.append(contentsOf: digits.reversed())
    }
}
