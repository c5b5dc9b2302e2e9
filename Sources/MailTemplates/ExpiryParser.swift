import Foundation

/// Finds the sentence that states how long a link stays valid, in the catalogue's phrasings
/// ("This link will expire within 1 day.", "Tautan ini akan kedaluwarsa dalam 1 hari.",
/// "berlaku 1x24 jam"), and turns it into seconds.
struct ExpiryParser: @unchecked Sendable {
    // Regex is immutable once built; the parser is only read after construction.
    private var patterns: [Regex<AnyRegexOutput>] = []
    private var units: [String: Int] = [:]
    private var numbers: [String: Int] = [:]
    /// Lines without a unit word cannot state a validity; the regular expressions (slow) only
    /// run on the lines that have one.
    private var unitWords = ByteSearch(needles: [])

    struct Found: Sendable, Hashable {
        var phrase: String
        var seconds: Int
    }

    init(patterns: [String], units: [String: Int], numbers: [String: Int], path: String) throws(CatalogueError) {
        try add(patterns: patterns, units: units, numbers: numbers, path: path)
    }

    mutating func add(patterns: [String], units: [String: Int], numbers: [String: Int], path: String) throws(CatalogueError) {
        for p in patterns {
            do { self.patterns.append(try Regex(p)) } catch {
                throw .badPattern(path: path, pattern: p, reason: "\(error)")
            }
        }
        for (k, v) in units { self.units[Self.normalise(k)] = v }
        for (k, v) in numbers { self.numbers[k.lowercased()] = v }
        unitWords = ByteSearch(needles: self.units.keys.compactMap { $0.split(separator: " ").last.map(String.init) })
    }

    /// The first stated validity in `text`, with the sentence it stands in.
    func find(in text: String) -> Found? {
        for line in text.utf8.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            let hit = line.withContiguousStorageIfAvailable { unitWords.matches($0) } ?? unitWords.matches(String(decoding: line, as: UTF8.self))
            guard hit, let found = find(inLine: String(decoding: line, as: UTF8.self)) else { continue }
            return found
        }
        return nil
    }

    private func find(inLine text: String) -> Found? {
        for regex in patterns {
            for match in text.matches(of: regex) {
                guard let nSub = match.output["n"]?.substring, let uSub = match.output["unit"]?.substring else { continue }
                let nText = nSub.lowercased()
                guard let n = Int(nText) ?? numbers[nText], n >= 0, n < 100_000,
                      let unit = units[Self.normalise(String(uSub))] else { continue }
                return Found(phrase: Self.sentence(around: match.range, in: text), seconds: n * unit)
            }
        }
        return nil
    }

    static func normalise(_ s: String) -> String {
        // Byte by byte over UTF-8: splitting Characters would run grapheme breaking over every
        // candidate message's whole text. Whitespace is Unicode's White_Space set.
        var lower = s.lowercased()
        return lower.withUTF8 { b in
            var out = [UInt8]()
            out.reserveCapacity(b.count)
            var pendingSpace = false
            var i = 0
            while i < b.count {
                let w = whitespaceLength(b, at: i)
                if w > 0 {
                    pendingSpace = !out.isEmpty
                    i += w
                    continue
                }
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b[i])
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The UTF-8 length of the White_Space character at `i`, or 0.
    @inline(__always)
    static func whitespaceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
        let n = b.count - i
        switch c {
        case 0xC2: return n >= 2 && (b[i + 1] == 0x85 || b[i + 1] == 0xA0) ? 2 : 0
        case 0xE1: return n >= 3 && b[i + 1] == 0x9A && b[i + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard n >= 3 else { return 0 }
            if b[i + 1] == 0x80 {
                let d = b[i + 2]
                return (d >= 0x80 && d <= 0x8A) || d == 0xA8 || d == 0xA9 || d == 0xAF ? 3 : 0
            }
            return b[i + 1] == 0x81 && b[i + 2] == 0x9F ? 3 : 0
        case 0xE3: return n >= 3 && b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0
        default: return 0
        }
    }

    /// From the previous sentence end (or line start) to the next one, the full stop included.
    static func sentence(around range: Range<String.Index>, in text: String) -> String {
        var start = range.lowerBound
        while start > text.startIndex {
            let p = text.index(before: start)
            let c = text[p]
            if c.isNewline || c == "!" || c == "?" || (c == "." && p < text.index(before: range.lowerBound) && text[text.index(after: p)] == " ") { break }
            start = p
        }
        var end = range.upperBound
        while end < text.endIndex {
            let c = text[end]
            if c.isNewline { break }
            if c == "." || c == "!" || c == "?" {
                let next = text.index(after: end)
                if next == text.endIndex || text[next] == " " || text[next].isNewline { end = next; break }
            }
            end = text.index(after: end)
        }
        return text[start..<end].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
