#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes in a declared charset → String, through glibc iconv, with WHATWG label aliases.
public enum CharsetDecoder {
    /// Decodes `bytes` declared as `label` (nil = us-ascii/utf-8 guess). Never fails: an unknown label
    /// or bytes invalid for it fall back to UTF-8 when valid, else windows-1252, with a warning.
    ///
    /// Policy, in order:
    /// - A byte-order mark wins over the label (as in WHATWG decode): senders relabel parts, but
    ///   nobody writes a BOM by accident.
    /// - Declared UTF-8 (or UTF-16) with invalid sequences keeps the valid text and puts U+FFFD in
    ///   place of each bad sequence, with a `bad-charset-bytes` warning.
    /// - Any other declared charset puts U+FFFD in place of each sequence it rejects and goes on
    ///   (the WHATWG Encoding Standard's decode), with a `bad-charset-bytes` warning; the rest of
    ///   the text, and every ASCII link, stays readable. When such bytes are valid UTF-8 the label
    ///   is evidently wrong, and they are read as UTF-8.
    public static func decode(_ bytes: ArraySlice<UInt8>, label: String?) -> (text: String, warning: MailWarning?) {
        bytes.withUnsafeBufferPointer { buffer in
            decode(buffer, label: label)
        }
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, label: String?) -> (text: String, warning: MailWarning?) {
        if let sniffed = decodeByteOrderMark(bytes) { return sniffed }
        let name = label.map(CharsetLabel.normalize) ?? ""
        if name.isEmpty { return (guess(bytes), nil) }
        guard let charset = CharsetLabel.resolve(normalized: name) else { return unknown(bytes, name) }

        switch charset {
        case .utf8:
            return decodeUTF8(bytes, name: name)
        case .windows1252:
            return (Windows1252.decode(bytes), nil)
        case .userDefined:
            return (decodeUserDefined(bytes), nil)
        case .utf16LE:
            return decodeUTF16(bytes, bigEndian: false, name: name)
        case .utf16BE:
            return decodeUTF16(bytes, bigEndian: true, name: name)
        case .iconv, .eucJP, .iso2022JP:
            // Every charset in the alias table is ASCII-compatible, bar the ISO-2022 shifts, so
            // pure ASCII needs no conversion; a label only iconv knows (EBCDIC, UTF-7) might not be.
            if CharsetLabel.table[name] != nil, isPlainASCII(bytes) {
                return (String(decoding: bytes, as: UTF8.self), nil)
            }
            let convert: (UnsafeBufferPointer<UInt8>) -> IconvDecoder.Outcome?
            switch charset {
            case .eucJP: convert = JapaneseDecoder.decodeEUCJP
            case .iso2022JP: convert = JapaneseDecoder.decodeISO2022JP
            case .iconv(let iconvName):
                guard let decoder = IconvDecoder(from: iconvName) else { return unknown(bytes, name) }
                convert = { decoder.convert($0) }
            default: return unknown(bytes, name)
            }
            var lead: (UInt8) -> Bool = { _ in false }
            if case .iconv(let iconvName) = charset {
                switch iconvName {
                case "BIG5-HKSCS", "CP949", "GB18030": lead = { $0 >= 0x81 && $0 <= 0xFE }
                case "CP932": lead = { ($0 >= 0x81 && $0 <= 0x9F) || ($0 >= 0xE0 && $0 <= 0xFC) }
                default: break
                }
            }
            return replacing(bytes, name, convert, isLead: lead)
        }
    }

    /// WHATWG's decode with replacement: each sequence the charset rejects becomes U+FFFD and
    /// decoding goes on after its first byte; input that ends inside a character ends in U+FFFD.
    /// One exception keeps mislabelled mail readable: when the label fails but the bytes are
    /// valid UTF-8, they are read as UTF-8.
    private static func replacing(
        _ bytes: UnsafeBufferPointer<UInt8>, _ name: String,
        _ convert: (UnsafeBufferPointer<UInt8>) -> IconvDecoder.Outcome?,
        isLead: (UInt8) -> Bool = { _ in false }
    ) -> (text: String, warning: MailWarning?) {
        var out: [UInt8] = []
        var errors = 0
        var start = 0
        loop: while start < bytes.count {
            switch convert(UnsafeBufferPointer(rebasing: bytes[start...])) {
            case nil:
                return unknown(bytes, name)
            case .converted(let utf8):
                out += utf8
                break loop
            case .replaced(let utf8, let e):
                out += utf8
                errors += e
                break loop
            case .invalid(let prefix, let offset):
                out += prefix
                out += [0xEF, 0xBF, 0xBD]
                errors += 1
                // A double-byte charset's lead with a non-ASCII trail is one bad character; an
                // ASCII trail is read again on its own (WHATWG, e.g. Big5 decoder step 3.4).
                let bad = start + offset
                guard bad < bytes.count else { break loop }
                start = bad + (isLead(bytes[bad]) && bad + 1 < bytes.count && bytes[bad + 1] >= 0x80 ? 2 : 1)
            case .truncated(let prefix, _):
                out += prefix
                out += [0xEF, 0xBF, 0xBD]
                errors += 1
                break loop
            }
        }
        if errors == 0 { return (String(decoding: out, as: UTF8.self), nil) }
        // One bad character is damage; several that all read as UTF-8 are a wrong label.
        if errors > 1, bytes.contains(where: { $0 >= 0x80 }), let text = validUTF8(bytes) {
            return (text, MailWarning("bad-charset-bytes", "bytes invalid for charset '\(name)' are valid UTF-8; read as UTF-8"))
        }
        return (String(decoding: out, as: UTF8.self),
                MailWarning("bad-charset-bytes", "\(errors) byte sequence(s) invalid for charset '\(name)' were replaced with U+FFFD"))
    }

    /// UTF-8 when the bytes are valid UTF-8 (which includes plain ASCII), else windows-1252: the
    /// reading that is right for nearly all unlabelled or mislabelled mail.
    static func guess(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        validUTF8(bytes) ?? Windows1252.decode(bytes)
    }

    private static func unknown(_ bytes: UnsafeBufferPointer<UInt8>, _ name: String) -> (String, MailWarning?) {
        if let text = validUTF8(bytes) {
            return (text, MailWarning("unknown-charset", "unknown charset '\(name)'; read as UTF-8"))
        }
        return (Windows1252.decode(bytes), MailWarning("unknown-charset", "unknown charset '\(name)'; read as windows-1252"))
    }

    private static func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>, name: String) -> (String, MailWarning?) {
        if let text = validUTF8(bytes) { return (text, nil) }
        // String's repair replaces each maximal invalid subsequence with one U+FFFD, as WHATWG does.
        return (
            String(decoding: bytes, as: UTF8.self),
            MailWarning("bad-charset-bytes", "bytes invalid for charset '\(name)' were replaced with U+FFFD")
        )
    }

    private static func decodeByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, MailWarning?)? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return decodeUTF8(UnsafeBufferPointer(rebasing: bytes[3...]), name: "utf-8")
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return decodeUTF16(UnsafeBufferPointer(rebasing: bytes[2...]), bigEndian: true, name: "utf-16be")
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return decodeUTF16(UnsafeBufferPointer(rebasing: bytes[2...]), bigEndian: false, name: "utf-16le")
        }
        return nil
    }

    /// In Swift rather than iconv so that a lone surrogate or an odd final byte costs one U+FFFD,
    /// not the whole part.
    private static func decodeUTF16(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool, name: String) -> (String, MailWarning?) {
        let unitCount = bytes.count / 2
        let units = [UInt16](unsafeUninitializedCapacity: unitCount) { out, written in
            for k in 0..<unitCount {
                let a = UInt16(bytes[2 * k]), b = UInt16(bytes[2 * k + 1])
                out[k] = bigEndian ? a << 8 | b : b << 8 | a
            }
            written = unitCount
        }
        var text = String(decoding: units, as: UTF16.self)
        let oddByte = bytes.count % 2 == 1
        if oddByte { text.append("\u{FFFD}") }
        if oddByte || !units.withUnsafeBufferPointer(isValidUTF16) {
            return (text, MailWarning("bad-charset-bytes", "bytes invalid for charset '\(name)' were replaced with U+FFFD"))
        }
        return (text, nil)
    }

    /// The string when `bytes` are valid UTF-8, else nil. `String(validating:)` would do, but
    /// needs macOS 15; decoding with repair and checking that nothing was repaired is portable
    /// and costs one extra memcmp.
    static func validUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.count == bytes.count else { return nil }
        if bytes.isEmpty { return text }
        let same = text.withUTF8 { utf8 in memcmp(utf8.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
        return same ? text : nil
    }

    private static func isValidUTF16(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
        var i = 0
        while i < units.count {
            let unit = units[i]
            if unit & 0xFC00 == 0xD800 {
                guard i + 1 < units.count, units[i + 1] & 0xFC00 == 0xDC00 else { return false }
                i += 2
            } else if unit & 0xFC00 == 0xDC00 {
                return false
            } else {
                i += 1
            }
        }
        return true
    }

    private static func decodeUserDefined(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            scalars.append(Unicode.Scalar(b < 0x80 ? UInt32(b) : 0xF780 + UInt32(b - 0x80))!)
        }
        return String(scalars)
    }

    /// No byte above 0x7F and none of the ISO-2022 shift bytes (ESC, SO, SI).
    private static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where b >= 0x80 || b == 0x1B || b == 0x0E || b == 0x0F { return false }
        return true
    }
}
