#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The few C calls the walkers make, wrapped so that `errno` is read right after the call that set
/// it and C types stay inside this module.
enum SystemCalls {
    /// The text `ls` or `cat` would print for `code`, so that our messages read like theirs.
    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    static func openForReading(_ path: String) -> Result<Int32, SystemError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        return fd >= 0 ? .success(fd) : .failure(SystemError(errno))
    }

    static func close(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }

    /// Reads the file's first `count` bytes (fewer if it is shorter) without moving the file
    /// position, retrying on `EINTR` and short reads so that a sample is as long as the file allows.
    static func readPrefix(fd: Int32, count: Int) -> Result<[UInt8], SystemError> {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + filled, count - filled, off_t(filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(SystemError(errno))
            }
            if n == 0 { break }
            filled += n
        }
        buffer.removeLast(count - filled)
        return .success(buffer)
    }

    /// One `read(2)` into `buffer`, retrying on `EINTR`; 0 means end of input.
    static func read(fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> Result<Int, SystemError> {
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, buffer, count)
            #else
            let n = Darwin.read(fd, buffer, count)
            #endif
            if n >= 0 { return .success(n) }
            if errno != EINTR { return .failure(SystemError(errno)) }
        }
    }

    /// Finds the next line feed with libc's vectorised `memchr`: the splitter's hot loop.
    @inline(__always)
    static func findLineFeed(_ start: UnsafeRawPointer, _ count: Int) -> UnsafeRawPointer? {
        guard count > 0 else { return nil }
        return UnsafeRawPointer(memchr(start, 0x0A, count))
    }
}
