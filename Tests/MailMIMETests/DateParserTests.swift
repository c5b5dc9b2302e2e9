import Foundation
import Testing

@testable import MailMIME

struct DateParserTests {
    private func parse(_ s: String) -> MailDate? {
        DateParser.parse(Array(s.utf8)[...])
    }

    /// Epoch seconds from Foundation's Gregorian calendar: an oracle independent of the
    /// days-from-civil arithmetic under test.
    private static func foundationEpoch(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, offset: Int
    ) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset)!
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return Int64(calendar.date(from: components)!.timeIntervalSince1970)
    }

    // MARK: - RFC 5322 Appendix A

    /// Every date in RFC 5322 Appendix A, unfolded as the header parser hands them over.
    @Test(arguments: [
        ("Fri, 21 Nov 1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00"),  // A.1.1
        ("Tue, 1 Jul 2003 10:52:37 +0200", "2003-07-01T10:52:37+02:00"),  // A.1.2
        ("Fri, 21 Nov 1997 10:01:10 -0600", "1997-11-21T10:01:10-06:00"),  // A.2
        ("Mon, 24 Nov 1997 14:22:01 -0800", "1997-11-24T14:22:01-08:00"),  // A.3
        ("Thu, 13 Feb 1969 23:32:54 -0330", "1969-02-13T23:32:54-03:30"),  // A.5
        ("Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n               -0330 (Newfoundland Time)",
         "1969-02-13T23:32:00-03:30"),  // A.5, folded white space and a comment
        ("21 Nov 97 09:55:06 GMT", "1997-11-21T09:55:06Z"),  // A.6.2, obsolete year and zone
    ])
    func rfc5322AppendixA(raw: String, expected: String) throws {
        let date = try #require(parse(raw))
        #expect(date.rfc3339 == expected)
    }

    @Test func appendixAInstantsAgreeWithFoundation() throws {
        let date = try #require(parse("Thu, 13 Feb 1969 23:32:54 -0330"))
        #expect(date.epochSeconds == Self.foundationEpoch(1969, 2, 13, 23, 32, 54, offset: -12_600))
        #expect(date.offsetSeconds == -12_600)
        let later = try #require(parse("Tue, 1 Jul 2003 10:52:37 +0200"))
        #expect(later.epochSeconds == 1_057_049_557)
        #expect(later.offsetSeconds == 7200)
    }

    // MARK: - Obsolete forms (RFC 5322 §4.3)

    @Test(arguments: [
        ("1 Jan 49 00:00:00 +0000", 2049),
        ("1 Jan 00 00:00:00 +0000", 2000),
        ("1 Jan 50 00:00:00 +0000", 1950),
        ("1 Jan 99 00:00:00 +0000", 1999),
        ("1 Jan 103 00:00:00 +0000", 2003),
        ("1 Jan 999 00:00:00 +0000", 2899),
        ("1 Jan 2025 00:00:00 +0000", 2025),
        ("1 Jan 0099 00:00:00 +0000", 99),
    ])
    func yearForms(raw: String, year: Int) throws {
        let date = try #require(parse(raw))
        #expect(date.rfc3339.hasPrefix(String(format: "%04d-01-01", year)))
    }

    @Test(arguments: [
        ("UT", 0), ("UTC", 0), ("GMT", 0), ("Z", 0), ("gmt", 0),
        ("EST", -5), ("EDT", -4), ("CST", -6), ("CDT", -5),
        ("MST", -7), ("MDT", -6), ("PST", -8), ("PDT", -7),
        // Military zones: RFC 5322 §4.3 says to treat them as +0000 (RFC 822 had the signs wrong).
        ("A", 0), ("M", 0), ("N", 0), ("Y", 0),
        ("-0000", 0), ("+0000", 0),
        ("EST5EDT", -5),  // TZ database name: the leading zone decides
        ("WIB", 7), ("WITA", 8), ("ZZZZ", 0),  // Indonesian zones known; unknown names read as +0000
    ])
    func namedZones(zone: String, hours: Int) throws {
        let date = try #require(parse("Sun, 27 Oct 2002 23:57:07 \(zone)"))
        #expect(date.offsetSeconds == hours * 3600)
        #expect(date.epochSeconds == Self.foundationEpoch(2002, 10, 27, 23, 57, 7, offset: hours * 3600))
    }

    // MARK: - What real mail carries

    @Test(arguments: [
        ("Tue, 25 Nov 2025 14:03:11 +0700 (WIB)", "2025-11-25T14:03:11+07:00"),
        ("25 Nov 2025 14:03:11 +0700", "2025-11-25T14:03:11+07:00"),  // no weekday
        ("Tue 25 Nov 2025 14:03:11 +0700", "2025-11-25T14:03:11+07:00"),  // weekday without comma
        ("Tue., 25 Nov 2025 14:03:11 +0700", "2025-11-25T14:03:11+07:00"),
        ("Tuesday, 25 November 2025 14:03:11 +0700", "2025-11-25T14:03:11+07:00"),  // full names
        ("Tues, 25 Sept 2025 14:03:11 +0700", "2025-09-25T14:03:11+07:00"),  // longer abbreviations
        ("Tue, 25 Nov 2025 14:03 +0700", "2025-11-25T14:03:00+07:00"),  // no seconds
        ("  Tue,   25  Nov   2025   14:03:11    +0700  ", "2025-11-25T14:03:11+07:00"),
        ("Tue,\t25 Nov 2025\t14:03:11\t+0700", "2025-11-25T14:03:11+07:00"),
        ("Tue, 25 nov 2025 14:03:11 +0700", "2025-11-25T14:03:11+07:00"),
        ("TUE, 25 NOV 2025 14:03:11 +0700", "2025-11-25T14:03:11+07:00"),
        ("Tue, 25 Nov 2025 14:03:11", "2025-11-25T14:03:11Z"),  // no zone: +0000
        ("Tue, 25 Nov 2025 14:03:11 (UTC)", "2025-11-25T14:03:11Z"),
        ("Tue, 25 Nov 2025 14:03:11 UTC", "2025-11-25T14:03:11Z"),
        ("Tue, 25 Nov 2025 14:03:11 +07:00", "2025-11-25T14:03:11+07:00"),
        ("Tue, 25 Nov 2025 14:03:11 GMT+0700", "2025-11-25T14:03:11+07:00"),
        ("Tue, 25 Nov 2025 14:03:11 GMT+07:00", "2025-11-25T14:03:11+07:00"),
        ("Tue, 25 Nov 2025 14:03:11 UTC-05:30", "2025-11-25T14:03:11-05:30"),
        ("Tue, 25 Nov 2025 14:03:11 +07", "2025-11-25T14:03:11+07:00"),
        ("Tue, 25 Nov 2025 14:03:11 +530", "2025-11-25T14:03:11+05:30"),
        ("Tue, 25 Nov 2025 14:03:11.123 +0700", "2025-11-25T14:03:11+07:00"),  // fraction dropped
        ("Tue, 25 Nov 2025 2:03:11 PM +0700", "2025-11-25T14:03:11+07:00"),
        ("Tue, 25 Nov 2025 12:03:11 AM +0700", "2025-11-25T00:03:11+07:00"),
        ("Tue, 25 Nov 2025 12:03:11 pm +0700", "2025-11-25T12:03:11+07:00"),
        ("Tue, 5 Nov 2025 4:03:11 +0700", "2025-11-05T04:03:11+07:00"),
        ("Tue, 05 Nov 2025 04:03:11 +0700", "2025-11-05T04:03:11+07:00"),
        ("25-Nov-2025 14:03:11 +0700", "2025-11-25T14:03:11+07:00"),  // IMAP INTERNALDATE
        ("Tue Nov 25 14:03:11 2025", "2025-11-25T14:03:11Z"),  // asctime
        ("Tue Nov 25 14:03:11 2025 +0700", "2025-11-25T14:03:11+07:00"),
        ("Nov 25 2025 14:03:11 +0700", "2025-11-25T14:03:11+07:00"),
        ("Tue, 25 Nov 2025 14:03:11 +0700 (WIB), extra junk", "2025-11-25T14:03:11+07:00"),
        ("Tue, 25 Nov 2025 (comment (nested)) 14:03:11 +0700", "2025-11-25T14:03:11+07:00"),
        ("Tue, 25 Nov 2025 14:03:11 +0700 (unterminated comment", "2025-11-25T14:03:11+07:00"),
        // Indonesian localised dates, as some webmail and phones write them.
        ("Sel, 25 Nop 2025 14:03:11 +0700", "2025-11-25T14:03:11+07:00"),
        ("Selasa, 25 Nopember 2025 14:03:11 +0700", "2025-11-25T14:03:11+07:00"),
        ("Rab, 14 Mei 2025 08:00:00 +0700", "2025-05-14T08:00:00+07:00"),
        ("Jum, 15 Agt 2025 08:00:00 +0700", "2025-08-15T08:00:00+07:00"),
        ("Kamis, 11 Des 2025 08:00:00 +0700", "2025-12-11T08:00:00+07:00"),
        ("Sen, 6 Okt 2025 08:00:00 +0700", "2025-10-06T08:00:00+07:00"),
        // ISO 8601 from broken mailers.
        ("2025-11-26T09:13:00+07:00", "2025-11-26T09:13:00+07:00"),
        ("2025-11-26T09:13:00Z", "2025-11-26T09:13:00Z"),
        ("2025-11-26t09:13:00.250z", "2025-11-26T09:13:00Z"),
        ("2025-11-26 09:13:00 +0700", "2025-11-26T09:13:00+07:00"),
        ("2025-11-26 09:13 -03:30", "2025-11-26T09:13:00-03:30"),
        ("2025-11-26T09:13:00", "2025-11-26T09:13:00Z"),
        // Received fields: the date follows the last `;`.
        ("from mx.example.org by mx2.example.net with ESMTPS id abc; Tue, 25 Nov 2025 14:03:11 +0700",
         "2025-11-25T14:03:11+07:00"),
    ])
    func commonForms(raw: String, expected: String) throws {
        let date = try #require(parse(raw), "\(raw.debugDescription)")
        #expect(date.rfc3339 == expected, "\(raw.debugDescription)")
    }

    @Test func offsetKeepsWrittenZoneAndInstantIsUTC() throws {
        let a = try #require(parse("Wed, 26 Nov 2025 09:13:00 +0700"))
        let b = try #require(parse("Wed, 26 Nov 2025 02:13:00 +0000"))
        #expect(a.epochSeconds == b.epochSeconds)
        #expect(a.offsetSeconds == 25_200)
        #expect(b.offsetSeconds == 0)
        #expect(a != b)  // same instant, different written zone
        #expect(!(a < b) && !(b < a))
    }

    // MARK: - Range validation

    @Test(arguments: [
        ("29 Feb 2024 12:00:00 +0000", "2024-02-29T12:00:00Z"),
        ("29 Feb 2000 12:00:00 +0000", "2000-02-29T12:00:00Z"),
        ("31 Dec 2025 23:59:59 +0000", "2025-12-31T23:59:59Z"),
        ("30 Jun 2015 23:59:60 +0000", "2015-06-30T23:59:59Z"),  // leap second clamps to 59
        ("1 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z"),
        ("31 Dec 1969 23:59:59 +0000", "1969-12-31T23:59:59Z"),
        ("1 Mar 1900 00:00:00 +0000", "1900-03-01T00:00:00Z"),
    ])
    func validEdges(raw: String, expected: String) throws {
        let date = try #require(parse(raw))
        #expect(date.rfc3339 == expected)
    }

    @Test(arguments: [
        "", "   ", "Whenever", "(just a comment)", "Tue,",
        "29 Feb 2025 12:00:00 +0000",  // not a leap year
        "29 Feb 1900 12:00:00 +0000",  // century, not a leap year
        "31 Nov 2025 12:00:00 +0000", "31 Apr 2025 12:00:00 +0000", "32 Jan 2025 12:00:00 +0000",
        "0 Jan 2025 12:00:00 +0000",
        "1 Jan 2025 24:00:00 +0000", "1 Jan 2025 12:60:00 +0000", "1 Jan 2025 12:00:61 +0000",
        "1 13 2025 12:00:00 +0000", "1 00 2025 12:00:00 +0000",
        "1 Foo 2025 12:00:00 +0000", "1 Ja 2025 12:00:00 +0000",
        "Tue, 25 Nov 2025",  // no time
        "Tue, 25 Nov 14:03:11 +0700",  // no year
        "Tue, 25 Nov 5 14:03:11 +0700",  // one-digit year
        "Tue, 25 Nov 20255 14:03:11 +0700",  // five-digit year
        "123 Nov 2025 14:03:11 +0700",
        "2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z", "2025-11-26",
        "Tue, 25 Nov 2025 13:03:11 PM +0700",  // 13 PM
        "11/26/2025 09:13:00",  // numeric with slashes: day and month are not guessed
    ])
    func invalid(raw: String) {
        #expect(parse(raw) == nil, "\(raw.debugDescription)")
    }

    @Test func badZoneReadsAsUTC() throws {
        // A zone that cannot be an offset does not cost the date.
        #expect(try #require(parse("1 Jan 2025 12:00:00 +2500")).offsetSeconds == 0)
        #expect(try #require(parse("1 Jan 2025 12:00:00 +0popcorn")).offsetSeconds == 0)
        #expect(try #require(parse("1 Jan 2025 12:00:00 +0790")).offsetSeconds == 0)
    }

    // MARK: - Round trip against Foundation, robustness

    @Test func randomDatesAgreeWithFoundation() throws {
        var rng = SplitMix64(seed: 0xDA7E)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        for _ in 0..<2000 {
            let year = Int.random(in: 1601...2399, using: &rng)
            let month = Int.random(in: 1...12, using: &rng)
            let day = Int.random(in: 1...CivilCalendar.daysInMonth(year: year, month: month), using: &rng)
            let hour = Int.random(in: 0...23, using: &rng)
            let minute = Int.random(in: 0...59, using: &rng)
            let second = Int.random(in: 0...59, using: &rng)
            let offsetMinutes = Int.random(in: -(12 * 60)...(14 * 60), using: &rng)
            let sign = offsetMinutes < 0 ? "-" : "+"
            let zone = String(format: "%@%02d%02d", sign, abs(offsetMinutes) / 60, abs(offsetMinutes) % 60)
            let weekday = weekdays.randomElement(using: &rng)!  // not checked against the date
            let raw = String(
                format: "%@, %d %@ %04d %02d:%02d:%02d %@", weekday, day, months[month - 1], year, hour, minute,
                second, zone)
            let date = try #require(parse(raw), "\(raw)")
            let expected = Self.foundationEpoch(year, month, day, hour, minute, second, offset: offsetMinutes * 60)
            #expect(date.epochSeconds == expected, "\(raw)")
            #expect(date.offsetSeconds == offsetMinutes * 60, "\(raw)")
        }
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix64(seed: 42)
        let alphabet = Array("0123456789 :+-,.()\\;TZtzJanFebMarGMTESTPM\r\n\t\u{80}\u{ff}".utf8)
        for _ in 0..<5000 {
            let length = Int.random(in: 0...60, using: &rng)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &rng)! }
            _ = DateParser.parse(bytes[...])
        }
    }

    @Test func deepCommentsAreIterative() throws {
        let deep = String(repeating: "(", count: 100_000) + String(repeating: ")", count: 100_000)
        let date = try #require(parse("Tue, 25 Nov 2025 \(deep) 14:03:11 +0700"))
        #expect(date.rfc3339 == "2025-11-25T14:03:11+07:00")
        #expect(parse(String(repeating: "(", count: 100_000)) == nil)
    }

    @Test func worksOnSliceWithNonZeroStart() throws {
        let bytes = Array("Date: Tue, 25 Nov 2025 14:03:11 +0700".utf8)
        let date = try #require(DateParser.parse(bytes[6...]))
        #expect(date.rfc3339 == "2025-11-25T14:03:11+07:00")
    }

    // MARK: - stalwart-mail-parser date vectors

    private struct StalwartDate: Decodable {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
        var tz_before_gmt: Bool
        var tz_hour: Int, tz_minute: Int

        var rfc3339: String {
            let offset = tz_hour * 60 + tz_minute
            let zone =
                offset == 0 ? "Z" : String(format: "%@%02d:%02d", tz_before_gmt ? "-" : "+", tz_hour, tz_minute)
            return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second) + zone
        }
    }

    private struct StalwartVector: Decodable {
        var header: String
        var expected: StalwartDate?
    }

    /// Where we knowingly differ from stalwart, keyed by the raw header; nil = we return no date.
    /// ` 4 8 15 16 23 42, …` (six bare numbers, three times): stalwart reads 4 Aug 2015 16:23:42
    /// +00:04 out of them. Nothing says which number is what (no month name, no `:`), so a
    /// date read from it would be a guess; we return nil.
    static let stalwartDisagreements: [String: String?] = [
        " 4 8 15 16 23 42, 4 8 15 16 23 42, 4 8 15 16 23 42, ": nil
    ]

    @Test func stalwartDateVectors() throws {
        let data = try Data(contentsOf: corpusFile("peers/stalwart-mail-parser/resources/date.json"))
        let vectors = try JSONDecoder().decode([StalwartVector].self, from: data)
        try #require(vectors.count >= 40)
        var agreed = 0
        for vector in vectors {
            let ours = DateParser.parse(Array(HeaderTestSupport.unfold(vector.header).utf8)[...])?.rfc3339
            if ours == vector.expected?.rfc3339 {
                agreed += 1
                continue
            }
            let documented = Self.stalwartDisagreements[vector.header]
            #expect(documented != nil && documented! == ours, "\(vector.header.debugDescription): ours \(ours ?? "nil")")
        }
        // 39 of 40 at the time of writing; the one left is documented above.
        #expect(agreed >= vectors.count - Self.stalwartDisagreements.count)
        #expect(Double(agreed) / Double(vectors.count) >= 0.97)
    }
}

/// Header-value helpers shared by the structured-header tests.
enum HeaderTestSupport {
    /// What the header parser hands over: the value ends at the first line break not followed by
    /// white space; line breaks before continuation white space are removed, the white space
    /// kept (RFC 5322 §2.2.3); leading and trailing blanks trimmed.
    static func unfold(_ header: String) -> String {
        let bytes = Array(header.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let isBreak = bytes[i] == 0x0A || (bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A)
            if isBreak {
                let next = bytes[i] == 0x0A ? i + 1 : i + 2
                guard next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 else { break }
                i = next
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        var start = 0
        var end = out.count
        while start < end, out[start] == 0x20 || out[start] == 0x09 { start += 1 }
        while end > start, out[end - 1] == 0x20 || out[end - 1] == 0x09 { end -= 1 }
        return String(decoding: out[start..<end], as: UTF8.self)
    }
}


@Suite struct IndonesianZoneTests {
    @Test(arguments: [("25 Nov 2025 09:13 WIB", "2025-11-25T09:13:00+07:00"), ("Tue, 25 Nov 2025 09:13:00 WITA", "2025-11-25T09:13:00+08:00"),
                      ("25 Nov 2025 09:13:00 WIT", "2025-11-25T09:13:00+09:00"), ("Tue, 25 Nov 2025 09:13:00 +0700 (WIB)", "2025-11-25T09:13:00+07:00")])
    func namedIndonesianZones(_ raw: String, _ expected: String) {
        #expect(DateParser.parse(Array(raw.utf8)[...])?.rfc3339 == expected)
    }
}
