import Testing
@testable import MailTemplates

@Suite struct ExpiryParserTests {
    /// The byte-level normaliser must agree with the obvious Character-level one on every kind
    /// of whitespace Unicode has (it runs on every candidate message, so it was rewritten for
    /// speed).
    @Test(arguments: [
        "  Link  ini\tAKAN\r\nkedaluwarsa  ",
        "a\u{00A0}b\u{0085}c\u{1680}d\u{2000}e\u{200A}f\u{2028}g\u{2029}h\u{202F}i\u{205F}j\u{3000}k",
        "\u{200B}zero-width is not whitespace\u{FEFF}",
        "ÀÉÎ İstanbul ẞ Ωmega",
        "\u{000B}\u{000C}x\u{001C}y",
        "",
        "   ",
        "e\u{0301} combining, 表 CJK, 😀 emoji",
        "truncated \u{E2}\u{80}",
    ])
    func normaliseMatchesCharacterSplitting(_ s: String) {
        let expected = s.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        #expect(ExpiryParser.normalise(s) == expected)
    }
}
