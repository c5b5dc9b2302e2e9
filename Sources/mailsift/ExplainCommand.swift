import ArgumentParser
import MailInput
import MailSift
import MailTemplates

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain, in readable text, how mailsift judged each message: MIME tree, template signals, link trust, expiry arithmetic.",
        discussion: """
        Every message in the input is explained in turn; --index picks one message of a mailbox.

        Examples:
          mailsift explain Samples/04-reset-password-multipart-jwt-crlf.eml
          mailsift explain --index 2 --now 2025-11-26T12:00:00Z export.mbox
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Explain only the message with this index (0-based, as in the report's source.index).")
    var index: Int?

    func run() throws {
        let classifier = Classifier(catalogue: try input.catalogue())
        let pipeline = Pipeline(classifier: classifier, options: input.scanOptions())
        let out = Output()
        var failed = false
        var first = true
        InputReader(paths: input.readPaths, options: input.limits.readerOptions).forEach { event in
            switch event {
            case .failure(let e):
                failed = true
                out.flush()
                Output.error("mailsift: " + TerminalText.sanitize(e.description))
            case .message(let raw):
                if let index, raw.origin.index != index { return }
                if !first { out.write("\n" + String(repeating: "─", count: 60) + "\n\n") }
                out.write(pipeline.explain(raw).text(classifier: classifier))
                first = false
            }
        }
        out.flush()
        if failed { throw ExitCode(1) }
    }
}
