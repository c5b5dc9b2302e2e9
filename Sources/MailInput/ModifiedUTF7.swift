/// IMAP's modified UTF-7 (RFC 3501 §5.1.3), which Courier and Dovecot use for non-ASCII Maildir++
/// folder names: `.Entw&APw-rfe` is the folder "Entwürfe". Labels should read as the user named
/// the folder.
enum ModifiedUTF7 {
    /// Nil when `name` is not valid modified UTF-7; the caller then keeps the name as it is.
    static func decode(_ name: String) -> String? {
        guard name.contains("&") else { return name }
        var result = ""
        var chars = Substring(name)
        while let amp = chars.firstIndex(of: "&") {
            result += chars[..<amp]
            chars = chars[chars.index(after: amp)...]
            guard let dash = chars.firstIndex(of: "-") else { return nil }
            let encoded = chars[..<dash]
            chars = chars[chars.index(after: dash)...]
            if encoded.isEmpty {
                result += "&"
                continue
            }
            guard let units = utf16Units(fromBase64: encoded) else { return nil }
            guard let text = String(validating: units, as: UTF16.self) else { return nil }
            result += text
        }
        result += chars
        return result
    }

    /// Modified base64: `,` instead of `/`, no padding.
    private static func utf16Units(fromBase64 text: Substring) -> [UInt16]? {
        var bits: UInt32 = 0
        var bitCount = 0
        var bytes: [UInt8] = []
        for c in text.utf8 {
            let value: UInt8
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = c - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = c - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = c - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: ","): value = 63
            default: return nil
            }
            bits = (bits << 6) | UInt32(value)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(bitCount)))
            }
        }
        guard bytes.count % 2 == 0, !bytes.isEmpty else { return nil }
        return stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
    }
}
