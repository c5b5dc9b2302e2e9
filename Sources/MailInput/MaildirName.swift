/// What a Maildir's folder and file names say about a message: which folder holds it and the
/// flags its mail program set.
enum MaildirName {
    /// The label of a Maildir++ folder: `.Junk` → "Junk", `.My Folder.Nested Folder` →
    /// "My Folder/Nested Folder" (Maildir++ separates levels with dots), `.Entw&APw-rfe` →
    /// "Entwürfe".
    static func folderLabel(_ directoryName: String) -> String {
        let name = directoryName.hasPrefix(".") ? String(directoryName.dropFirst()) : directoryName
        return name.split(separator: ".", omittingEmptySubsequences: false)
            .map { ModifiedUTF7.decode(String($0)) ?? String($0) }
            .joined(separator: "/")
    }

    /// The label of the Maildir root itself.
    static let rootLabel = "Inbox"

    /// Flag letters of the `:2,` info suffix (`;2,` and `!2,` where the filesystem forbids `:`),
    /// in the order Maildir writes them. Lowercase letters are Dovecot keywords, not flags.
    private static let flags: [(letter: Character, label: String)] = [
        ("D", "Draft"), ("F", "Flagged"), ("P", "Passed"), ("R", "Replied"), ("S", "Seen"), ("T", "Trashed"),
    ]

    /// A message still in `new/` has not been seen by any mail program, whatever its name says.
    static func flagLabels(fileName: String, inNew: Bool) -> [String] {
        guard let info = infoFlags(fileName) else { return [] }
        return flags.compactMap { flag in
            guard info.contains(flag.letter), !(inNew && flag.letter == "S") else { return nil }
            return flag.label
        }
    }

    private static func infoFlags(_ fileName: String) -> Substring? {
        let utf8 = Array(fileName.utf8)
        var i = utf8.count - 3
        while i >= 0 {
            let sep = utf8[i]
            if (sep == UInt8(ascii: ":") || sep == UInt8(ascii: ";") || sep == UInt8(ascii: "!"))
                && utf8[i + 1] == UInt8(ascii: "2") && utf8[i + 2] == UInt8(ascii: ",") {
                return Substring(decoding: utf8[(i + 3)...], as: UTF8.self)
            }
            i -= 1
        }
        return nil
    }
}
