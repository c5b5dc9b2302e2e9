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
        """,
        version: MailsiftVersion.string,
        subcommands: [ScanCommand.self, LinksCommand.self, DiagnoseCommand.self, ExplainCommand.self, PartsCommand.self, TemplatesCommand.self],
        defaultSubcommand: ScanCommand.self
    )
}

enum MailsiftVersion {
    static let string = "0.1.0"
}
