import ArgumentParser
import MailSift
import MailTemplates

struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Print action links, one URL a line, for other tools.",
        discussion: """
        Examples:
          mailsift links inbox.mbox
          mailsift links --kind reset-password --valid export.mbox
          mailsift links --every message.eml
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Only messages of this kind (e.g. aktivasi-akun, reset-password).", valueName: "kind"))
    var kind: String?

    @Flag(help: "Only links still valid at --now.")
    var valid = false

    @Flag(help: "Every link of the messages, not just action links.")
    var every = false

    @Flag(help: "Also read messages that are none of the known kinds (with --every: all their links).")
    var all = false

    func run() throws {
        let pipeline = Pipeline(classifier: Classifier(catalogue: try input.catalogue()),
                                options: input.scanOptions(all: all || kind == "other"))
        let out = Output()
        var failed = false
        _ = Scanner(pipeline: pipeline, jobs: input.jobCount, readerOptions: input.limits.readerOptions).run(paths: input.readPaths) { item in
            switch item {
            case .failure(let e):
                failed = true
                out.flush()
                Output.error("mailsift: " + TerminalText.sanitize(e.description))
            case .report(let r, _):
                if let kind, r.kind != kind { return }
                if valid, r.status != .valid { return }
                let urls = every ? r.links.map(\.url) : (r.actionURL.map { [$0] } ?? [])
                // One URL a line: a URL with a line break or control byte would split a record.
                for u in urls { out.write(TerminalText.sanitize(u) + "\n") }
            case .skipped:
                break
            }
        }
        out.flush()
        if failed { throw ExitCode(1) }
    }
}
