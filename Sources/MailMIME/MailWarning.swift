/// Something damaged, suspicious or guessed about a message. A parse never fails: it degrades and
/// says so here, so that one bad part never costs the rest of the message.
public struct MailWarning: Sendable, Hashable, Codable {
    /// Stable kebab-case identifier that scripts may match on (e.g. `bad-base64`).
    public var code: String
    /// One sentence a person can read.
    public var message: String

    /// A warning with its kebab-case code and its message for a person.
    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
}
