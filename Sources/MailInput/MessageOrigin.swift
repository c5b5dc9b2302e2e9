/// Where a message came from, so that every report can point back to its bytes.
public struct MessageOrigin: Sendable, Hashable {
    /// The input as named on the command line (`-` for standard input); for a Maildir or a folder
    /// of message files, the message's own file.
    public var path: String
    /// 0-based position inside its input (0 for a single message file).
    public var index: Int
    /// Byte offset of the message's first byte in the input (the `From ` line in an mbox); nil for stdin.
    public var offset: Int?
    /// Where the mailbox kept it, as far as the container says: Maildir folder (e.g. `Spam`, `Trash`)
    /// and flags (`Seen`, `Trashed`, `Flagged`, `Replied`, `Draft`, `Passed`). Gmail's X-Gmail-Labels
    /// header is read later, by the MIME layer's user.
    public var labels: [String]

    /// `offset` is nil where the input gives none.
    public init(path: String, index: Int, offset: Int?, labels: [String] = []) {
        self.path = path
        self.index = index
        self.offset = offset
        self.labels = labels
    }
}
