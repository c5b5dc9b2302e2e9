import Testing
@testable import MailInput

/// `X-Gmail-Labels` values as Google Takeout writes them.
@Suite struct GmailLabelsTests {
    @Test(arguments: [
        ("Inbox,Opened,Category Updates", ["Inbox", "Opened", "Category Updates"]),
        ("Spam", ["Spam"]),
        ("Inbox, Important ,Starred", ["Inbox", "Important", "Starred"]),
        ("\"Work, 2025\",Inbox", ["Work, 2025", "Inbox"]),
        ("Inbox,\"Say \\\"hi\\\", then\",Opened", ["Inbox", "Say \"hi\", then", "Opened"]),
        ("\"a\\\\b\"", ["a\\b"]),
        ("Kotak Masuk,Dibuka,Kategori Promosi,Penting", ["Kotak Masuk", "Dibuka", "Kategori Promosi", "Penting"]),
        ("Belum dibaca,Sampah", ["Belum dibaca", "Sampah"]),
        ("Inbox,,  ,Opened,", ["Inbox", "Opened"]),
        ("", []),
        ("\"unterminated, label", ["unterminated, label"]),
        ("Projects/Alpha,Projects/Beta", ["Projects/Alpha", "Projects/Beta"]),
    ])
    func parse(_ value: String, _ expected: [String]) {
        #expect(GmailLabels.parse(value) == expected)
    }
}
