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
        s.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
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
