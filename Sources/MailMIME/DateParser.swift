/// RFC 5322 §3.3 dates and the obsolete and broken forms seen in the wild: missing weekday, two-
/// or four-digit years, named zones (GMT, UT, EST, …, military), missing seconds, comments,
/// extra whitespace, `+0700 (WIB)`.
public enum DateParser {
    /// nil when no date can be read.
    public static func parse(_ raw: ArraySlice<UInt8>) -> MailDate? {
        fatalError("TODO")
    }
}
