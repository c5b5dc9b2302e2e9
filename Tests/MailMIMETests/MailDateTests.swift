import Foundation
import Testing

@testable import MailMIME

struct MailDateTests {
    // MARK: - rfc3339

    @Test(arguments: [
        (Int64(1_764_123_180), 25_200, "2025-11-26T09:13:00+07:00"),
        (Int64(1_764_123_180), 0, "2025-11-26T02:13:00Z"),
        (Int64(1_764_123_180), -12_600, "2025-11-25T22:43:00-03:30"),
        (Int64(0), 0, "1970-01-01T00:00:00Z"),
        (Int64(-1), 0, "1969-12-31T23:59:59Z"),
        (Int64(-86_400), 3600, "1969-12-31T01:00:00+01:00"),
        (Int64(951_782_400), 0, "2000-02-29T00:00:00Z"),
        (Int64(-62_135_596_800), 0, "0001-01-01T00:00:00Z"),  // four-digit year, zero-padded
        (Int64(253_402_300_799), 0, "9999-12-31T23:59:59Z"),
        (Int64(1_000), 50_400, "1970-01-01T14:16:40+14:00"),
        (Int64(1_000), -43_200, "1969-12-31T12:16:40-12:00"),
    ])
    func rfc3339(epoch: Int64, offset: Int, expected: String) {
        #expect(MailDate(epochSeconds: epoch, offsetSeconds: offset).rfc3339 == expected)
    }

    @Test func rfc3339AgreesWithFoundationFormatter() {
        var rng = SplitMix64(seed: 3339)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        for _ in 0..<2000 {
            let epoch = Int64.random(in: -5_000_000_000...8_000_000_000, using: &rng)
            let offset = Int.random(in: -(12 * 4)...(14 * 4), using: &rng) * 900
            formatter.timeZone = TimeZone(secondsFromGMT: offset)!
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
            #expect(MailDate(epochSeconds: epoch, offsetSeconds: offset).rfc3339 == expected)
        }
    }

    // MARK: - parseRFC3339

    @Test(arguments: [
        ("2025-11-26T09:13:00+07:00", Int64(1_764_123_180), 25_200),
        ("2025-11-26T02:13:00Z", Int64(1_764_123_180), 0),
        ("2025-11-26t02:13:00z", Int64(1_764_123_180), 0),
        ("2025-11-26 02:13:00Z", Int64(1_764_123_180), 0),
        ("2025-11-26T02:13:00.999999Z", Int64(1_764_123_180), 0),  // fraction dropped, not rounded
        ("2025-11-25T22:43:00-03:30", Int64(1_764_123_180), -12_600),
        ("2025-11-26T02:13:00+00:00", Int64(1_764_123_180), 0),
        ("2025-11-26T02:13:00-00:00", Int64(1_764_123_180), 0),
        ("1969-12-31T23:59:59Z", Int64(-1), 0),
        ("2016-12-31T23:59:60Z", Int64(1_483_228_799), 0),  // leap second clamps to :59
        ("2024-02-29T00:00:00Z", Int64(1_709_164_800), 0),
    ])
    func parseValid(text: String, epoch: Int64, offset: Int) throws {
        let date = try #require(MailDate.parseRFC3339(text))
        #expect(date.epochSeconds == epoch)
        #expect(date.offsetSeconds == offset)
    }

    @Test(arguments: [
        "", "2025-11-26", "2025-11-26T09:13", "2025-11-26T09:13:00",  // no offset
        "2025-11-26T09:13:00+0700", "2025-11-26T09:13:00+07", "2025-11-26T09:13:00 +07:00",
        "2025-11-26X09:13:00Z", "2025-11-26T09:13:00ZZ", "2025-11-26T09:13:00Z ",
        "25-11-26T09:13:00Z", "2025-1-26T09:13:00Z", "2025-11-26T9:13:00Z",
        "2025-13-01T00:00:00Z", "2025-00-01T00:00:00Z", "2025-02-29T00:00:00Z", "2025-04-31T00:00:00Z",
        "2025-11-00T00:00:00Z", "2025-11-26T24:00:00Z", "2025-11-26T23:60:00Z", "2025-11-26T23:59:61Z",
        "2025-11-26T09:13:00.Z", "2025-11-26T09:13:00+24:00", "2025-11-26T09:13:00+07:60",
        "Wed, 26 Nov 2025 09:13:00 +0700", "２０２５-11-26T09:13:00Z",
    ])
    func parseInvalid(text: String) {
        #expect(MailDate.parseRFC3339(text) == nil, "\(text.debugDescription)")
    }

    @Test func roundTrip() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let date = MailDate(
                epochSeconds: Int64.random(in: -62_135_596_800...253_402_300_799, using: &rng),
                offsetSeconds: Int.random(in: -(23 * 60)...(23 * 60), using: &rng) * 60)
            let parsed = try #require(MailDate.parseRFC3339(date.rfc3339))
            #expect(parsed == date, "\(date.rfc3339)")
        }
    }

    // MARK: - Ordering

    @Test func comparesByInstantOnly() {
        let early = MailDate(epochSeconds: 100, offsetSeconds: 25_200)
        let late = MailDate(epochSeconds: 200, offsetSeconds: -18_000)
        #expect(early < late)
        #expect([late, early].sorted() == [early, late])
        #expect(MailDate(epochSeconds: 100, offsetSeconds: 0) != early)  // the written offset matters for equality
    }

    // MARK: - Calendar arithmetic

    @Test func civilDaysRoundTripOverFourCenturies() {
        var expectedDays = CivilCalendar.days(year: 1600, month: 1, day: 1)
        for year in 1600...2400 {
            for month in 1...12 {
                for day in 1...CivilCalendar.daysInMonth(year: year, month: month) {
                    let days = CivilCalendar.days(year: Int64(year), month: month, day: day)
                    if days != expectedDays { Issue.record("days(\(year)-\(month)-\(day)) = \(days)") }
                    let back = CivilCalendar.civil(fromDays: days)
                    if back.year != Int64(year) || back.month != month || back.day != day {
                        Issue.record("civil(fromDays: \(days)) = \(back), expected \(year)-\(month)-\(day)")
                    }
                    expectedDays += 1
                }
            }
        }
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
    }
}
