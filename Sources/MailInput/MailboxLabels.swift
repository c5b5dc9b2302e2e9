/// Maps the many names mail programs give the same system folder to one canonical label, so that
/// "Spam", "[Gmail]/Spam", "Junk E-mail", ".Junk" and Indonesian Gmail's labels all read "Spam".
public enum MailboxLabels {
    /// The canonical labels `canonical(_:)` returns.
    public static let all: [String] = [
        "Inbox", "Spam", "Trash", "Sent", "Important", "Starred", "Archived", "Drafts", "Opened", "Unread",
        "Chat", "Category Updates", "Category Promotions", "Category Social", "Category Forums",
        "Category Personal",
    ]

    /// The canonical name of a system label or folder, or nil for a user's own label (which the
    /// caller keeps as written). Case-insensitive; surrounding blanks ignored. Understands Gmail
    /// labels in English and Indonesian (Takeout `X-Gmail-Labels`), Gmail IMAP folder names
    /// (`[Gmail]/…`, `[Google Mail]/…`), Maildir/Outlook/Yahoo/Apple folder names, IMAP
    /// `INBOX.`/`INBOX/` prefixes, and Maildir flag names (`Seen`, `Flagged`, `Trashed`, `Draft`).
    public static func canonical(_ raw: String) -> String? {
        let name = raw.trimmingWhitespace().lowercased()
        if let found = names[name] { return found }
        for prefix in ["[gmail]/", "[google mail]/", "inbox.", "inbox/"] where name.hasPrefix(prefix) {
            let rest = String(name.dropFirst(prefix.count)).trimmingWhitespace()
            if !rest.isEmpty, let found = names[rest] { return found }
        }
        return nil
    }

    private static let names: [String: String] = {
        let table: [String: [String]] = [
            "Inbox": ["inbox", "kotak masuk"],
            "Spam": ["spam", "junk", "junk e-mail", "junk email", "junk mail", "bulk mail", "bulk"],
            "Trash": ["trash", "sampah", "bin", "deleted items", "deleted messages", "deleted", "trashed"],
            "Sent": ["sent", "terkirim", "sent mail", "sent items", "sent messages", "surat terkirim"],
            "Important": ["important", "penting"],
            "Starred": ["starred", "berbintang", "flagged"],
            "Archived": ["archived", "diarsipkan", "archive", "archives"],
            "Drafts": ["drafts", "draft", "draf"],
            "Opened": ["opened", "dibuka", "seen"],
            "Unread": ["unread", "belum dibaca"],
            "Chat": ["chat", "chats", "obrolan"],
            "Category Updates": ["category updates", "kategori pembaruan"],
            "Category Promotions": ["category promotions", "kategori promosi"],
            "Category Social": ["category social", "kategori sosial"],
            "Category Forums": ["category forums", "kategori forum"],
            "Category Personal": ["category personal", "kategori pribadi"],
        ]
        var names: [String: String] = [:]
        for (canonical, spellings) in table {
            for spelling in spellings { names[spelling] = canonical }
        }
        return names
    }()
}
