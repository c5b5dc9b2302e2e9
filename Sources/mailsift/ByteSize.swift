import ArgumentParser

/// A size on the command line: bytes, or a number with K, M or G (binary: 1K = 1024 bytes),
/// e.g. `512K`, `32M`, `1G`.
struct ByteSize: ExpressibleByArgument, Equatable {
    var bytes: Int

    init(_ bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        var digits = Substring(argument.trimmingCharacters(in: " "))
        var scale = 1
        if let last = digits.last, !last.isNumber {
            switch last.uppercased() {
            case "K": scale = 1 << 10
            case "M": scale = 1 << 20
            case "G": scale = 1 << 30
            case "B": scale = 1
            default: return nil
            }
            digits = digits.dropLast()
            if scale > 1, digits.last?.uppercased() == "I" { return nil }
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), n >= 0 else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        bytes = v
    }

    /// The shortest exact spelling, as `--help` shows defaults.
    var defaultValueDescription: String {
        for (unit, scale) in [("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)] where bytes >= scale && bytes % scale == 0 {
            return "\(bytes / scale)\(unit)"
        }
        return "\(bytes)"
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
