/// One mailbox from an address header.
public struct MailAddress: Sendable, Hashable {
    /// Display name, RFC 2047 words decoded, quotes and comments removed; nil when absent.
    public var name: String?
    /// `local@domain` as written (no angle brackets).
    public var address: String

    /// An address and its display name, as the parser found them.
    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }
}
