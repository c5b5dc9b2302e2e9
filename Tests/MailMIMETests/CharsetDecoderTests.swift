import Foundation
import Testing

@testable import MailMIME

struct CharsetDecoderTests {
    // MARK: - encoding_rs vectors (WHATWG indexes)

    /// One legacy encoding's decode vectors: `<file>_in.txt` holds every byte sequence of the
    /// encoding (one per line, invalid ones included) and `<file>_in_ref.txt` the WHATWG result
    /// (U+FFFD for invalid). Lines are decoded one by one, since a whole file full of deliberately
    /// invalid sequences would (by design) fall back to windows-1252.
    struct Vectors: Sendable, CustomTestStringConvertible {
        var file: String
        var label: String
        /// Valid sequences where glibc gives another character than WHATWG (bytes → glibc result).
        var knownMismatches: [[UInt8]: String] = [:]
        /// Valid WHATWG sequences that glibc rejects (so the whole part falls back to windows-1252).
        var knownRejected = 0
        /// Invalid lines where our replacement differs from WHATWG's (glibc and the JIS decoders
        /// resynchronise after a bad byte a little differently).
        var knownInvalidDiffer = 0
        var testDescription: String { "\(file) as \(label)" }
    }

    static let vectors: [Vectors] = [
        // glibc follows GB18030-2022, which moved these from the private-use area to real
        // characters; the vectors are from the older WHATWG index. A3A0 is a WHATWG quirk.
        Vectors(file: "gb18030", label: "gb18030", knownMismatches: gb18030Differences),
        Vectors(file: "gb18030", label: "gbk", knownMismatches: gb18030Differences),
        Vectors(file: "gb18030", label: "gb2312", knownMismatches: gb18030Differences),
        // glibc BIG5-HKSCS maps a few punctuation marks differently and lacks 131 of the
        // HKSCS-2008 additions WHATWG has.
        Vectors(file: "big5", label: "big5", knownMismatches: big5Differences, knownRejected: 131),
        Vectors(file: "euc_kr", label: "euc-kr"),
        Vectors(file: "euc_kr", label: "ks_c_5601-1987"),
        Vectors(file: "shift_jis", label: "shift_jis"),
        Vectors(file: "shift_jis", label: "windows-31j"),
        Vectors(file: "jis0208", label: "euc-jp"),
        Vectors(file: "jis0212", label: "euc-jp"),
        Vectors(file: "iso_2022_jp", label: "iso-2022-jp"),
    ]

    static let gb18030Differences: [[UInt8]: String] = [
        [0xA3, 0xA0]: "\u{E5E5}", [0xFE, 0x51]: "\u{20087}", [0xFE, 0x52]: "\u{20089}", [0xFE, 0x53]: "\u{200CC}",
        [0xFE, 0x6C]: "\u{215D7}", [0xFE, 0x76]: "\u{2298F}", [0xFE, 0x91]: "\u{241FE}",
    ]

    static let big5Differences: [[UInt8]: String] = [
        [0xA1, 0x45]: "\u{2022}", [0xA1, 0x4E]: "\u{FF64}", [0xA1, 0xC2]: "\u{203E}", [0xA1, 0xE3]: "\u{223C}",
        [0xA1, 0xF2]: "\u{2641}", [0xA1, 0xF3]: "\u{2609}", [0xA2, 0x41]: "\u{FF0F}", [0xA2, 0x42]: "\u{FF3C}",
        [0xA2, 0x44]: "\u{A5}", [0xA2, 0x46]: "\u{A2}", [0xA2, 0x47]: "\u{A3}",
    ]

    @Test(arguments: vectors)
    func encodingRsDecodeVectors(_ vectors: Vectors) throws {
        let dir = "peers/encoding_rs/tests/test_data/"
        let input = try lines(Data(contentsOf: corpusFile(dir + vectors.file + "_in.txt")))
        let reference = try lines(Data(contentsOf: corpusFile(dir + vectors.file + "_in_ref.txt")))
        try #require(input.count == reference.count && input.count > 1000)

        var matched = 0, invalid = 0, rejected = 0, mismatched = 0, invalidDiffer = 0
        for (bytes, expectedBytes) in zip(input, reference) {
            let expected = String(decoding: expectedBytes, as: UTF8.self)
            let (text, warning) = CharsetDecoder.decode(bytes, label: vectors.label)
            if expected.contains("\u{FFFD}") {
                invalid += 1
                #expect(warning?.code == "bad-charset-bytes", "\(hex(bytes)) is invalid in \(vectors.label)")
                // WHATWG's replacement: U+FFFD for the bad sequence, the rest decoded.
                if text != expected { invalidDiffer += 1 }
            } else if let glibc = vectors.knownMismatches[Array(bytes)] {
                mismatched += 1
                #expect(text == glibc && warning == nil, "\(hex(bytes))")
            } else if warning != nil && vectors.knownRejected > 0 {
                // glibc rejects a sequence WHATWG accepts: replaced, not read.
                rejected += 1
            } else {
                #expect(warning == nil, "\(hex(bytes)) should decode to \(expected)")
                #expect(text == expected, "\(hex(bytes))")
                matched += 1
            }
        }
        print("encoding_rs \(vectors.file) as \(vectors.label): \(invalid) invalid lines, \(invalidDiffer) differ from WHATWG")
        #expect(invalidDiffer <= vectors.knownInvalidDiffer, "\(vectors.file): \(invalidDiffer) invalid lines differ from WHATWG's replacement")
        #expect(mismatched == vectors.knownMismatches.count)
        #expect(rejected <= vectors.knownRejected)
        #expect(matched > 5000)
        if vectors.file != "gb18030" { #expect(invalid > 500) }
    }

    /// Whole documents (the encoder vectors: `_out_ref.txt` is `_out.txt` encoded): one large
    /// conversion, no per-line help, must give back the original text exactly.
    @Test(arguments: [("euc_kr", "euc-kr"), ("shift_jis", "shift_jis"), ("jis0208", "euc-jp"), ("gb18030", "gb18030")])
    func encodingRsWholeDocuments(file: String, label: String) throws {
        let dir = "peers/encoding_rs/tests/test_data/"
        let legacy = try Data(contentsOf: corpusFile(dir + file + "_out_ref.txt"))
        let expected = try String(decoding: Data(contentsOf: corpusFile(dir + file + "_out.txt")), as: UTF8.self)
        let (text, warning) = CharsetDecoder.decode(Array(legacy)[...], label: label)
        #expect(warning == nil)
        var expectedText = expected
        if file == "gb18030" {
            // The same GB18030-2022 differences as in the decode vectors (A3A0 is not in this file).
            for (bytes, glibc) in Self.gb18030Differences where bytes != [0xA3, 0xA0] {
                let old = String(decoding: CharsetDecoderTests.whatwgPUA[bytes]!, as: UTF8.self)
                expectedText = expectedText.replacingOccurrences(of: old, with: glibc)
            }
        }
        #expect(text == expectedText)
    }

    /// WHATWG's (pre-2022) private-use mappings for the bytes glibc decodes to real characters.
    static let whatwgPUA: [[UInt8]: [UInt8]] = [
        [0xFE, 0x51]: Array("\u{E816}".utf8), [0xFE, 0x52]: Array("\u{E817}".utf8), [0xFE, 0x53]: Array("\u{E818}".utf8),
        [0xFE, 0x6C]: Array("\u{E831}".utf8), [0xFE, 0x76]: Array("\u{E83B}".utf8), [0xFE, 0x91]: Array("\u{E855}".utf8),
    ]

    @Test func gb18030FourByteSequences() {
        // U+0080, U+00A5 (via the ranges), U+10000 and U+10FFFF.
        let bytes: [UInt8] = [0x81, 0x30, 0x81, 0x30, 0x81, 0x30, 0x84, 0x36, 0x90, 0x30, 0x81, 0x30, 0xE3, 0x32, 0x9A, 0x35]
        let (text, warning) = CharsetDecoder.decode(bytes[...], label: "GB18030")
        #expect(warning == nil)
        #expect(text.unicodeScalars.map(\.value) == [0x80, 0xA5, 0x10000, 0x10FFFF])
    }

    // MARK: - ISO-2022-JP details

    @Test func iso2022JPRomanAndKatakanaEscapes() {
        // ESC ( J: JIS X 0201 Roman (yen, overline); ESC ( I: half-width katakana; back to ASCII.
        let bytes: [UInt8] = [0x1B, 0x28, 0x4A, 0x5C, 0x7E, 0x41, 0x1B, 0x28, 0x49, 0x31, 0x1B, 0x28, 0x42, 0x5C]
        let (text, warning) = CharsetDecoder.decode(bytes[...], label: "iso-2022-jp")
        #expect(warning == nil)
        #expect(text == "¥‾Aｱ\\")
    }

    @Test func iso2022JPSubjectWithNECSymbols() {
        // "①日本" with ESC $ B; glibc's own ISO-2022-JP rejects ① (NEC row 13).
        let bytes: [UInt8] = [0x1B, 0x24, 0x42, 0x2D, 0x21, 0x46, 0x7C, 0x4B, 0x5C, 0x1B, 0x28, 0x42]
        let (text, warning) = CharsetDecoder.decode(bytes[...], label: "ISO-2022-JP")
        #expect(warning == nil)
        #expect(text == "①日本")
    }

    @Test func iso2022JPLineEndInTwoByteModeIsTolerated() {
        let bytes: [UInt8] = [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x0D, 0x0A, 0x41]
        let (text, warning) = CharsetDecoder.decode(bytes[...], label: "iso-2022-jp")
        #expect(warning == nil)
        #expect(text == "日\r\nA")
    }

    @Test func iso2022JPUnknownEscapeIsReplacedAndTheRestReadAgain() {
        // ESC $ ( D (JIS X 0212) is not part of WHATWG's ISO-2022-JP: U+FFFD, then the bytes after
        // ESC are read as ASCII.
        let bytes: [UInt8] = [0x41, 0x1B, 0x24, 0x28, 0x44, 0x21, 0x21]
        let (text, warning) = CharsetDecoder.decode(bytes[...], label: "iso-2022-jp")
        #expect(warning?.code == "bad-charset-bytes")
        #expect(text == "A\u{FFFD}$(D!!")
    }

    // MARK: - Labels

    @Test(arguments: [
        ("latin1", CharsetLabel.windows1252), ("iso-8859-1", .windows1252), ("ISO-8859-1", .windows1252),
        ("us-ascii", .windows1252), ("ascii", .windows1252), ("iso_8859-1:1987", .windows1252),
        ("cp1252", .windows1252), ("\"iso-8859-1\"", .windows1252), ("  Windows-1252 ", .windows1252),
        ("'latin1'", .windows1252), ("utf-8", .utf8), ("UTF8", .utf8), ("unicode-1-1-utf-8", .utf8),
        ("gb2312", .iconv("GB18030")), ("gbk", .iconv("GB18030")), ("x-gbk", .iconv("GB18030")),
        ("chinese", .iconv("GB18030")), ("csgb2312", .iconv("GB18030")), ("gb18030", .iconv("GB18030")),
        ("ks_c_5601-1987", .iconv("CP949")), ("euc-kr", .iconv("CP949")), ("windows-949", .iconv("CP949")),
        ("shift_jis", .iconv("CP932")), ("sjis", .iconv("CP932")), ("x-sjis", .iconv("CP932")),
        ("ms_kanji", .iconv("CP932")), ("windows-31j", .iconv("CP932")), ("big5", .iconv("BIG5-HKSCS")),
        ("big5-hkscs", .iconv("BIG5-HKSCS")), ("iso-2022-jp", .iso2022JP), ("euc-jp", .eucJP),
        ("koi8-r", .iconv("KOI8-R")), ("koi8-u", .iconv("KOI8-U")), ("utf-16le", .utf16LE), ("utf-16", .utf16LE),
        ("utf-16be", .utf16BE), ("windows-1251", .iconv("WINDOWS-1251")), ("iso-8859-2", .iconv("ISO-8859-2")),
        ("iso-8859-9", .iconv("WINDOWS-1254")), ("tis-620", .iconv("WINDOWS-874")),
        ("iso-8859-11", .iconv("WINDOWS-874")), ("iso-8859-8-i", .iconv("ISO-8859-8")),
        ("utf-7", .iconv("UTF-7")), ("cp850", .iconv("CP850")), ("x-user-defined", .userDefined),
    ])
    func labelAliases(label: String, expected: CharsetLabel) {
        #expect(CharsetLabel.resolve(normalized: CharsetLabel.normalize(label)) == expected)
    }

    @Test(arguments: ["", "../../etc/passwd", "utf-8//IGNORE", "a b", String(repeating: "x", count: 200), "\u{00E9}t\u{00E9}"])
    func labelsThatCannotBeCharsetNamesAreNotPassedToIconv(label: String) {
        #expect(CharsetLabel.resolve(normalized: CharsetLabel.normalize(label)) == nil)
    }

    /// Every label in the WHATWG table must reach a working decoder: bytes 0x80–0xFF individually,
    /// never an `unknown-charset` warning.
    @Test(arguments: CharsetLabel.table.keys.sorted())
    func everyTableLabelHasADecoder(label: String) {
        for byte in UInt8(0x80)...0xFF {
            let (_, warning) = CharsetDecoder.decode([0x41, byte, 0x41, 0x41][...], label: label)
            #expect(warning?.code != "unknown-charset", "\(label) byte \(byte)")
        }
        let (text, warning) = CharsetDecoder.decode(Array("Hello, world".utf8)[...], label: label)
        let charset = CharsetLabel.table[label]
        if charset == .utf16LE || charset == .utf16BE {
            #expect(text.unicodeScalars.count == 6)
        } else {
            #expect(text == "Hello, world")
            #expect(warning == nil)
        }
    }

    // MARK: - windows-1252 and the latin1 family

    @Test func latin1LabelsMeanWindows1252() {
        let bytes: [UInt8] = [0x80, 0x20, 0x93, 0x71, 0x94, 0x20, 0xE9, 0x20, 0x9F]
        for label in ["iso-8859-1", "latin1", "us-ascii", "windows-1252"] {
            let (text, warning) = CharsetDecoder.decode(bytes[...], label: label)
            #expect(text == "€ “q” é Ÿ")
            #expect(warning == nil)
        }
    }

    /// The Swift table against glibc CP1252 for every byte glibc defines; the five bytes glibc
    /// leaves undefined keep their C1 code points, as WHATWG says.
    @Test func windows1252TableMatchesGlibc() {
        for byte in UInt8(0)...0xFF {
            let ours = CharsetDecoder.decode([byte][...], label: "windows-1252")
            #expect(ours.warning == nil)
            let glibc = [byte].withUnsafeBufferPointer { IconvDecoder.convert($0, from: "CP1252") }
            if case .converted(let utf8) = glibc {
                #expect(ours.text == String(decoding: utf8, as: UTF8.self), "byte \(byte)")
            } else {
                #expect([0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(byte), "byte \(byte)")
                #expect(ours.text.unicodeScalars.map(\.value) == [UInt32(byte)])
            }
        }
    }

    @Test(arguments: [
        ("koi8-r", [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4] as [UInt8], "Привет"),
        ("windows-1251", [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "Привет"),
        ("iso-8859-5", [0xBF, 0xE0, 0xD8, 0xD2, 0xD5, 0xE2], "Привет"),
        ("ibm866", [0x8F, 0xE0, 0xA8, 0xA2, 0xA5, 0xE2], "Привет"),
        ("iso-8859-2", [0x50, 0xF8, 0xED, 0x6C, 0x69, 0xB9], "Příliš"),
        ("windows-1250", [0x50, 0xF8, 0xED, 0x6C, 0x69, 0x9A], "Příliš"),
        ("iso-8859-15", [0xA4, 0x35], "€5"),
        ("iso-8859-7", [0xE1, 0xE2, 0xE3], "αβγ"),
        ("windows-1253", [0xE1, 0xE2, 0xE3], "αβγ"),
        ("iso-8859-8-i", [0xF9, 0xEC, 0xE5, 0xED], "שלום"),
        ("windows-1255", [0xF9, 0xEC, 0xE5, 0xED], "שלום"),
        ("windows-1256", [0xC7, 0xE1, 0xD3, 0xE1, 0xC7, 0xE3], "السلام"),
        ("iso-8859-9", [0xFD, 0xF0], "ığ"),
        ("tis-620", [0xCA, 0xC7, 0xD1, 0xCA, 0xB4, 0xD5], "สวัสดี"),
        ("windows-874", [0x80, 0xCA], "€ส"),
        ("macintosh", [0x8A, 0xA5], "ä•"),
        ("x-mac-cyrillic", [0x8F, 0xF0], "Пр"),
        ("windows-1258", [0x56, 0x69, 0xEA, 0xF2, 0x74], "Vi\u{00EA}\u{0323}t"),
        ("euc-kr", [0xC7, 0xD1, 0xB1, 0xB9], "한국"),
        ("gb2312", [0xD6, 0xD0, 0xCE, 0xC4], "中文"),
        ("big5", [0xA4, 0xA4, 0xA4, 0xE5], "中文"),
        ("shift_jis", [0x93, 0xFA, 0x96, 0x7B, 0x87, 0x40], "日本①"),
        // WHATWG (unlike JIS X 0201) reads 0x5C and 0x7E as ASCII; so must the CP932 path.
        ("shift_jis", [0x5C, 0x7E, 0x93, 0xFA], "\\~日"),
        ("euc-jp", [0x5C, 0x7E, 0xC6, 0xFC], "\\~日"),
        ("euc-jp", [0xC6, 0xFC, 0xCB, 0xDC, 0x8E, 0xB1, 0xAD, 0xA1], "日本ｱ①"),
        ("iso-2022-kr", [0x1B, 0x24, 0x29, 0x43, 0x0E, 0x47, 0x51, 0x31, 0x39, 0x0F], "한국"),
        ("utf-7", Array("Hi Mom -+Jjo--!".utf8), "Hi Mom -☺-!"),
        ("x-user-defined", [0x41, 0x80, 0xFF], "A\u{F780}\u{F7FF}"),
    ])
    func legacyCharsets(label: String, bytes: [UInt8], expected: String) {
        let (text, warning) = CharsetDecoder.decode(bytes[...], label: label)
        #expect(warning == nil)
        #expect(text.precomposedStringWithCanonicalMapping == expected.precomposedStringWithCanonicalMapping)
    }

    // MARK: - UTF-8, UTF-16, byte-order marks

    @Test func validUTF8() {
        let (text, warning) = CharsetDecoder.decode(Array("Grüße, 日本, 😀".utf8)[...], label: "UTF-8")
        #expect(text == "Grüße, 日本, 😀")
        #expect(warning == nil)
    }

    @Test func invalidUTF8GetsReplacementCharacters() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xE2, 0x82, 0x63, 0xC3, 0xA9]
        let (text, warning) = CharsetDecoder.decode(bytes[...], label: "utf-8")
        #expect(text == "a\u{FFFD}b\u{FFFD}cé")
        #expect(warning?.code == "bad-charset-bytes")
    }

    @Test func byteOrderMarks() {
        let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF, 0x68, 0xC3, 0xA9]
        #expect(CharsetDecoder.decode(utf8BOM[...], label: "utf-8").text == "hé")
        // A BOM beats a wrong label, as in WHATWG decode.
        #expect(CharsetDecoder.decode(utf8BOM[...], label: "iso-8859-1") == ("hé", nil))
        let le: [UInt8] = [0xFF, 0xFE, 0x68, 0x00, 0xE9, 0x00, 0x3D, 0xD8, 0x00, 0xDE]
        #expect(CharsetDecoder.decode(le[...], label: "utf-16") == ("hé😀", nil))
        let be: [UInt8] = [0xFE, 0xFF, 0x00, 0x68, 0x00, 0xE9]
        #expect(CharsetDecoder.decode(be[...], label: "utf-16") == ("hé", nil))
        #expect(CharsetDecoder.decode(be[...], label: nil) == ("hé", nil))
    }

    @Test func utf16WithoutBOMFollowsTheLabel() {
        #expect(CharsetDecoder.decode([0x68, 0x00, 0x69, 0x00][...], label: "utf-16le") == ("hi", nil))
        #expect(CharsetDecoder.decode([0x68, 0x00, 0x69, 0x00][...], label: "utf-16") == ("hi", nil))
        #expect(CharsetDecoder.decode([0x00, 0x68, 0x00, 0x69][...], label: "utf-16be") == ("hi", nil))
    }

    @Test func brokenUTF16() {
        // Lone high surrogate, then an odd final byte.
        let (text, warning) = CharsetDecoder.decode([0x68, 0x00, 0x3D, 0xD8, 0x69, 0x00, 0x41][...], label: "utf-16le")
        #expect(text == "h\u{FFFD}i\u{FFFD}")
        #expect(warning?.code == "bad-charset-bytes")
    }

    // MARK: - No label, unknown labels, bad bytes

    @Test func noLabelMeansUTF8ElseWindows1252() {
        #expect(CharsetDecoder.decode(Array("plain".utf8)[...], label: nil) == ("plain", nil))
        #expect(CharsetDecoder.decode(Array("café".utf8)[...], label: nil) == ("café", nil))
        #expect(CharsetDecoder.decode([0x63, 0x61, 0x66, 0xE9][...], label: nil) == ("café", nil))
        #expect(CharsetDecoder.decode([0x63, 0x61, 0x66, 0xE9][...], label: "  ") == ("café", nil))
        #expect(CharsetDecoder.decode([][...], label: nil) == ("", nil))
    }

    @Test func unknownLabelReadsUTF8WhenValid() {
        let (text, warning) = CharsetDecoder.decode(Array("café".utf8)[...], label: "x-foo")
        #expect(text == "café")
        #expect(warning == MailWarning("unknown-charset", "unknown charset 'x-foo'; read as UTF-8"))
    }

    @Test func unknownLabelReadsWindows1252Otherwise() {
        let (text, warning) = CharsetDecoder.decode([0x63, 0x61, 0x66, 0xE9, 0x80][...], label: "X-Unknown-8bit")
        #expect(text == "café€")
        #expect(warning == MailWarning("unknown-charset", "unknown charset 'x-unknown-8bit'; read as windows-1252"))
    }

    @Test(arguments: ["hz-gb-2312", "unknown-8bit", "x-mac-nonsense", "utf-8//ignore", "../gconv"])
    func unknownLabelsNeverCrash(label: String) {
        let (text, warning) = CharsetDecoder.decode([0x41, 0xE9][...], label: label)
        #expect(text == "Aé")
        #expect(warning?.code == "unknown-charset")
    }

    @Test func invalidBytesForADeclaredCharsetAreReplacedAndDecodingGoesOn() {
        // 0x85 0x40 is unassigned in Shift_JIS (CP932): one U+FFFD, the ASCII trail read again
        // (WHATWG), and the text and the link around it intact.
        let bytes: [UInt8] = Array("see https://example.com/a?b=1 ".utf8) + [0x93, 0xFA, 0x85, 0x40, 0x96, 0x7B]
        let (text, warning) = CharsetDecoder.decode(bytes[...], label: "shift_jis")
        #expect(text == "see https://example.com/a?b=1 日\u{FFFD}@本")
        #expect(warning == MailWarning("bad-charset-bytes", "1 byte sequence(s) invalid for charset 'shift_jis' were replaced with U+FFFD"))
    }

    @Test func severalBadCharactersThatAreValidUTF8MeanAWrongLabel() {
        // Japanese mail labelled ISO-2022-JP (7-bit) but sent as 8-bit UTF-8.
        let bytes = Array("Aktivasi akun: Renée, café, naïve".utf8)
        let (text, warning) = CharsetDecoder.decode(bytes[...], label: "iso-2022-jp")
        #expect(text == "Aktivasi akun: Renée, café, naïve")
        #expect(warning?.message.contains("read as UTF-8") == true)
    }

    @Test func truncatedInputKeepsWhatConverted() {
        // "日本" in Shift_JIS with its last byte cut off: what converted, then U+FFFD (WHATWG).
        let (text, warning) = CharsetDecoder.decode([0x93, 0xFA, 0x96][...], label: "shift_jis")
        #expect(text == "日\u{FFFD}")
        #expect(warning?.code == "bad-charset-bytes")
        let (eucText, eucWarning) = CharsetDecoder.decode([0x41, 0xC6, 0xFC, 0xCB][...], label: "euc-jp")
        #expect(eucText == "A日\u{FFFD}")
        #expect(eucWarning?.code == "bad-charset-bytes")
    }

    @Test func iconvOutputBufferGrowsOnE2BIG() throws {
        let source = String(repeating: "日本", count: 2000)
        let sjis = Array(repeatElement([UInt8]([0x93, 0xFA, 0x96, 0x7B]), count: 2000).joined())
        let decoder = try #require(IconvDecoder(from: "CP932"))
        var output: [UInt8] = Array("prefix:".utf8)
        let failure = sjis.withUnsafeBufferPointer { decoder.convert($0, appendingTo: &output, initialCapacity: 1) }
        #expect(failure == nil)
        #expect(String(decoding: output, as: UTF8.self) == "prefix:" + source)
        // The descriptor is reusable after a conversion.
        let again = [0x93, 0xFA].withUnsafeBufferPointer { decoder.convert($0) }
        #expect(again == .converted(Array("日".utf8)))
    }

    @Test func largeLegacyDocument() {
        // "Привет: https://example.ru/?x=1" in windows-1251, 40,000 times.
        let line: [UInt8] = [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2] + Array(": https://example.ru/?x=1\r\n".utf8)
        let source = String(repeating: "Привет: https://example.ru/?x=1\r\n", count: 40_000)
        let bytes = Array(repeatElement(line, count: 40_000).joined())
        let (text, warning) = CharsetDecoder.decode(bytes[...], label: "cp1251")
        #expect(warning == nil)
        #expect(text == source)
    }

    /// iconv descriptors are per call, so concurrent decodes must not interfere.
    @Test func concurrentDecodesAgree() async {
        let samples: [(label: String, bytes: [UInt8], text: String)] = [
            ("shift_jis", [0x93, 0xFA, 0x96, 0x7B], "日本"),
            ("iso-2022-jp", [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x1B, 0x28, 0x42], "日本"),
            ("euc-kr", [0xC7, 0xD1, 0xB1, 0xB9], "한국"),
            ("gbk", [0xD6, 0xD0, 0xCE, 0xC4], "中文"),
            ("koi8-r", [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], "Привет"),
        ]
        let failures = await withTaskGroup(of: Int.self) { group in
            for task in 0..<16 {
                group.addTask {
                    var failures = 0
                    for round in 0..<300 {
                        let sample = samples[(task + round) % samples.count]
                        if CharsetDecoder.decode(sample.bytes[...], label: sample.label) != (sample.text, nil) { failures += 1 }
                    }
                    return failures
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
    }

    /// Random bytes biased towards each decoder's special bytes: no crash, and the only warnings
    /// are the documented ones.
    @Test(arguments: ["shift_jis", "euc-jp", "iso-2022-jp", "gb18030", "big5", "euc-kr", "utf-8", "utf-16", "utf-16be",
                      "utf-7", "iso-2022-kr", "koi8-r", "x-user-defined", "iso-8859-1"])
    func randomBytesNeverCrash(label: String) {
        var generator = SplitMix64(seed: UInt64(label.utf8.count))
        let special: [UInt8] = [0x1B, 0x24, 0x28, 0x42, 0x40, 0x4A, 0x49, 0x0E, 0x0F, 0x8E, 0x8F, 0xA1, 0xFE, 0x81,
                                0x2B, 0x2D, 0xEF, 0xBB, 0xBF, 0xFF, 0x0A, 0x0D, 0x21, 0x7E, 0xD8, 0xDC]
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in
                Bool.random(using: &generator)
                    ? special[Int.random(in: 0..<special.count, using: &generator)]
                    : UInt8.random(in: 0...255, using: &generator)
            }
            let (_, warning) = CharsetDecoder.decode(bytes[...], label: label)
            if let warning { #expect(warning.code == "bad-charset-bytes") }
        }
    }

    // MARK: - Helpers


    private func lines(_ data: Data) -> [ArraySlice<UInt8>] {
        Array(data).split(separator: 0x0A, omittingEmptySubsequences: false)
    }

    private func hex(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
    }

    private func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        CharsetDecoder.decode(bytes, label: "windows-1252").text
    }

}
