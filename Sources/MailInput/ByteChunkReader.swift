/// Reads a descriptor that cannot be mapped (standard input, a pipe, a file on a filesystem
/// without `mmap`) in fixed-size chunks and hands out whole lines, carrying a partial line over
/// to the next chunk. Memory stays at one buffer however long the input.
///
/// A line longer than the buffer is handed out in pieces (`startsLine`/`endsLine` say which):
/// the splitter only needs a line's first bytes to classify it.
struct ByteChunkReader: ~Copyable {
    private let fd: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    /// Unconsumed bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    /// Input offset of `buffer[start]`.
    private(set) var offset = 0
    private var atLineStart = true
    private(set) var reachedEnd = false

    static let defaultBufferSize = 4 << 20

    init(fd: Int32, bufferSize: Int = ByteChunkReader.defaultBufferSize) {
        self.fd = fd
        buffer = .allocate(byteCount: max(bufferSize, 1), alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    /// Reads until at least `count` bytes are buffered or the input ends; returns the error on
    /// failure. For looking at the first bytes before deciding how to read the rest.
    mutating func fill(atLeast count: Int) -> SystemError? {
        let wanted = min(count, buffer.count)
        while end - start < wanted && !reachedEnd {
            if let error = readMore() { return error }
        }
        return nil
    }

    /// Up to `count` buffered bytes, without consuming them.
    func peek(_ count: Int) -> [UInt8] {
        Array(UnsafeRawBufferPointer(rebasing: buffer[start..<min(end, start + count)]))
    }

    /// Consumes `count` buffered bytes (a byte-order mark).
    mutating func skip(_ count: Int) {
        let n = min(count, end - start)
        start += n
        offset += n
    }

    /// Calls `body(line, offset, startsLine, endsLine)` for every line to the end of the input.
    /// Returns the error if reading failed; the lines before the failure have been delivered.
    mutating func forEachLine(
        _ body: (UnsafeRawBufferPointer, Int, Bool, Bool) throws -> Void
    ) rethrows -> SystemError? {
        while true {
            // Whole lines in the buffer.
            while start < end {
                let base = UnsafeRawPointer(buffer.baseAddress!)
                guard let lf = SystemCalls.findLineFeed(base + start, end - start) else { break }
                let lineEnd = lf - base + 1
                let line = UnsafeRawBufferPointer(start: base + start, count: lineEnd - start)
                let startsLine = atLineStart
                atLineStart = true
                start = lineEnd
                let lineOffset = offset
                offset += line.count
                try body(line, lineOffset, startsLine, true)
            }
            if reachedEnd {
                if start < end {
                    let line = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
                    let lineOffset = offset
                    offset += line.count
                    start = end
                    try body(line, lineOffset, atLineStart, false)
                }
                return nil
            }
            if start == 0 && end == buffer.count {
                // A line as long as the buffer: hand out this piece and keep going.
                let line = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
                let lineOffset = offset
                offset += line.count
                start = end
                let startsLine = atLineStart
                atLineStart = false
                try body(line, lineOffset, startsLine, false)
            }
            if let error = readMore() { return error }
        }
    }

    /// Moves the partial line to the front and reads into the space after it.
    private mutating func readMore() -> SystemError? {
        if start == end {
            start = 0
            end = 0
        } else if end == buffer.count && start > 0 {
            let count = end - start
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: count)
            start = 0
            end = count
        }
        guard end < buffer.count else { return nil }
        switch SystemCalls.read(fd: fd, into: buffer.baseAddress! + end, count: buffer.count - end) {
        case .success(0): reachedEnd = true
        case .success(let n): end += n
        case .failure(let error): return error
        }
        return nil
    }
}
