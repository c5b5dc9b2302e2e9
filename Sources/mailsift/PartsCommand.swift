import ArgumentParser
import MailInput
import MailMIME
import MailSift
import MailTemplates

struct PartsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parts",
        abstract: "Print each message's MIME tree as JSON: headers, parts, decoded text or size and SHA-256.",
        discussion: """
        Examples:
          mailsift parts message.eml
          mailsift parts --format ndjson export.mbox | jq -r '.parts[] | [.path, .content_type, .filename] | @tsv'
        """
    )

    @Argument(help: ArgumentHelp("Message files, folders, mbox files or Maildirs; '-' or nothing reads standard input.", valueName: "path"))
    var paths: [String] = []

    @Option(help: "json (one indented array, the default) or ndjson (one object a line).")
    var format: PartsFormat = .json

    @Flag(help: "Show Informasi Akun passwords in the decoded text instead of [redacted].")
    var revealSecrets = false

    @OptionGroup(title: "Limits (each one hit is a warning on the message's report)")
    var limits: LimitOptions

    enum PartsFormat: String, ExpressibleByArgument, CaseIterable {
        case json, ndjson
    }

    func run() throws {
        let out = Output()
        var failed = false
        var first = true
        if format == .json { out.write("[") }
        // Each message is classified too, only to learn its password (if any) and keep it out
        // of the decoded text printed here.
        let secrets = revealSecrets ? nil : Pipeline(
            classifier: Classifier(catalogue: Catalogue.builtIn()),
            options: limits.applied(to: ScanOptions(now: MailDate(epochSeconds: 0, offsetSeconds: 0), all: true, revealSecrets: true)))
        func redacted(_ bytes: [UInt8], _ raw: RawMessage) -> [UInt8] {
            guard let secrets, case .report(let r) = secrets.process(raw), let p = r.account?.password else { return bytes }
            return SecretRedactor.redact(p, inJSON: bytes)
        }
        let readPaths = paths.filter { $0 != "-" }.isEmpty && !paths.isEmpty ? ["-"] : paths
        InputReader(paths: readPaths, options: limits.readerOptions).forEach { event in
            switch event {
            case .failure(let e):
                failed = true
                out.flush()
                Output.error("mailsift: " + TerminalText.sanitize(e.description))
            case .message(let raw):
                let report = PartsReport(raw, limits: limits.mimeLimits)
                switch format {
                case .json:
                    out.write(first ? "\n  " : ",\n  ")
                    out.write(redacted(report.prettyJSONBytes(level: 1), raw))
                case .ndjson:
                    out.write(redacted(report.jsonBytes(), raw) + [0x0A])
                }
                first = false
            }
        }
        if format == .json { out.write(first ? "]\n" : "\n]\n") }
        out.flush()
        if failed { throw ExitCode(1) }
    }
}
