import Foundation
import Testing

@testable import MailMIME

struct EncodedWordDecoderTests {
    private func decode(_ s: String) -> (text: String, warnings: [MailWarning]) {
        EncodedWordDecoder.decode(Array(s.utf8)[...])
    }

    // MARK: - RFC 2047 §8

    /// The examples of RFC 2047 §8, header values as the header parser hands them over.
    @Test(arguments: [
        ("=?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>", "Keith Moore <moore@cs.utk.edu>"),
        ("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>", "Keld Jørn Simonsen <keld@dkuug.dk>"),
        ("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>", "André Pirard <PIRARD@vm1.ulg.ac.be>"),
        (
            "=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=     =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=",
            "If you can read this you understand the example."
        ),
        ("Nathaniel Borenstein <nsb@thumper.bellcore.com> (=?iso-8859-8?b?7eXs+SDv4SDp7Oj08A==?=)",
         "Nathaniel Borenstein <nsb@thumper.bellcore.com> (םולש ןב ילטפנ)"),
        ("=?ISO-8859-1?Q?Olle_J=E4rnefors?= <ojarnef@admin.kth.se>", "Olle Järnefors <ojarnef@admin.kth.se>"),
        ("=?ISO-8859-1?Q?Patrik_F=E4ltstr=F6m?= <paf@nada.kth.se>", "Patrik Fältström <paf@nada.kth.se>"),
        ("(=?ISO-8859-1?Q?a?=)", "(a)"),
        ("(=?ISO-8859-1?Q?a?= b)", "(a b)"),
        ("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a?=    =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a_b?=)", "(a b)"),
        ("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)"),
    ])
    func rfc2047Examples(raw: String, expected: String) {
        let (text, warnings) = decode(raw)
        #expect(text == expected)
        #expect(warnings.isEmpty)
    }

    // MARK: - stalwart-mail-parser unstructured-header vectors

    /// stalwart inserts a space between text and an encoded word glued to it; we keep the bytes
    /// the sender wrote.
    static let stalwartOverrides: [String: String] = [
        "[SUSPECTED SPAM] This is the original subject": "[SUSPECTED SPAM]This is the original subject"
    ]

    /// Whitespace is compared collapsed: stalwart's unfolding turns each fold into one space
    /// (also inside Q text), while ours, like RFC 5322, only removes the CRLF; that is the header
    /// parser's concern, not the encoded-word decoder's.
    @Test func stalwartUnstructuredVectors() throws {
        let data = try Data(contentsOf: corpusFile("peers/stalwart-mail-parser/resources/unstructured.json"))
        let vectors = try JSONDecoder().decode([StalwartVector].self, from: data)
        try #require(vectors.count >= 30)
        for vector in vectors {
            let (text, warnings) = EncodedWordDecoder.decode(unfold(vector.header)[...])
            let expected = Self.stalwartOverrides[vector.expected] ?? vector.expected
            #expect(collapsed(text) == collapsed(expected), "header \(vector.header.debugDescription)")
            #expect(warnings.isEmpty, "header \(vector.header.debugDescription)")
        }
    }

    private func collapsed(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    private struct StalwartVector: Decodable {
        var header: String
        var expected: String
    }

    /// What the header parser hands over: the value up to the end of the field, folds unfolded
    /// (CRLF removed, whitespace kept), surrounding whitespace trimmed.
    private func unfold(_ header: String) -> [UInt8] {
        let bytes = Array(header.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D || bytes[i] == 0x0A {
                var j = i
                if bytes[j] == 0x0D, j + 1 < bytes.count, bytes[j + 1] == 0x0A { j += 1 }
                j += 1
                if j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 {
                    i = j
                    continue
                }
                break  // end of this field
            }
            out.append(bytes[i])
            i += 1
        }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        return Array(out.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }

    // MARK: - Joining

    @Test func multiByteCharacterSplitAcrossQWords() {
        let (text, warnings) = decode("=?UTF-8?Q?Preis_100_=E2=82?= =?UTF-8?Q?=AC?=")
        #expect(text == "Preis 100 €")
        #expect(warnings.isEmpty)
    }

    @Test func multiByteCharacterSplitAcrossBWords() {
        // "€" is E2 82 AC: the first word holds two of its bytes.
        let (text, warnings) = decode("=?utf-8?B?4oI=?=\t=?utf-8?B?rA==?=")
        #expect(text == "€")
        #expect(warnings.isEmpty)
    }

    @Test func multiByteCharacterSplitAcrossBAndQWords() {
        let (text, warnings) = decode("=?UTF-8?B?4oI=?= =?UTF-8?q?=AC?=")
        #expect(text == "€")
        #expect(warnings.isEmpty)
    }

    @Test func sameCharsetDifferentSpellingsJoin() {
        let (text, _) = decode("=?UTF-8?Q?=E2=82?= =?utf8?Q?=AC?=")
        #expect(text == "€")
    }

    @Test func shiftJISSplitAcrossWords() {
        // 日本 in Shift_JIS (93 FA 96 7B) cut between the lead and trail byte of 本.
        let (text, warnings) = decode("=?shift_jis?B?k/qW?= =?shift_jis?B?ew==?=")
        #expect(text == "日本")
        #expect(warnings.isEmpty)
    }

    @Test func iso2022JPSubject() {
        // A typical Japanese subject: ISO-2022-JP, B encoding, two words.
        let (text, warnings) = decode("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?= =?ISO-2022-JP?B?GyRCLSEbKEI=?=")
        #expect(text == "日本語①")
        #expect(warnings.isEmpty)
    }

    @Test func base64SplitMidQuantumIsRepaired() {
        let (text, warnings) = decode("=?utf-8?b?SGVsbG8gV2?= =?utf-8?b?9ybGQ=?=")
        #expect(text == "Hello World")
        #expect(warnings.isEmpty)
    }

    @Test func missingBase64PaddingIsTolerated() {
        let (text, warnings) = decode("=?utf-8?b?SGk?= there")
        #expect(text == "Hi there")
        #expect(warnings.isEmpty)
    }

    @Test func whitespaceBetweenWordsOfDifferentCharsetsIsDropped() {
        let (text, _) = decode("=?iso-8859-1?q?caf=E9?=   =?utf-8?q?_cr=C3=A8me?=")
        #expect(text == "café crème")
    }

    @Test func whitespaceBetweenWordAndTextIsKept() {
        let (text, _) = decode("a =?utf-8?q?b?=  c\t=?utf-8?q?d?=")
        #expect(text == "a b  c\td")
    }

    // MARK: - Inside text, glued, broken

    @Test(arguments: [
        ("Re: =?UTF-8?Q?Aktivasi?= Akun", "Re: Aktivasi Akun"),
        ("Re:=?utf-8?q?Hallo?=Welt", "Re:HalloWelt"),
        ("[EXT]=?UTF-8?B?QWt0aXZhc2k=?=", "[EXT]Aktivasi"),
        ("=?utf-8?q?Hello World?=", "Hello World"),
        ("=?iso-8859-1?q?this is some text?=", "this is some text"),
        ("=?utf-8?Q?a?==?utf-8?Q?b?=", "ab"),
        ("=?UTF-8?b?w6k=?= =?UTF-8?B?w6k=?=", "éé"),
        ("=?utf-8?Q??=", ""),
        ("=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore"),
        ("=?utf-8*de-DE?B?R3LDvMOfZQ==?=", "Grüße"),
    ])
    func tolerantDecoding(raw: String, expected: String) {
        let (text, warnings) = decode(raw)
        #expect(text == expected)
        #expect(warnings.isEmpty)
    }

    @Test(arguments: [
        "=?utf-8?x?abc?=",
        "=?utf-8?q?abc",
        "=??q?abc?=",
        "=?*en?q?abc?=",
        "a =? b ?= c",
        "=?utf-8?q?abc?",
        "=?utf 8?q?abc?=",
        "=?utf-8?qq?abc?=",
        "50% =? maybe",
        "x=?y",
        "=?",
        "?=",
        "",
    ])
    func malformedWordsStayLiteral(raw: String) {
        let (text, warnings) = decode(raw)
        #expect(text == raw)
        #expect(warnings.isEmpty)
    }

    @Test func malformedWordBeforeAGoodOne() {
        let (text, _) = decode("=?broken =?utf-8?q?ok?=")
        #expect(text == "=?broken ok")
    }

    // MARK: - Raw 8-bit, unknown charsets, damage

    @Test func raw8BitUTF8() {
        let (text, warnings) = decode("Grüße aus Köln =?utf-8?q?=E2=9C=93?=")
        #expect(text == "Grüße aus Köln ✓")
        #expect(warnings.isEmpty)
    }

    @Test func raw8BitLatin1() {
        let raw: [UInt8] = [0x47, 0x72, 0xFC, 0xDF, 0x65, 0x20, 0x80]
        let (text, warnings) = EncodedWordDecoder.decode(raw[...])
        #expect(text == "Grüße €")
        #expect(warnings.isEmpty)
    }

    @Test func unknownCharsetIsBestEffort() {
        let (text, warnings) = decode("=?x-foo?q?caf=C3=A9?= ok")
        #expect(text == "café ok")
        #expect(warnings == [MailWarning("unknown-charset", "unknown charset 'x-foo'; read as UTF-8")])
        let (latin, latinWarnings) = decode("=?x-foo?q?caf=E9?=")
        #expect(latin == "café")
        #expect(latinWarnings.map(\.code) == ["unknown-charset"])
    }

    @Test func badBase64IsReported() {
        let (text, warnings) = decode("=?utf-8?b?SGVs*bG8=?= world")
        #expect(text == "Hello world")
        #expect(warnings.map(\.code) == ["bad-encoded-word"])
    }

    @Test func badBytesForTheCharsetAreReported() {
        let (text, warnings) = decode("=?utf-8?q?caf=E9?=")
        #expect(text == "caf\u{FFFD}")
        #expect(warnings.map(\.code) == ["bad-charset-bytes"])
    }

    @Test func repeatedWarningsAreReportedOnce() {
        let (_, warnings) = decode("=?x-foo?q?a?= b =?x-foo?q?c?=")
        #expect(warnings.count == 1)
    }

    @Test func sliceWithNonZeroStartIndex() {
        let whole = Array("Subject: =?utf-8?q?caf=C3=A9?=\r\n".utf8)
        let (text, _) = EncodedWordDecoder.decode(whole[9..<(whole.count - 2)])
        #expect(text == "café")
    }

    @Test func longSubjectOfManyWords() {
        let words = (0..<200).map { _ in "=?UTF-8?B?w6nDqMOg?=" }.joined(separator: " ")
        let (text, warnings) = decode("Subject " + words)
        #expect(text == "Subject " + String(repeating: "éèà", count: 200))
        #expect(warnings.isEmpty)
    }

    /// Random sequences of encoded-word fragments: no crash, only the documented warnings, and
    /// text without any `=?` comes back unchanged.
    @Test func randomFragmentsNeverCrash() {
        var generator = SplitMix64(seed: 2047)
        let fragments = ["=?", "?=", "?", "=", "utf-8", "ISO-8859-1", "x-foo", "*en", "q", "B", "?q?", "?b?", "SGk=",
                         "=E9", "=C3", "=A9", "_", " ", "\t", "a", "\u{00E9}", "日本", "==", "=?utf-8?q?", "=?gbk?b?"]
        for _ in 0..<3000 {
            let count = Int.random(in: 0..<12, using: &generator)
            let raw = (0..<count).map { _ in fragments[Int.random(in: 0..<fragments.count, using: &generator)] }.joined()
            var bytes = Array(raw.utf8)
            if Bool.random(using: &generator), !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0x80...0xFF, using: &generator)
            }
            let (text, warnings) = EncodedWordDecoder.decode(bytes[...])
            for warning in warnings {
                #expect(["unknown-charset", "bad-charset-bytes", "bad-encoded-word"].contains(warning.code))
            }
            if !raw.contains("=?"), bytes.withUnsafeBufferPointer(CharsetDecoder.validUTF8) != nil {
                #expect(text == String(decoding: bytes, as: UTF8.self))
            }
        }
    }


}
