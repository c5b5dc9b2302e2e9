import ArgumentParser
import MailInput
import MailSift
import MailTemplates

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Report every BSrE mail found: kind, recipient, links, action link, expiry.",
        discussion: """
        Examples:
          mailsift scan Samples/
          mailsift scan --format json --now 2025-11-26T12:00:00Z inbox.mbox
          mailsift scan --all export.mbox | jq -r 'select(.kind != "other") | .action_url'
          mailsift scan --format csv export.mbox > registrations.csv

        --format csv writes a header row, then one row a message (RFC 4180, CRLF
        line ends). A field that begins with =, +, -, @, tab or CR gets a leading '
        so that a spreadsheet shows it as text instead of running it. Passwords
        are never written to CSV. Columns: docs/report.md.
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "ndjson (one report a line), json (one array), text, or csv (one row a message, for a spreadsheet) (default: text on a terminal, ndjson otherwise).")
    var format: FormatOption?

    @Flag(help: "Also report messages that are none of the known kinds (kind 'other').")
    var all = false

    @Flag(help: "Show Informasi Akun passwords instead of [redacted].")
    var revealSecrets = false

    @Flag(help: "Print the summary on stderr even when it is not a terminal.")
    var summary = false

    @Flag(name: .shortAndLong, help: "No summary and no progress on stderr.")
    var quiet = false

    func run() throws {
        let catalogue = try input.catalogue()
        let pipeline = Pipeline(classifier: Classifier(catalogue: catalogue),
                                options: input.scanOptions(all: all, revealSecrets: revealSecrets))
        let format = self.format?.value ?? (System.stdoutIsTerminal ? .text : .ndjson)
        let scanner = Scanner(pipeline: pipeline, jobs: input.jobCount, readerOptions: input.limits.readerOptions) { report in
            switch format {
            case .ndjson: return report.jsonBytes() + [0x0A]
            case .json: return report.prettyJSONBytes(level: 1)
            case .text: return Array(report.textLines().utf8)
            case .csv: return Array(report.csvRecord().utf8)
            }
        }
        let out = Output()
        var first = true
        if format == .json { out.write("[") }
        if format == .csv { out.write(Report.csvHeader) }
        var failed = false
        let meter = ProgressMeter.make(paths: input.readPaths, quiet: quiet)
        let result = scanner.run(paths: input.readPaths, progress: meter.map { m in { m.update($0) } }) { item in
            switch item {
            case .failure(let e):
                failed = true
                out.flush()
                meter?.finish()
                Output.error("mailsift: " + TerminalText.sanitize(e.description))
            case .report(_, let bytes):
                switch format {
                case .ndjson, .csv: break
                case .json: out.write(first ? "\n  " : ",\n  ")
                case .text: if !first { out.write("\n") }
                }
                out.write(bytes)
                first = false
            case .skipped:
                break
            }
        }
        if format == .json { out.write(first ? "]\n" : "\n]\n") }
        out.flush()
        meter?.finish()
        if !quiet && (summary || System.stderrIsTerminal) {
            Output.error("mailsift: " + result.line)
        }
        if failed { throw ExitCode(1) }
    }
}

/// `--format`, with the value names users type.
struct FormatOption: ExpressibleByArgument {
    var value: ReportFormat
    init?(argument: String) {
        guard let v = ReportFormat(rawValue: argument.lowercased()) else { return nil }
        value = v
    }
    static var allValueStrings: [String] { ReportFormat.allCases.map(\.rawValue) }
}
