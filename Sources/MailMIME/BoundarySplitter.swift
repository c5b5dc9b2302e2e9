#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds a multipart body's delimiter lines (RFC 2046 §5.1.1). The line break before a delimiter
/// belongs to the delimiter; whitespace after it (transport padding) is allowed; a boundary that
/// is only a prefix of a longer one on the line does not count.
enum BoundarySplitter {
    struct Split {
        var parts: [ArraySlice<UInt8>]
        var closed: Bool
        /// A close delimiter was seen, even with no part before it.
        var sawClose = false
    }

    static func split(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> Split {
        let needle: [UInt8] = [0x2D, 0x2D] + boundary
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int? = nil
        var closed = false
        var sawClose = false
        var searchFrom = body.startIndex
        let end = body.endIndex

        while searchFrom < end {
            guard let hit = find(needle, in: body, from: searchFrom) else { break }
            searchFrom = hit + needle.count
            // What follows: "--" for the close, then only whitespace to the end of the line.
            var i = hit + needle.count
            var isClose = false
            if i + 1 < end, body[i] == 0x2D, body[i + 1] == 0x2D { isClose = true; i += 2 }
            while i < end, body[i] == 0x20 || body[i] == 0x09 { i += 1 }
            let lineDone = i >= end || body[i] == 0x0A || (body[i] == 0x0D && (i + 1 >= end || body[i + 1] == 0x0A))
            guard lineDone else { continue }
            let next = i >= end ? end : (body[i] == 0x0D ? min(i + 2, end) : i + 1)
            if isClose { sawClose = true }
            if let s = partStart {
                // The line break before the delimiter is not part of the body.
                var e = hit
                if e > s, body[e - 1] == 0x0A { e -= 1; if e > s, body[e - 1] == 0x0D { e -= 1 } }
                parts.append(body[s..<max(s, e)])
            }
            if isClose { closed = true; partStart = nil; break }
            partStart = next
            searchFrom = next
        }
        if let s = partStart, !closed,
           body[s..<end].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) {
            // Without a close delimiter the last part runs to the end; a delimiter followed by
            // nothing (a truncated message) opens no part.
            parts.append(body[s..<end])
        }
        return Split(parts: parts, closed: closed, sawClose: sawClose)
    }

    /// The next line start at or after `from` that begins with `needle` (a line start is the
    /// slice's start or the byte after LF). memchr for LF, memcmp for the line: this runs over
    /// every byte of every multipart body.
    static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>, from: Int) -> Int? {
        hay.withUnsafeBufferPointer { h -> Int? in
            needle.withUnsafeBufferPointer { n -> Int? in
                guard let base = h.baseAddress, let nb = n.baseAddress else { return nil }
                let count = h.count
                var i = from - hay.startIndex
                // `from` may sit mid-line: move to the next line start unless it is one already.
                if i > 0, i < count, base[i - 1] != 0x0A {
                    guard let lf = memchr(base + i, 0x0A, count - i) else { return nil }
                    i = UnsafeRawPointer(lf) - UnsafeRawPointer(base) + 1
                }
                while i < count {
                    if count - i >= n.count, base[i] == nb[0], memcmp(base + i, nb, n.count) == 0 {
                        return hay.startIndex + i
                    }
                    guard let lf = memchr(base + i, 0x0A, count - i) else { return nil }
                    i = UnsafeRawPointer(lf) - UnsafeRawPointer(base) + 1
                }
                return nil
            }
        }
    }
}
