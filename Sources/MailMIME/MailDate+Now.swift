#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MailDate {
    /// The current time, in UTC.
    public static func current() -> MailDate {
        MailDate(epochSeconds: Int64(time(nil)), offsetSeconds: 0)
    }
}
