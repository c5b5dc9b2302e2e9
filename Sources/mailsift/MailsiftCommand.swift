import ArgumentParser

@main
struct MailsiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailsift",
        abstract: "Find BSrE registration mails (Aktivasi Akun, Set Passphrase, Informasi Akun, Reset password) in raw mail and report their links.",
        discussion: """
        Reads .eml files, folders of them, mbox exports and Maildir folders, or one message on
        standard input. Exit status: 0 when every input was read, 1 when any input could not be
        read or was not mail (each named on stderr), 64 for usage errors.

        Examples:
          mailsift Samples/
          mailsift scan --format json --now 2025-11-26T12:00:00Z inbox.mbox
          mailsift diagnose --lang en "All mail Including Spam and Trash.mbox"
          mailsift help scan
        """,
        version: MailsiftVersion.string,
        subcommands: [ScanCommand.self, LinksCommand.self, DiagnoseCommand.self, ExplainCommand.self, PartsCommand.self, TemplatesCommand.self],
        defaultSubcommand: ScanCommand.self
    )
}

/// The version `--version` prints: the newest release heading in CHANGELOG.md (a test keeps
/// the two equal).
enum MailsiftVersion {
    static let string = "0.1.0"
}
