import Testing
@testable import MailInput

/// Maildir and Maildir++: order, folder labels and flags.
@Suite struct MaildirWalkerTests {
    /// stalwart's Maildir: folder names with spaces, `;2,` info suffixes, Dovecot keyword letters,
    /// and messages that are just a letter and a line break (a Maildir file is a message by where
    /// it is, not by its content).
    @Test func stalwartMaildir() throws {
        let root = try Corpus.path("stalwart-mail-parser/resources/maildir")
        let got = collect([root])
        #expect(got.failures.isEmpty)
        #expect(got.messages.map(\.bytes.text) == ["a\n", "b\n", "c\n", "d\n", "e\n", "f\n"])
        #expect(got.messages.map(\.origin.labels) == [
            ["Inbox", "Seen", "Trashed"],     // cur/…;2,STln
            ["Inbox"],                        // new/…;2,Sb: no Seen in new
            ["My Folder", "Draft", "Replied", "Trashed"],
            ["My Folder"],
            ["My Folder/Nested Folder", "Flagged", "Passed"],
            ["My Folder/Nested Folder", "Draft", "Flagged", "Replied"],
        ])
        let first = try #require(got.messages.first)
        #expect(first.origin.path == root + "/cur/1491941793.M41850P8566V0000000000000015I0000000004F3030E_0.mx1.example.com,S=10956;2,STln")
        #expect(got.messages.allSatisfy { $0.origin.index == 0 && $0.origin.offset == 0 })
    }

    @Test func maildirPlusPlusOrderAndLabels() throws {
        let dir = try ScratchFolder()
        let message = "Subject: x\n\nbody\n"
        try dir.write("new/3.host", message)
        try dir.write("cur/2.host:2,FS", message)
        try dir.write("cur/1.host:2,", message)
        try dir.write("tmp/4.host", message)                  // being delivered: never read
        try dir.write(".Junk/cur/5.host!2,S", message)
        try dir.write(".Trash/new/6.host", message)
        try dir.write(".Entw&APw-rfe/cur/7.host", message)
        try dir.write(".NotAFolder/readme", message)          // no cur/new: ignored
        try dir.write("dovecot-uidlist", "3 V1 N1\n")          // root files: ignored
        try dir.write("cur/.hidden", message)
        let got = collect([dir.path])
        #expect(got.failures.isEmpty)
        #expect(got.messages.map { $0.origin.path.lastComponent } == [
            "1.host:2,", "2.host:2,FS", "3.host", "7.host", "5.host!2,S", "6.host",
        ])
        #expect(got.messages.map(\.origin.labels) == [
            ["Inbox"], ["Inbox", "Flagged", "Seen"], ["Inbox"], ["Entwürfe"], ["Junk", "Seen"], ["Trash"],
        ])
    }

    /// Dovecot's `LAYOUT=fs`: sub-mailboxes are plain folders that are Maildirs themselves.
    @Test func fsLayoutSubfolders() throws {
        let dir = try ScratchFolder()
        try dir.write("cur/1", "Subject: a\n\n")
        try dir.write("Archive/cur/2", "Subject: b\n\n")
        try dir.write("Archive/2024/new/3", "Subject: c\n\n")
        let got = collect([dir.path])
        #expect(got.messages.map(\.origin.labels) == [["Inbox"], ["Archive"], ["Archive/2024"]])
    }

    /// A Maildir that links to itself (`Archive -> .`) is walked once.
    @Test func maildirSelfLink() throws {
        let dir = try ScratchFolder()
        try dir.write("cur/1", "Subject: a\n\n")
        try dir.link("Archive", to: ".")
        try dir.link(".Loop", to: dir.path)
        let got = collect([dir.path])
        #expect(got.failures.isEmpty)
        #expect(got.messages.map(\.origin.labels) == [["Inbox"]])
    }

    /// Naming a Maildir++ folder or a `cur` folder directly keeps its label.
    @Test func namingASubfolderDirectly() throws {
        let dir = try ScratchFolder()
        try dir.write("cur/1", "Subject: a\n\n")
        try dir.write(".Spam/cur/2:2,S", "Subject: b\n\n")
        #expect(collect([dir.path + "/.Spam"]).messages.map(\.origin.labels) == [["Spam", "Seen"]])
        #expect(collect([dir.path + "/.Spam/cur"]).messages.map(\.origin.labels) == [["Spam", "Seen"]])
        #expect(collect([dir.path + "/cur/"]).messages.map(\.origin.labels) == [["Inbox"]])
    }

    /// A hidden Maildir root (`~/.maildir`) is still the inbox.
    @Test func hiddenMaildirRoot() throws {
        let dir = try ScratchFolder()
        try dir.write(".maildir/cur/1", "Subject: a\n\n")
        try dir.write(".maildir/.Sent/cur/2", "Subject: b\n\n")
        #expect(collect([dir.path + "/.maildir"]).messages.map(\.origin.labels) == [["Inbox"], ["Sent"]])
    }

    /// A Maildir message file that is empty or binary is still reported.
    @Test func badFilesInAMaildir() throws {
        let dir = try ScratchFolder()
        try dir.write("cur/1", "")
        try dir.write("cur/2", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        try dir.write("cur/3", "From a@x Mon Jan  1 00:00:00 2024\nSubject: 1\n\none\n")
        let got = collect([dir.path])
        #expect(got.failures == [
            .notMail(path: dir.path + "/cur/1", reason: "empty file"),
            .notMail(path: dir.path + "/cur/2", reason: "looks like a PNG image"),
        ])
        #expect(got.messages.map(\.bytes.text) == ["Subject: 1\n\none\n"])
    }

    @Test(arguments: [
        ("1.host:2,S", false, ["Seen"]),
        ("1.host:2,S", true, []),
        ("1.host,S=1000,W=1030;2,RDF,", false, ["Draft", "Flagged", "Replied"]),
        ("1.host:2,PRSTDF", false, ["Draft", "Flagged", "Passed", "Replied", "Seen", "Trashed"]),
        ("1.host:2,abc", false, []),
        ("1.host", false, []),
        ("1.host:1,S", false, []),
    ])
    func flags(_ name: String, _ inNew: Bool, _ expected: [String]) {
        #expect(MaildirName.flagLabels(fileName: name, inNew: inNew) == expected)
    }

    @Test(arguments: [
        (".Junk", "Junk"), (".My Folder.Nested Folder", "My Folder/Nested Folder"), (".Entw&APw-rfe", "Entwürfe"),
        (".A&-B", "A&B"), (".Bad&ZZZ", "Bad&ZZZ"), (".&ZeVnLIqe-", "日本語"),
    ])
    func folderLabels(_ name: String, _ expected: String) {
        #expect(MaildirName.folderLabel(name) == expected)
    }
}

extension String {
    /// The last path component, without a URL round trip (Maildir names contain `:` and `;`).
    var lastComponent: String { String(split(separator: "/").last ?? "") }
}
