import ArgumentParser
import MailMIME
import MailSift
import MailTemplates

/// Options every reading subcommand shares.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Message files, folders, mbox files or Maildirs; '-' or nothing reads standard input.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Reference time for link status, RFC 3339 (default: now).", valueName: "time"))
    var now: String?

    @Option(name: .customLong("templates"), help: ArgumentHelp("A template catalogue file to add to the built-in one (repeatable).", valueName: "file"))
    var templateFiles: [String] = []

    @Option(help: "Messages processed in parallel (default: all cores).")
    var jobs: Int?

    @OptionGroup(title: "Limits (each one hit is a warning on the message's report)")
    var limits: LimitOptions

    func validate() throws {
        if let now, MailDate.parseRFC3339(now) == nil {
            throw ValidationError("--now '\(now)' is not an RFC 3339 time (e.g. 2025-11-26T12:00:00+07:00)")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    var referenceTime: MailDate {
        if let now, let d = MailDate.parseRFC3339(now) { return d }
        return MailDate.current()
    }

    var readPaths: [String] { paths.filter { $0 != "-" }.isEmpty && !paths.isEmpty ? ["-"] : paths }

    func catalogue() throws -> Catalogue {
        var c = Catalogue.builtIn()
        for f in templateFiles {
            do { try c.add(file: f) } catch {
                // A bad file is not a usage mistake: name it and the field, without the usage text.
                Output.error("mailsift: " + TerminalText.sanitize("\(error)"))
                throw ExitCode(64)
            }
        }
        return c
    }

    var jobCount: Int { jobs ?? System.coreCount }

    /// Scan options at the reference time, with the limits given.
    func scanOptions(all: Bool = false, revealSecrets: Bool = false) -> ScanOptions {
        limits.applied(to: ScanOptions(now: referenceTime, all: all, revealSecrets: revealSecrets))
    }
}
