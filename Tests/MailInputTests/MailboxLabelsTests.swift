import Testing
@testable import MailInput

/// One canonical name for each system folder, whatever the mail program or language called it.
@Suite struct MailboxLabelsTests {
    @Test(arguments: [
        // English Gmail (Takeout)
        ("Inbox", "Inbox"), ("Spam", "Spam"), ("Trash", "Trash"), ("Sent", "Sent"), ("Important", "Important"),
        ("Starred", "Starred"), ("Archived", "Archived"), ("Drafts", "Drafts"), ("Opened", "Opened"),
        ("Unread", "Unread"), ("Chat", "Chat"), ("Category Updates", "Category Updates"),
        ("Category Promotions", "Category Promotions"), ("Category Social", "Category Social"),
        ("Category Forums", "Category Forums"), ("Category Personal", "Category Personal"),
        // Indonesian Gmail
        ("Kotak Masuk", "Inbox"), ("Sampah", "Trash"), ("Terkirim", "Sent"), ("Penting", "Important"),
        ("Berbintang", "Starred"), ("Diarsipkan", "Archived"), ("Draf", "Drafts"), ("Dibuka", "Opened"),
        ("Belum dibaca", "Unread"), ("Kategori Pembaruan", "Category Updates"),
        ("Kategori Promosi", "Category Promotions"), ("Kategori Sosial", "Category Social"),
        ("Kategori Forum", "Category Forums"), ("Kategori Pribadi", "Category Personal"),
        // Gmail IMAP
        ("[Gmail]/Spam", "Spam"), ("[Gmail]/Trash", "Trash"), ("[Gmail]/Sampah", "Trash"),
        ("[Gmail]/Sent Mail", "Sent"), ("[Google Mail]/Bin", "Trash"), ("[Gmail]/Starred", "Starred"),
        // Maildir, Outlook, Yahoo, Apple
        ("Junk", "Spam"), ("Junk E-mail", "Spam"), ("Junk Email", "Spam"), ("Bulk Mail", "Spam"),
        ("Deleted Items", "Trash"), ("Deleted Messages", "Trash"), ("Sent Items", "Sent"),
        ("Sent Messages", "Sent"), ("INBOX", "Inbox"), ("INBOX.Junk", "Spam"), ("INBOX/Sent", "Sent"),
        // Maildir flags
        ("Seen", "Opened"), ("Flagged", "Starred"), ("Trashed", "Trash"), ("Draft", "Drafts"),
        // Case and blanks
        ("spam", "Spam"), ("  JUNK e-MAIL ", "Spam"), ("category UPDATES", "Category Updates"),
        ("kotak masuk", "Inbox"),
    ])
    func canonical(_ raw: String, _ expected: String) {
        #expect(MailboxLabels.canonical(raw) == expected)
    }

    @Test(arguments: ["Work, 2025", "My Folder/Nested Folder", "Receipts", "Replied", "Passed", "[Gmail]/Receipts", "INBOX.", "", "All Mail"])
    func userLabels(_ raw: String) {
        #expect(MailboxLabels.canonical(raw) == nil)
    }

    @Test func everyCanonicalNameMapsToItself() {
        for name in MailboxLabels.all {
            #expect(MailboxLabels.canonical(name) == name)
        }
    }
}
