import Foundation
import Testing
@testable import MailSift

/// docs/report.md stays in step with the contract and with what mailsift really writes.
@Suite struct ReportDocsTests {
    /// The paths of one table of docs/report.md: the backticked first cell of each row under
    /// the heading `## title`, up to the next heading.
    static func documentedPaths(under title: String) throws -> [String] {
        let text = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("docs/report.md"), encoding: .utf8)
        var inSection = false
        var paths: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { inSection = line == "## \(title)"; continue }
            guard inSection, line.hasPrefix("| `") else { continue }
            let cell = line.dropFirst(3).prefix { $0 != "`" }
            paths.append(String(cell))
        }
        if paths.isEmpty { throw TestFailure("docs/report.md has no table under '## \(title)'") }
        return paths
    }

    /// Every property path the schema defines, `$ref`s, `oneOf` and `items` followed.
    static func schemaPaths() throws -> Set<String> {
        let url = try TestSupport.requireShared().appendingPathComponent("contract/report.schema.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let defs = schema["$defs"] as? [String: Any] ?? [:]
        var paths = Set<String>()
        func walk(_ node: [String: Any], _ prefix: String) {
            if let ref = node["$ref"] as? String, let def = defs[String(ref.split(separator: "/").last!)] as? [String: Any] {
                walk(def, prefix)
            }
            for key in ["oneOf", "anyOf", "allOf"] {
                for alt in node[key] as? [[String: Any]] ?? [] { walk(alt, prefix) }
            }
            if let items = node["items"] as? [String: Any] { walk(items, prefix + "[]") }
            for (name, sub) in node["properties"] as? [String: Any] ?? [:] {
                let path = prefix.isEmpty ? name : "\(prefix).\(name)"
                paths.insert(path)
                if let sub = sub as? [String: Any] { walk(sub, path) }
            }
        }
        walk(schema, "")
        return paths
    }

    /// Every key path in the reports of all samples and all diagnose exports.
    static func writtenPaths() throws -> Set<String> {
        let run = try TestSupport.run(["scan", "--all", "--format", "ndjson", "--now", TestSupport.now, "Samples"])
        var paths = Set<String>()
        func walk(_ v: Any, _ prefix: String) {
            if let o = v as? [String: Any] {
                for (k, x) in o {
                    let p = prefix.isEmpty ? k : "\(prefix).\(k)"
                    paths.insert(p)
                    walk(x, p)
                }
            } else if let a = v as? [Any] {
                for x in a { walk(x, prefix + "[]") }
            }
        }
        for line in run.out.split(separator: "\n") {
            walk(try JSONSerialization.jsonObject(with: Data(line.utf8)), "")
        }
        return paths
    }

    @Test func contractTableMatchesTheSchema() throws {
        let documented = try Self.documentedPaths(under: "Contract fields")
        let schema = try Self.schemaPaths()
        #expect(Set(documented).count == documented.count, "a path is documented twice")
        let undocumented = schema.subtracting(documented).sorted()
        let unknown = Set(documented).subtracting(schema).sorted()
        #expect(undocumented.isEmpty, "in the schema but not in docs/report.md: \(undocumented)")
        #expect(unknown.isEmpty, "in docs/report.md's contract table but not in the schema: \(unknown)")
    }

    @Test func additionsAreWrittenAndNotInTheSchema() throws {
        let additions = try Self.documentedPaths(under: "Additions beyond the contract")
        let schema = try Self.schemaPaths()
        let written = try Self.writtenPaths()
        #expect(Set(additions).isDisjoint(with: schema), "move these to the contract table: \(Set(additions).intersection(schema).sorted())")
        let neverWritten = Set(additions).subtracting(written).sorted()
        #expect(neverWritten.isEmpty, "documented but never written for any sample: \(neverWritten)")
        let undocumented = written.subtracting(schema).subtracting(additions).sorted()
        #expect(undocumented.isEmpty, "written but documented nowhere: \(undocumented)")
    }

    @Test func csvTableMatchesTheColumns() throws {
        #expect(try Self.documentedPaths(under: "CSV columns") == Report.csvColumns)
    }
    /// Every warning code the sources write is explained in docs/report.md, and every code the
    /// table lists is still written somewhere.
    @Test func everyWarningCodeIsDocumented() throws {
        let documented = Set(try Self.documentedPaths(under: "Warning codes"))
        let pattern = try NSRegularExpression(pattern: #"MailWarning\(\s*"([a-z0-9-]+)""#)
        var used = Set<String>()
        let sources = TestSupport.repoRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert((text as NSString).substring(with: m.range(at: 1)))
            }
        }
        #expect(used.count > 20, "the pattern no longer finds the codes")
        #expect(used.subtracting(documented).sorted() == [], "written but not documented")
        #expect(documented.subtracting(used).sorted() == [], "documented but never written")
    }
}
