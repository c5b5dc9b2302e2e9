/// RFC 5322 address lists (§3.4) with the obsolete forms real mail still carries: groups,
/// comments, quoted names, missing angle brackets, RFC 2047 names, stray commas.
public enum AddressParser {
    /// Every mailbox in an unfolded header value, group members included, in order. Never fails.
    public static func parse(_ raw: ArraySlice<UInt8>) -> [MailAddress] {
        fatalError("TODO")
    }
}
