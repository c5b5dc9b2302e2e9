import ArgumentParser
import Foundation
import MailDiagnosis
import MailInput
import MailMIME
import MailSift
import MailTemplates

struct DiagnoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Explain, per recipient, which BSrE emails arrived, where they are, whether their links work, and what to do next.",
        discussion: """
        Reads a person's mailbox export (Gmail Takeout mbox, Maildir, .eml files) and writes, for
        each recipient: the registration steps (Aktivasi Akun, Set Passphrase, Informasi Akun) and
        any reset or other account mail, received or missing, when, in which folder, whether the
        sender is authentic, the link's state, bounces, imitations, and a verdict with the next
        actions in Indonesian (default) or English. Action links are shown with their secret part
        masked unless --show-links; passwords never appear.

        Examples:
          mailsift diagnose takeout.mbox
          mailsift diagnose --user dewi@ub.ac.id --lang en --now 2025-11-26T12:00:00+07:00 Mail/
          mailsift diagnose --format html --output dewi.html takeout.mbox
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Only this recipient's address.", valueName: "address"))
    var user: String?

    @Option(help: "Language of the verdicts: id (Indonesian, the default) or en.")
    var lang: LangOption = .id

    @Option(help: "text (the default), json (docs/diagnosis.schema.json) or html (one self-contained page).")
    var format: DiagnoseFormat = .text

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Colour in text output: auto (on a terminal), always or never.")
    var color: ColorOption = .auto

    @Flag(help: "Show action links whole; by default their tokens are masked (they are credentials).")
    var showLinks = false

    enum LangOption: String, ExpressibleByArgument, CaseIterable { case id, en }
    enum DiagnoseFormat: String, ExpressibleByArgument, CaseIterable { case text, json, html }
    enum ColorOption: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    func run() throws {
        let catalogue = try input.catalogue()
        let pipeline = Pipeline(classifier: Classifier(catalogue: catalogue),
                                options: input.scanOptions(all: true))
        let scanner = Scanner(pipeline: pipeline, jobs: input.jobCount, readerOptions: input.limits.readerOptions) { _ in [] }
        var reports: [Report] = []
        var failed = false
        let summary = scanner.run(paths: input.readPaths) { item in
            switch item {
            case .report(let r, _):
                // Only BSrE's mail and bounces matter here; the rest is counted, not kept.
                if r.kind != "other" || r.bounce != nil { reports.append(r) }
            case .failure(let e):
                failed = true
                Output.error("mailsift: " + TerminalText.sanitize(e.description))
            case .skipped:
                break
            }
        }
        // Times are shown in the reference time's offset: --now's, or this machine's zone.
        var now = input.referenceTime
        if input.now == nil {
            now = MailDate(epochSeconds: now.epochSeconds, offsetSeconds: TimeZone.current.secondsFromGMT())
        }
        let builder = DiagnosisBuilder(now: now, language: lang == .en ? .en : .id,
                                       user: user, showLinks: showLinks)
        let diagnosis = builder.build(reports, messagesRead: summary.messages)
        let bytes: [UInt8]
        switch format {
        case .json: bytes = diagnosis.jsonBytes()
        case .html: bytes = Array(diagnosis.html().utf8)
        case .text:
            let useColor = color == .always || (color == .auto && output == nil && System.stdoutIsTerminal)
            bytes = Array(diagnosis.text(color: useColor).utf8)
        }
        if let output {
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: output))
            } catch {
                Output.error("mailsift: \(output): cannot write: \(error.localizedDescription)")
                throw ExitCode(1)
            }
        } else {
            let out = Output()
            out.write(bytes)
            out.flush()
        }
        if failed { throw ExitCode(1) }
    }
}
