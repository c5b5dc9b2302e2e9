#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Does the work behind `InputReader.forEach` for one input path: decides what the path is, walks
/// folders and Maildirs in a stable order, and turns files and streams into messages.
///
/// Every failure becomes an `.failure` event and the walk goes on with the next entry.
struct InputWalker {
    typealias Body = (InputEvent) throws -> Void

    let options: InputReader.Options
    /// Directories entered during this input, by device and inode, so that a symlink loop (or
    /// two links to one folder) is walked once.
    private var visited: Set<FileStatus.Identity> = []

    init(options: InputReader.Options) {
        self.options = options
    }

    // MARK: Dispatch

    /// Reads one path named by the user; `-` is standard input.
    mutating func read(path: String, _ body: Body) rethrows {
        visited = []
        if path == "-" {
            try readStream(fd: 0, path: "-", reportsOffsets: false, body)
            return
        }
        switch FileStatus.of(path: path) {
        case .failure(let error):
            try body(.failure(Self.statFailure(path, error)))
        case .success(let status):
            try visit(path, status, explicit: true, body)
        }
    }

    private mutating func visit(_ path: String, _ status: FileStatus, explicit: Bool, _ body: Body) rethrows {
        switch status.kind {
        case .directory:
            try walkFolder(path, status, body)
        case .regular:
            try readFile(path, explicit: explicit, maildirLabels: nil, body)
        case .stream where explicit:
            // `<(zcat mail.mbox.gz)`, a named pipe, /dev/stdin: read it as it comes.
            switch SystemCalls.openForReading(path) {
            case .failure(let error):
                try body(.failure(.unreadable(path: path, reason: error.message)))
            case .success(let fd):
                defer { SystemCalls.close(fd) }
                try readStream(fd: fd, path: path, reportsOffsets: true, body)
            }
        case .stream, .other:
            // Reading a pipe found inside a folder could block forever; sockets and devices are
            // never mail.
            try body(.failure(.notMail(path: path, reason: "not a regular file")))
        }
    }

    private static func statFailure(_ path: String, _ error: SystemError) -> InputError {
        if error.code == ENOENT {
            return FileStatus.isDanglingSymlink(path)
                ? .unreadable(path: path, reason: "broken symbolic link")
                : .notFound(path: path)
        }
        return .unreadable(path: path, reason: error.message)
    }

    // MARK: Folders

    /// A folder with `cur`/`new` is a Maildir; any other folder is walked in name order, hidden
    /// entries (`.git`, `.DS_Store`) skipped, Maildirs and mboxes inside it recognised as such.
    private mutating func walkFolder(_ path: String, _ status: FileStatus, _ body: Body) rethrows {
        guard visited.insert(status.identity).inserted else { return }
        let names: [String]
        switch DirectoryListing.names(of: path) {
        case .failure(let error):
            try body(.failure(.unreadable(path: path, reason: error.message)))
            return
        case .success(let list):
            names = list
        }
        if MaildirWalker.isMaildir(path, names: names) {
            try walkMaildir(path, names: names, label: MaildirWalker.label(ofMaildir: path), body)
            return
        }
        let base = DirectoryListing.baseName(path)
        let parent = DirectoryListing.parent(path)
        if base == "cur" || base == "new", MaildirWalker.isMaildir(parent) {
            // The user named a Maildir's `cur` or `new` itself: keep its folder label and flags.
            try walkMaildirLeaf(path, names: names, inNew: base == "new", label: MaildirWalker.label(ofMaildir: parent), body)
            return
        }
        for name in names where !name.hasPrefix(".") {
            let child = DirectoryListing.join(path, name)
            switch FileStatus.of(path: child) {
            case .failure(let error):
                try body(.failure(Self.statFailure(child, error)))
            case .success(let status):
                try visit(child, status, explicit: false, body)
            }
        }
    }

    // MARK: Maildir

    private mutating func walkMaildir(_ root: String, names: [String], label: String, _ body: Body) rethrows {
        for plan in MaildirWalker.plan(root: root, names: names, rootLabel: label, visited: &visited) {
            switch plan {
            case .failure(let error):
                try body(.failure(error))
            case .folder(let path, let identity, let entries, let inNew, let folderLabel):
                if let identity, !visited.insert(identity).inserted { continue }
                try walkMaildirLeaf(path, names: entries, inNew: inNew, label: folderLabel, body)
            }
        }
    }

    private mutating func walkMaildirLeaf(_ folder: String, names: [String], inNew: Bool, label: String, _ body: Body) rethrows {
        for name in names where !name.hasPrefix(".") {
            let file = DirectoryListing.join(folder, name)
            switch FileStatus.of(path: file) {
            case .failure(let error):
                try body(.failure(Self.statFailure(file, error)))
            case .success(let status) where status.kind == .regular:
                let labels = [label] + MaildirName.flagLabels(fileName: name, inNew: inNew)
                try readFile(file, explicit: false, maildirLabels: labels, body)
            case .success:
                continue
            }
        }
    }

    // MARK: Files

    /// Reads a regular file: detection from its first bytes, then one message (read directly) or
    /// an mbox (mapped and split). `maildirLabels` is non-nil for a file inside a Maildir, which
    /// is a message by where it is, whatever its first line looks like.
    private func readFile(_ path: String, explicit: Bool, maildirLabels: [String]?, _ body: Body) rethrows {
        let fd: Int32
        switch SystemCalls.openForReading(path) {
        case .failure(let error):
            try body(.failure(.unreadable(path: path, reason: error.message)))
            return
        case .success(let opened):
            fd = opened
        }
        defer { SystemCalls.close(fd) }
        let size: Int
        switch FileStatus.of(fd: fd) {
        case .failure(let error):
            try body(.failure(.unreadable(path: path, reason: error.message)))
            return
        case .success(let status):
            size = status.size
        }
        let sample: [UInt8]
        switch SystemCalls.readPrefix(fd: fd, count: min(size, FileDetector.sampleSize)) {
        case .failure(let error):
            try body(.failure(.unreadable(path: path, reason: error.message)))
            return
        case .success(let bytes):
            sample = bytes
        }
        var kind = FileDetector.detect(sample, isWhole: sample.count >= size)
        if maildirLabels != nil, kind == .notMail(reason: "no header block") { kind = .message }
        let bom = sample.starts(with: FileDetector.byteOrderMark) ? 3 : 0
        let labels = maildirLabels ?? []
        switch kind {
        case .notMail(let reason):
            if explicit || !FileDetector.isNeverMail(name: DirectoryListing.baseName(path)) {
                try body(.failure(.notMail(path: path, reason: reason)))
            }
        case .message:
            try readMessageFile(path, fd: fd, size: size, skipping: bom, labels: labels, body)
        case .mbox:
            if let map = MappedFile(fd: fd, count: size) {
                defer { map.unmap() }
                try splitMapped(map, from: bom, path: path, labels: labels, body)
            } else {
                try readStream(fd: fd, path: path, reportsOffsets: true, labels: labels, body)
            }
        }
    }

    /// One message per file: read only the part within the size limit.
    private func readMessageFile(_ path: String, fd: Int32, size: Int, skipping bom: Int, labels: [String], _ body: Body) rethrows {
        let full = size - bom
        let wanted = min(full, options.maxMessageBytes)
        switch SystemCalls.readPrefix(fd: fd, count: wanted + bom) {
        case .failure(let error):
            try body(.failure(.unreadable(path: path, reason: error.message)))
        case .success(var bytes):
            if bom > 0 { bytes.removeFirst(min(bom, bytes.count)) }
            let origin = MessageOrigin(path: path, index: 0, offset: 0, labels: labels)
            try body(.message(RawMessage(origin: origin, bytes: bytes, truncatedFrom: full > wanted ? full : nil)))
        }
    }

    /// Splits a mapped mbox, one `memchr` per line; only message bytes are copied.
    private func splitMapped(_ map: MappedFile, from first: Int, path: String, labels: [String], _ body: Body) rethrows {
        var splitter = MboxSplitter(maxMessageBytes: options.maxMessageBytes)
        var index = 0
        guard let base = map.bytes.baseAddress else { return }
        let end = map.bytes.count
        var position = first
        var released = 0
        while position < end {
            if position - released >= Self.releaseStride {
                // Lines before `position` have been copied or discarded.
                map.release(upTo: position)
                released = position
            }
            let lf = SystemCalls.findLineFeed(base + position, end - position)
            let lineEnd = lf.map { $0 - base + 1 } ?? end
            let line = UnsafeRawBufferPointer(start: base + position, count: lineEnd - position)
            if let message = splitter.consume(line, at: position, startsLine: true, endsLine: lf != nil) {
                try body(.message(Self.raw(message, path: path, index: index, offsets: true, labels: labels)))
                index += 1
            }
            position = lineEnd
        }
        if let message = splitter.finish() {
            try body(.message(Self.raw(message, path: path, index: index, offsets: true, labels: labels)))
        }
    }

    /// How far the splitter gets before giving mapped pages back.
    static let releaseStride = 8 << 20

    // MARK: Streams

    /// Standard input or a pipe: detection from the first bytes, then one message or an mbox,
    /// read in chunks.
    func readStream(fd: Int32, path: String, reportsOffsets: Bool, labels: [String] = [], _ body: Body) rethrows {
        var reader = ByteChunkReader(fd: fd, bufferSize: options.streamBufferBytes)
        if let error = reader.fill(atLeast: FileDetector.sampleSize) {
            try body(.failure(.unreadable(path: path, reason: error.message)))
            return
        }
        let sample = reader.peek(FileDetector.sampleSize)
        let kind = FileDetector.detect(sample, isWhole: reader.reachedEnd && sample.count < FileDetector.sampleSize)
        if sample.starts(with: FileDetector.byteOrderMark) { reader.skip(3) }
        var failure: SystemError?
        switch kind {
        case .notMail(let reason):
            try body(.failure(.notMail(path: path, reason: path == "-" && reason == "empty file" ? "empty input" : reason)))
            return
        case .message:
            var builder = MessageBuilder(limit: options.maxMessageBytes, offset: 0)
            failure = reader.forEachLine { line, _, _, _ in builder.append(line) }
            if failure == nil {
                let (bytes, truncatedFrom) = builder.finish()
                let origin = MessageOrigin(path: path, index: 0, offset: reportsOffsets ? 0 : nil, labels: labels)
                try body(.message(RawMessage(origin: origin, bytes: bytes, truncatedFrom: truncatedFrom)))
            }
        case .mbox:
            var splitter = MboxSplitter(maxMessageBytes: options.maxMessageBytes)
            var index = 0
            failure = try reader.forEachLine { line, offset, startsLine, endsLine in
                if let message = splitter.consume(line, at: offset, startsLine: startsLine, endsLine: endsLine) {
                    try body(.message(Self.raw(message, path: path, index: index, offsets: reportsOffsets, labels: labels)))
                    index += 1
                }
            }
            if failure == nil, let message = splitter.finish() {
                try body(.message(Self.raw(message, path: path, index: index, offsets: reportsOffsets, labels: labels)))
            }
        }
        if let failure {
            try body(.failure(.unreadable(path: path, reason: failure.message)))
        }
    }

    private static func raw(_ message: MboxSplitter.Message, path: String, index: Int, offsets: Bool, labels: [String]) -> RawMessage {
        let origin = MessageOrigin(path: path, index: index, offset: offsets ? message.offset : nil, labels: labels)
        return RawMessage(origin: origin, bytes: message.bytes, truncatedFrom: message.truncatedFrom)
    }
}
