/// A Date header's instant together with the offset the sender wrote, so reports can keep it.
public struct MailDate: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var epochSeconds: Int64
    /// The sender's UTC offset in seconds (e.g. +0700 → 25200).
    public var offsetSeconds: Int

    public init(epochSeconds: Int64, offsetSeconds: Int) {
        self.epochSeconds = epochSeconds
        self.offsetSeconds = offsetSeconds
    }

    public static func < (a: MailDate, b: MailDate) -> Bool { a.epochSeconds < b.epochSeconds }

    /// RFC 3339 in the original offset, e.g. `2025-11-26T09:13:00+07:00` (`Z` for +00:00).
    public var rfc3339: String { fatalError("TODO") }

    /// Parses RFC 3339 (`--now`); nil when invalid.
    public static func parseRFC3339(_ text: String) -> MailDate? { fatalError("TODO") }
}
