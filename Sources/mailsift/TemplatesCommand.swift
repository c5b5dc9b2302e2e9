import ArgumentParser
import Foundation
import MailSift
import MailTemplates

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the template catalogue in use: the built-in templates and any added with --templates.",
        discussion: """
        The JSON form is the catalogue file format (mailsift-templates/1, see docs/templates.md):
        a starting point for a template of your own.

        Examples:
          mailsift templates
          mailsift templates --templates ub-siakad.json
          mailsift templates --format json > my-catalogue.json
        """
    )

    @Option(name: .customLong("templates"), help: ArgumentHelp("A template catalogue file to add to the built-in one (repeatable).", valueName: "file"))
    var templateFiles: [String] = []

    @Option(help: "text (a table, the default) or json (the merged catalogue's templates).")
    var format: ListFormat = .text

    enum ListFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        // Layer by layer, to say which file each template in use comes from.
        var catalogue = Catalogue.builtIn()
        var origin: [String: String] = Dictionary(catalogue.templates.map { ($0.id, "built-in") }, uniquingKeysWith: { a, _ in a })
        for path in templateFiles {
            let before = Dictionary(catalogue.templates.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            do { try catalogue.add(file: path) } catch {
                Output.error("mailsift: " + TerminalText.sanitize("\(error)"))
                throw ExitCode(64)
            }
            for t in catalogue.templates where before[t.id] != t {
                origin[t.id] = before[t.id] == nil ? path : "\(path) (overrides \(origin[t.id] ?? "?"))"
            }
        }
        let out = Output()
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            struct Listing: Encodable {
                var format = "mailsift-templates/1"
                var official_domains: [String]
                var lookalike_tokens: [String]
                var templates: [Template]
            }
            let data = try encoder.encode(Listing(official_domains: catalogue.officialDomains,
                                                  lookalike_tokens: catalogue.lookalikeTokens,
                                                  templates: catalogue.templates))
            out.write(Array(data) + [0x0A])
        case .text:
            out.write("catalogue: " + catalogue.sources.joined(separator: " + ") + "\n")
            out.write("official domains: " + catalogue.officialDomains.joined(separator: ", ") + "\n\n")
            var rows = [["ID", "KIND", "ACTION ROLES", "FROM"]]
            for t in catalogue.templates {
                var roles: [String] = []
                for r in t.links where r.action && !roles.contains(r.role) { roles.append(r.role) }
                rows.append([t.id, t.kind, roles.joined(separator: ","), origin[t.id] ?? "?"])
            }
            let widths = (0..<3).map { c in rows.map { $0[c].count }.max()! }
            for row in rows {
                var line = ""
                for c in 0..<3 { line += row[c].padding(toLength: widths[c] + 2, withPad: " ", startingAt: 0) }
                out.write(TerminalText.sanitize(line + row[3]) + "\n")
            }
        }
        out.flush()
    }
}
