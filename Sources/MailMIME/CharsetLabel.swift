/// What a charset label in a message means, resolved the way browsers and modern mail readers
/// do (WHATWG Encoding Standard, https://encoding.spec.whatwg.org/#names-and-labels), because
/// mail declares `iso-8859-1`/`us-ascii` for windows-1252 text and `gb2312`/`euc-kr`/`shift_jis`
/// for their Microsoft supersets far more often than for the strict standards.
enum CharsetLabel: Equatable, Sendable {
    case utf8
    /// Decoded in Swift from a table; also covers the latin1 and us-ascii labels.
    case windows1252
    case utf16LE
    case utf16BE
    /// WHATWG x-user-defined: bytes 0x80–0xFF go to the private-use range U+F780–U+F7FF.
    case userDefined
    /// Through `JapaneseDecoder`, since glibc's converters of the same name lack the Windows
    /// extensions.
    case eucJP
    case iso2022JP
    /// Anything glibc iconv decodes, by its iconv name.
    case iconv(String)

    /// The label as it appears in warnings and as the key in the alias table: trimmed, unquoted,
    /// lowercased.
    static func normalize(_ label: String) -> String {
        var bytes = Substring(label).utf8[...]
        func isTrimmed(_ b: UInt8) -> Bool {
            b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == UInt8(ascii: "\"")
                || b == UInt8(ascii: "'")
        }
        while let first = bytes.first, isTrimmed(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, isTrimmed(last) { bytes = bytes.dropLast() }
        return String(Substring(bytes)).lowercased()
    }

    /// Resolves a normalized label. Labels outside the WHATWG table go to iconv as written (so
    /// `cp850`, `utf-7` or `iso-2022-kr` still work) when they look like a charset name; nil when
    /// they cannot possibly be one.
    static func resolve(normalized label: String) -> CharsetLabel? {
        if let known = table[label] { return known }
        guard !label.isEmpty, label.utf8.count <= 40,
            label.utf8.allSatisfy({ b in
                (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                    || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
                    || b == UInt8(ascii: ":")
            })
        else { return nil }
        return .iconv(label.uppercased())
    }

    /// WHATWG label → decoder. iconv names were chosen by decoding the WHATWG index vectors
    /// (encoding_rs test data) with each glibc candidate and keeping the closest.
    static let table: [String: CharsetLabel] = {
        var t: [String: CharsetLabel] = [:]
        func add(_ labels: [String], _ charset: CharsetLabel) {
            for label in labels { t[label] = charset }
        }
        add(["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"], .utf8)
        add(["866", "cp866", "csibm866", "ibm866"], .iconv("IBM866"))
        add(["csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "iso_8859-2:1987",
             "l2", "latin2"], .iconv("ISO-8859-2"))
        add(["csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3", "iso_8859-3:1988",
             "l3", "latin3"], .iconv("ISO-8859-3"))
        add(["csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4", "iso_8859-4:1988",
             "l4", "latin4"], .iconv("ISO-8859-4"))
        add(["csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595", "iso_8859-5",
             "iso_8859-5:1988"], .iconv("ISO-8859-5"))
        add(["arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114", "iso-8859-6",
             "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6",
             "iso_8859-6:1987"], .iconv("ISO-8859-6"))
        add(["csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126", "iso8859-7",
             "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"], .iconv("ISO-8859-7"))
        // ISO-8859-8-I differs from ISO-8859-8 only in bidi rendering, not in bytes → characters.
        add(["csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138", "iso8859-8",
             "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual", "csiso88598i", "iso-8859-8-i", "logical"],
            .iconv("ISO-8859-8"))
        add(["csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"],
            .iconv("ISO-8859-10"))
        add(["iso-8859-13", "iso8859-13", "iso885913"], .iconv("ISO-8859-13"))
        add(["iso-8859-14", "iso8859-14", "iso885914"], .iconv("ISO-8859-14"))
        add(["csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"], .iconv("ISO-8859-15"))
        add(["iso-8859-16"], .iconv("ISO-8859-16"))
        add(["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"], .iconv("KOI8-R"))
        add(["koi8-ru", "koi8-u"], .iconv("KOI8-U"))
        add(["csmacintosh", "mac", "macintosh", "x-mac-roman"], .iconv("MACINTOSH"))
        add(["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"], .iconv("WINDOWS-874"))
        add(["cp1250", "windows-1250", "x-cp1250"], .iconv("WINDOWS-1250"))
        add(["cp1251", "windows-1251", "x-cp1251"], .iconv("WINDOWS-1251"))
        add(["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
             "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252",
             "x-cp1252"], .windows1252)
        add(["cp1253", "windows-1253", "x-cp1253"], .iconv("WINDOWS-1253"))
        add(["cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9",
             "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"], .iconv("WINDOWS-1254"))
        add(["cp1255", "windows-1255", "x-cp1255"], .iconv("WINDOWS-1255"))
        add(["cp1256", "windows-1256", "x-cp1256"], .iconv("WINDOWS-1256"))
        add(["cp1257", "windows-1257", "x-cp1257"], .iconv("WINDOWS-1257"))
        add(["cp1258", "windows-1258", "x-cp1258"], .iconv("WINDOWS-1258"))
        add(["x-mac-cyrillic", "x-mac-ukrainian"], .iconv("MAC-CYRILLIC"))
        // WHATWG decodes GBK with its gb18030 decoder; glibc GB18030 is the superset too.
        add(["chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58",
             "x-gbk", "gb18030"], .iconv("GB18030"))
        add(["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"], .iconv("BIG5-HKSCS"))
        add(["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"], .eucJP)
        add(["csiso2022jp", "iso-2022-jp"], .iso2022JP)
        // glibc's SHIFT_JIS is plain JIS X 0208; CP932 matches WHATWG Shift_JIS on every pair.
        add(["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"],
            .iconv("CP932"))
        // Unified Hangul Code: the superset WHATWG (and every Windows client) means by euc-kr.
        add(["cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989",
             "ksc5601", "ksc_5601", "windows-949"], .iconv("CP949"))
        // WHATWG maps these to "replacement" to stop script smuggling in browsers; a mail reader
        // wants the text, and glibc decodes all but HZ.
        add(["csiso2022kr", "iso-2022-kr"], .iconv("ISO-2022-KR"))
        add(["iso-2022-cn"], .iconv("ISO-2022-CN"))
        add(["iso-2022-cn-ext"], .iconv("ISO-2022-CN-EXT"))
        add(["unicodefffe", "utf-16be"], .utf16BE)
        add(["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"], .utf16LE)
        add(["x-user-defined"], .userDefined)

        // Not WHATWG labels, but common in mail and unknown to glibc under these spellings (or
        // known there only as the strict standard rather than the superset senders mean).
        add(["ks_c_5601", "ks_c_5601-1992", "cp949", "ms949", "x-windows-949", "uhc"], .iconv("CP949"))
        add(["euc-cn", "cp936", "ms936", "windows-936", "x-euc-cn"], .iconv("GB18030"))
        add(["cp932", "ms-932", "x-ms-cp932"], .iconv("CP932"))
        add(["cp950", "big5hkscs", "x-big5"], .iconv("BIG5-HKSCS"))
        add(["latin-1", "iso8859_1", "8859-1"], .windows1252)
        add(["x-mac-ce", "x-mac-centraleurope"], .iconv("MAC-CENTRALEUROPE"))
        return t
    }()
}
