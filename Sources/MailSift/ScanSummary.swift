/// Every message read is counted here, printed or not, so nothing disappears silently.
public struct ScanSummary: Sendable {
    /// Inputs named (standard input counts as one).
    public var inputs = 0
    /// Messages read, printed or not.
    public var messages = 0
    /// Reports per kind (`other` counts only messages classified, printed or not).
    public var kinds: [String: Int] = [:]
    /// Messages with at least one warning.
    public var withWarnings = 0
    /// Inputs (or parts of one) that could not be read, each named on stderr.
    public var unreadable = 0
    /// Bytes of messages read so far (for progress).
    public var bytes = 0

    /// All counts zero.
    public init() {}

    /// One line for stderr: "12 messages read: aktivasi-akun 3, reset-password 2, other 7; 1 with warnings; 0 unreadable".
    public var line: String {
        let order = ["aktivasi-akun", "set-passphrase", "informasi-akun", "reset-password"]
        var parts: [String] = []
        for k in order where kinds[k, default: 0] > 0 { parts.append("\(k) \(kinds[k]!)") }
        for (k, v) in kinds.sorted(by: { $0.key < $1.key }) where !order.contains(k) && k != "other" && v > 0 { parts.append("\(k) \(v)") }
        let recognised = kinds.filter { $0.key != "other" }.values.reduce(0, +)
        parts.append("other \(messages - recognised)")
        return "\(messages) message\(messages == 1 ? "" : "s") read: " + parts.joined(separator: ", ")
            + "; \(withWarnings) with warnings; \(unreadable) unreadable"
    }
}
