#if canImport(Glibc)
import Glibc
#endif
import MailSift

/// Progress on stderr for large work at a terminal: bytes done of the total, messages, rate and
/// time left, redrawn in place at most a few times a second. Never a byte on stdout.
final class ProgressMeter {
    private let total: Int
    private let start: Double
    private var last: Double = 0
    private var shown = false

    /// nil when progress would be noise: not a terminal, asked to be quiet, or little work.
    static func make(paths: [String], quiet: Bool) -> ProgressMeter? {
        guard !quiet, System.stderrIsTerminal else { return nil }
        let total = paths.reduce(0) { $0 + size(of: $1) }
        // Under 32 MB a scan finishes before a meter is worth reading.
        guard total >= 32 << 20 else { return nil }
        return ProgressMeter(total: total)
    }

    private init(total: Int) {
        self.total = total
        start = Self.now()
    }

    func update(_ s: ScanSummary) {
        let t = Self.now()
        guard t - last >= 0.25 else { return }
        last = t
        let elapsed = max(t - start, 0.001)
        let rate = Double(s.bytes) / elapsed
        let left = rate > 0 ? Double(max(0, total - s.bytes)) / rate : 0
        let pct = total > 0 ? min(100, Double(s.bytes) * 100 / Double(total)) : 0
        let line = String(format: "\r%5.1f%%  %@ of %@  %d messages  %@/s  ETA %@ ",
                          pct, Self.mb(s.bytes), Self.mb(total), s.messages, Self.mb(Int(rate)), Self.clock(left))
        Output.errorRaw(line)
        shown = true
    }

    func finish() {
        if shown { Output.errorRaw("\r\u{1B}[K") }
    }

    private static func mb(_ b: Int) -> String { String(format: "%.1f MB", Double(b) / 1e6) }
    private static func clock(_ s: Double) -> String {
        let n = Int(s.rounded())
        return n >= 3600 ? String(format: "%d:%02d:%02d", n / 3600, n / 60 % 60, n % 60) : String(format: "%d:%02d", n / 60, n % 60)
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Bytes under a path (a file's size, a folder's files' sizes); 0 when unknown (stdin).
    private static func size(of path: String) -> Int {
        var st = stat()
        guard path != "-", stat(path, &st) == 0 else { return 0 }
        if (st.st_mode & S_IFMT) != S_IFDIR { return Int(st.st_size) }
        guard let dir = opendir(path) else { return 0 }
        defer { closedir(dir) }
        var sum = 0
        while let e = readdir(dir) {
            let name = withUnsafePointer(to: e.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            if name == "." || name == ".." { continue }
            sum += size(of: path + "/" + name)
        }
        return sum
    }
}
