#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ASCII case-insensitive substring search over UTF-8 bytes, for the pre-filter that runs on
/// every message: one lowercasing pass, then memchr for each needle's first byte.
enum ByteSearch {
    static func containsAny(_ text: String, lowercasedNeedles needles: [[UInt8]]) -> Bool {
        var text = text
        return text.withUTF8 { buf -> Bool in
            guard let base = buf.baseAddress, buf.count > 0 else { return false }
            let lower = UnsafeMutablePointer<UInt8>.allocate(capacity: buf.count)
            defer { lower.deallocate() }
            for i in 0..<buf.count {
                let b = base[i]
                lower[i] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
            }
            for needle in needles where !needle.isEmpty && needle.count <= buf.count {
                let first = Int32(needle[0])
                var p = lower
                let end = lower + buf.count
                while p < end {
                    guard let hit = memchr(p, first, end - p) else { break }
                    let h = hit.assumingMemoryBound(to: UInt8.self)
                    if end - h >= needle.count, memcmp(h, needle, needle.count) == 0 { return true }
                    p = h + 1
                }
            }
            return false
        }
    }
}
