/// A structured header value with parameters: Content-Type, Content-Disposition (RFC 2045 §5.1,
/// RFC 2183), with RFC 2231 continuations, charsets and languages, and RFC 2047 words in
/// quoted values as some clients write them.
public struct HeaderParameters: Sendable, Hashable {
    /// The value before the first `;`, lowercased and trimmed (e.g. `text/html`, `attachment`).
    public var value: String
    /// Parameters by lowercased name, values decoded. Duplicate names: the first wins.
    public var parameters: [String: String]

    /// A value and its parameters, as the header parser found them.
    public init(value: String, parameters: [String: String]) {
        self.value = value
        self.parameters = parameters
    }

    /// The parameter called `name`; nil when absent.
    public subscript(_ name: String) -> String? { parameters[name] }

    /// Parses an unfolded header value. Never fails; malformed parameters are skipped.
    ///
    /// An RFC 2231 form (`name*=`, `name*0=`) beats a plain `name=` wherever they appear: senders
    /// write the plain one as a fallback for old readers, and the extended one is the exact name.
    public static func parse(_ raw: ArraySlice<UInt8>) -> HeaderParameters {
        raw.withUnsafeBufferPointer { buffer in
            var scanner = ParameterScanner(buffer)
            return scanner.run()
        }
    }
}

/// One pass over the bytes, no recursion; strings are made only for the results. Every part of
/// every message goes through here, so the common case (a type and one or two plain parameters)
/// allocates little beyond the dictionary it returns.
private struct ParameterScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0

    /// RFC 2231 sections of one parameter, as written.
    struct Section {
        var number: Int
        var encoded: Bool
        var bytes: [UInt8]
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func run() -> HeaderParameters {
        let value = readValue()
        var parameters: [String: String] = [:]
        // Built only when a `*` name shows up; most headers never need it.
        var extended: [(name: String, sections: [Section])] = []

        while pos < bytes.count {
            skipSeparators()
            guard pos < bytes.count else { break }
            let nameStart = pos
            while pos < bytes.count, !ParameterScanner.endsName(bytes[pos]) { pos += 1 }
            let nameEnd = pos
            skipCFWS()
            guard pos < bytes.count else { break }
            if bytes[pos] != UInt8(ascii: "=") {
                if nameEnd == nameStart {
                    // A stray quoted string or similar where a name should be: skip it whole.
                    if bytes[pos] == UInt8(ascii: "\"") { _ = readQuoted() } else { pos += 1 }
                }
                continue  // a word without `=`: garbage, the next word may be a parameter
            }
            pos += 1
            skipCFWS()
            let (raw, quoted) = readParameterValue()
            guard nameEnd > nameStart else { continue }  // `=value` with no name

            let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd])
            if let star = name.firstIndex(of: UInt8(ascii: "*")) {
                guard star > 0, let (number, encoded) = ParameterScanner.sectionSuffix(name[(star + 1)...])
                else { continue }
                let base = ParameterScanner.lowercased(UnsafeBufferPointer(rebasing: name[..<star]))
                let section = Section(number: number, encoded: encoded, bytes: raw)
                if let k = extended.firstIndex(where: { $0.name == base }) {
                    extended[k].sections.append(section)
                } else {
                    extended.append((base, [section]))
                }
            } else {
                guard quoted || !raw.isEmpty else { continue }  // `name=` with nothing after it
                let key = ParameterScanner.lowercased(name)
                if parameters[key] == nil {
                    parameters[key] = key == "boundary" ? String(decoding: raw, as: UTF8.self) : ParameterScanner.text(raw)
                }
            }
        }
        for (name, sections) in extended {
            parameters[name] = ParameterScanner.joined(sections)
        }
        return HeaderParameters(value: value, parameters: parameters)
    }

    // MARK: - The value

    /// `type/subtype`, lowercased, with comments and white space around either part dropped. A
    /// value without a type (`/plain`, `;charset=…`) is empty; one without a subtype is the type.
    private mutating func readValue() -> String {
        skipCFWS()
        let typeStart = pos
        while pos < bytes.count, !ParameterScanner.endsType(bytes[pos]), bytes[pos] != UInt8(ascii: "/") { pos += 1 }
        let typeEnd = pos
        skipCFWS()
        var subtype = 0..<0
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "/") {
            pos += 1
            skipCFWS()
            let start = pos
            while pos < bytes.count, !ParameterScanner.endsType(bytes[pos]) { pos += 1 }
            subtype = start..<pos
            skipCFWS()
        }
        // Anything else before the `;` (stray words) is skipped by the parameter loop, which
        // also picks up parameters whose `;` the sender forgot.
        guard typeEnd > typeStart else { return "" }
        var out = [UInt8]()
        out.reserveCapacity(typeEnd - typeStart + subtype.count + 1)
        for k in typeStart..<typeEnd { out.append(ParameterScanner.lower(bytes[k])) }
        if !subtype.isEmpty {
            out.append(UInt8(ascii: "/"))
            for k in subtype { out.append(ParameterScanner.lower(bytes[k])) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Parameter values

    /// A quoted string (escapes removed, white space kept exactly), or a token. A token runs to
    /// white space or `;`, then on across further words that cannot start a parameter: senders
    /// write `name=My File.pdf` unquoted and `name==?utf-8?q?a?= =?utf-8?q?b?=`, while
    /// `a=x b=y` (a forgotten `;`) still makes two parameters.
    private mutating func readParameterValue() -> (bytes: [UInt8], quoted: Bool) {
        guard pos < bytes.count else { return ([], false) }
        if bytes[pos] == UInt8(ascii: "\"") { return (readQuoted(), true) }
        let start = pos
        var end = pos
        while pos < bytes.count {
            while pos < bytes.count, bytes[pos] != UInt8(ascii: ";"), !ParameterScanner.isSpace(bytes[pos]) { pos += 1 }
            end = pos
            var next = pos
            while next < bytes.count, ParameterScanner.isSpace(bytes[next]) { next += 1 }
            guard next > pos, next < bytes.count, continuesToken(at: next) else { break }
            pos = next
        }
        return (Array(bytes[start..<end]), false)
    }

    /// Whether the word at `at` continues an unquoted value rather than starting a parameter or
    /// a comment.
    private func continuesToken(at start: Int) -> Bool {
        let first = bytes[start]
        if first == UInt8(ascii: ";") || first == UInt8(ascii: "(") || first == UInt8(ascii: "\"") { return false }
        if first == UInt8(ascii: "="), start + 1 < bytes.count, bytes[start + 1] == UInt8(ascii: "?") { return true }
        var k = start
        while k < bytes.count, bytes[k] != UInt8(ascii: ";"), !ParameterScanner.isSpace(bytes[k]) {
            if bytes[k] == UInt8(ascii: "=") { return false }
            k += 1
        }
        return true
    }

    /// The content of a quoted string starting at `pos`, backslash escapes removed; an unclosed
    /// quote runs to the end of the value.
    private mutating func readQuoted() -> [UInt8] {
        pos += 1
        var out: [UInt8] = []
        var runStart = pos
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[runStart..<pos])
                pos += 1
                return out
            }
            if b == UInt8(ascii: "\\"), pos + 1 < bytes.count {
                out.append(contentsOf: bytes[runStart..<pos])
                runStart = pos + 1
                pos += 2
                continue
            }
            pos += 1
        }
        out.append(contentsOf: bytes[runStart..<pos])
        return out
    }

    // MARK: - Skipping

    private mutating func skipSeparators() {
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: ";") || ParameterScanner.isSpace(b) {
                pos += 1
            } else if b == UInt8(ascii: "(") {
                skipComment()
            } else {
                return
            }
        }
    }

    private mutating func skipCFWS() {
        while pos < bytes.count {
            if ParameterScanner.isSpace(bytes[pos]) {
                pos += 1
            } else if bytes[pos] == UInt8(ascii: "(") {
                skipComment()
            } else {
                return
            }
        }
    }

    /// Nested comments by counting; an unclosed one runs to the end.
    private mutating func skipComment() {
        pos = CommentScanner.closing(bytes, from: pos).map { $0 + 1 } ?? bytes.count
    }

    // MARK: - Bytes

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// The type and subtype are tokens, but `=` and `/` in them are kept, as in `text/plain/format`.
    @inline(__always)
    static func endsType(_ b: UInt8) -> Bool { isSpace(b) || b == UInt8(ascii: ";") || b == UInt8(ascii: "(") }

    @inline(__always)
    static func endsName(_ b: UInt8) -> Bool {
        isSpace(b) || b == UInt8(ascii: "=") || b == UInt8(ascii: ";") || b == UInt8(ascii: "(")
            || b == UInt8(ascii: "\"")
    }

    static func lowercased(_ name: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: name.count) { out in
            for k in 0..<name.count { out[k] = lower(name[k]) }
            return name.count
        }
    }

    /// What follows the first `*` of an RFC 2231 name: `` (a single extended value), `N` or
    /// `N*`. nil for anything else (`3**`, `x*`), which is garbage.
    static func sectionSuffix(_ suffix: UnsafeBufferPointer<UInt8>.SubSequence) -> (Int, Bool)? {
        if suffix.isEmpty { return (0, true) }
        var digits = suffix
        var encoded = false
        if digits.last == UInt8(ascii: "*") {
            encoded = true
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var number = 0
        for d in digits {
            guard d >= 0x30, d <= 0x39 else { return nil }
            number = number * 10 + Int(d - 0x30)
        }
        return (number, encoded)
    }

    /// A plain value: RFC 2047 words decoded (Outlook quotes them into filenames), raw 8-bit
    /// read as UTF-8 when valid, else windows-1252.
    static func text(_ raw: [UInt8]) -> String {
        var ascii = true
        var hasWord = false
        var previous: UInt8 = 0
        for b in raw {
            if b >= 0x80 { ascii = false }
            if previous == UInt8(ascii: "="), b == UInt8(ascii: "?") { hasWord = true }
            previous = b
        }
        if hasWord { return EncodedWordDecoder.decode(raw[...]).text }
        if ascii { return String(decoding: raw, as: UTF8.self) }
        return CharsetDecoder.decode(raw[...], label: nil).text
    }

    /// RFC 2231 §3–4: sections in numeric order (as sent or not; missing ones skipped; a repeated
    /// number keeps the first), `%XX` decoded in `*` sections, then the whole decoded in the
    /// charset of the first section's `charset'language'` prefix.
    static func joined(_ unsorted: [Section]) -> String {
        var sections = unsorted
        if sections.count > 1 {
            // Stable, so the first of a repeated number comes first.
            sections = sections.enumerated().sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }
                .map(\.element)
        }
        var charset: [UInt8] = []
        var bytes: [UInt8] = []
        var anyEncoded = false
        var previousNumber = -1
        for (k, section) in sections.enumerated() {
            guard section.number != previousNumber else { continue }
            previousNumber = section.number
            guard section.encoded else {
                bytes.append(contentsOf: section.bytes)
                continue
            }
            anyEncoded = true
            var data = section.bytes[...]
            if k == 0, let (label, rest) = charsetPrefix(data) {
                charset = label
                data = rest
            } else if !charset.isEmpty, let rest = repeatedCharsetPrefix(data, charset: charset) {
                // Some senders repeat `charset'` on every section; it is not part of the value.
                data = rest
            }
            bytes.append(contentsOf: PercentDecoding.decode(data))
        }
        if !charset.isEmpty {
            return CharsetDecoder.decode(bytes[...], label: String(decoding: charset, as: UTF8.self)).text
        }
        return anyEncoded ? CharsetDecoder.decode(bytes[...], label: nil).text : text(bytes)
    }

    /// `charset'language'rest` → (charset, rest) when both apostrophes are there and the first
    /// two fields look like a charset and a language tag, so an apostrophe in the text itself
    /// (`isn't`) is not mistaken for one.
    static func charsetPrefix(_ data: ArraySlice<UInt8>) -> ([UInt8], ArraySlice<UInt8>)? {
        guard let first = data.firstIndex(of: UInt8(ascii: "'")),
            let second = data[(first + 1)...].firstIndex(of: UInt8(ascii: "'")),
            data[data.startIndex..<first].allSatisfy(isLabelByte),
            data[(first + 1)..<second].allSatisfy(isLabelByte)
        else { return nil }
        return (Array(data[data.startIndex..<first]), data[(second + 1)...])
    }

    /// `charset'` (optionally `language'` after it) at the start of a later section, when the
    /// charset is the one the first section declared.
    static func repeatedCharsetPrefix(_ data: ArraySlice<UInt8>, charset: [UInt8]) -> ArraySlice<UInt8>? {
        guard data.count > charset.count, data[data.startIndex + charset.count] == UInt8(ascii: "'") else {
            return nil
        }
        for (k, c) in charset.enumerated() where lower(data[data.startIndex + k]) != lower(c) { return nil }
        var rest = data[(data.startIndex + charset.count + 1)...]
        if let quote = rest.firstIndex(of: UInt8(ascii: "'")), quote - rest.startIndex <= 8,
            rest[rest.startIndex..<quote].allSatisfy(isLabelByte)
        {
            rest = rest[(quote + 1)...]
        }
        return rest
    }

    static func isLabelByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (lower(b) >= 0x61 && lower(b) <= 0x7A) || b == UInt8(ascii: "-")
            || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")
    }
}
