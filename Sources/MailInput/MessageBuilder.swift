/// Collects one message's bytes up to the size limit while still counting the rest, so that an
/// oversized message costs `limit` bytes of memory however large it is.
struct MessageBuilder {
    let limit: Int
    /// Where the message's container record starts (its `From ` line in an mbox).
    let offset: Int
    private(set) var bytes: [UInt8] = []
    /// The message's full size, as it would be yielded without a limit.
    private(set) var size = 0

    init(limit: Int, offset: Int) {
        self.limit = max(0, limit)
        self.offset = offset
    }

    @inline(__always)
    mutating func append(_ piece: UnsafeRawBufferPointer) {
        size += piece.count
        let room = limit - bytes.count
        guard room > 0, piece.count > 0 else { return }
        if piece.count <= room {
            bytes.append(contentsOf: piece)
        } else {
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: piece[..<room]))
        }
    }

    @inline(__always)
    mutating func append(_ piece: [UInt8]) {
        piece.withUnsafeBytes { append($0) }
    }

    /// Takes back the last `count` bytes appended (a line break that turned out to belong to the
    /// mbox separator).
    mutating func dropLast(_ count: Int) {
        let count = min(count, size)
        size -= count
        if bytes.count > size { bytes.removeLast(bytes.count - size) }
    }

    /// The bytes and, when the limit cut them, the size they were cut from.
    func finish() -> (bytes: [UInt8], truncatedFrom: Int?) {
        (bytes, size > bytes.count ? size : nil)
    }
}
