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
    /// - Any other declared charset whose bytes iconv rejects is read as windows-1252 as a whole,
    ///   with a `bad-charset-bytes` warning: the label is evidently wrong, and windows-1252 keeps
    ///   every ASCII byte (so every link) intact. Input that merely ends inside a multi-byte
    ///   sequence keeps what converted and reads only the cut-off tail as windows-1252.
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
            let outcome: IconvDecoder.Outcome?
            switch charset {
            case .eucJP: outcome = JapaneseDecoder.decodeEUCJP(bytes)
            case .iso2022JP: outcome = JapaneseDecoder.decodeISO2022JP(bytes)
            case .iconv(let iconvName): outcome = IconvDecoder.convert(bytes, from: iconvName)
            default: outcome = nil
            }
            return converted(outcome, bytes, name)
        }
    }

    private static func converted(
        _ outcome: IconvDecoder.Outcome?, _ bytes: UnsafeBufferPointer<UInt8>, _ name: String
    ) -> (text: String, warning: MailWarning?) {
        switch outcome {
        case nil:
            return unknown(bytes, name)
        case .converted(let utf8):
            return (String(decoding: utf8, as: UTF8.self), nil)
        case .invalid:
            return (
                Windows1252.decode(bytes),
                MailWarning("bad-charset-bytes", "bytes invalid for charset '\(name)'; read as windows-1252")
            )
        case .truncated(let prefix, let offset):
            let tail = UnsafeBufferPointer(rebasing: bytes[offset...])
            return (
                String(decoding: prefix, as: UTF8.self) + Windows1252.decode(tail),
                MailWarning(
                    "bad-charset-bytes",
                    "text in charset '\(name)' ends inside a character; the last bytes were read as windows-1252")
            )
        }
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
