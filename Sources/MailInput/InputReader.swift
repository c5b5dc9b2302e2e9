/// Walks the paths a user named and yields every message in them, in a stable order: files in a
/// folder sorted by name, Maildir `cur` before `new`, mbox messages in file order.
///
/// Detection is by content, not by name: an mbox starts with a `From ` line; a Maildir is a folder
/// with `cur`/`new`; a message file starts with a header block.
public struct InputReader: Sendable {
    /// Bounds for reading, so that one huge input cannot exhaust memory.
    public struct Options: Sendable {
        /// A message larger than this is yielded with only its first `maxMessageBytes` bytes and
        /// `truncatedFrom` set.
        public var maxMessageBytes: Int = 64 << 20
        /// The chunk size for inputs that cannot be mapped (standard input, pipes); also the
        /// longest line kept whole there. Exposed so tests can force chunk boundaries.
        public var streamBufferBytes: Int = ByteChunkReader.defaultBufferSize
        /// The defaults mailsift uses.
        public init() {}
    }

    /// Files, folders, mboxes, Maildirs; empty or `-` reads standard input.
    public var paths: [String]
    /// Bounds for reading.
    public var options: Options

    /// `paths` empty or `-` means standard input (one message, or an mbox stream).
    public init(paths: [String], options: Options = Options()) {
        self.paths = paths
        self.options = options
    }

    /// Calls `body` for each message or failure, in order. Messages are streamed: memory stays
    /// independent of the mailbox's size. A failing input yields a `.failure` and the walk goes
    /// on; only an error thrown by `body` stops it.
    public func forEach(_ body: (InputEvent) throws -> Void) rethrows {
        var walker = InputWalker(options: options)
        for path in paths.isEmpty ? ["-"] : paths {
            try walker.read(path: path, body)
        }
    }

    /// Reads an already open descriptor as standard input is read (one message, or an mbox
    /// stream), naming its messages `path`. For callers that receive mail on a pipe or socket.
    public func forEach(readingDescriptor fd: Int32, as path: String, _ body: (InputEvent) throws -> Void) rethrows {
        try InputWalker(options: options).readStream(fd: fd, path: path, reportsOffsets: path != "-", body)
    }
}
