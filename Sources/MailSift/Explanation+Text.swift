import MailMIME
import MailTemplates

extension Explanation {
    /// Readable text for a terminal; every message-supplied string is sanitised.
    public func text(classifier: Classifier) -> String {
        let s = TerminalText.sanitize
        var out: [String] = []
        let r = report
        var head = r.source.path
        if r.source.index > 0 || r.source.offset.map({ $0 > 0 }) == true { head += " #\(r.source.index)" }
        out.append(s(head))
        out.append("  from:     " + (r.from.map { s(Report.show($0)) } ?? "(none)"))
        out.append("  to:       " + (r.to.isEmpty ? "(none)" : s(r.to.map(Report.show).joined(separator: ", "))))
        out.append("  subject:  " + (r.subject.map(s) ?? "(none)"))
        out.append("  date:     " + (r.date?.rfc3339 ?? "(none)"))
        if !r.source.labels.isEmpty { out.append("  labels:   " + s(r.source.labels.joined(separator: ", "))) }

        out.append("")
        out.append("MIME tree")
        let read = Set(scopes.flatMap(\.readableParts))
        var stack: [(MIMEPart, Int)] = [(message.root, 0)]
        var shown = 0
        while let (part, depth) = stack.popLast() {
            shown += 1
            if shown > 500 { out.append("  … (\(message.root.allParts.count - 500) more parts)"); break }
            var line = String(repeating: "  ", count: depth + 1) + part.displayPath + "  " + s(part.mediaType)
            if let c = part.charset { line += "; charset=" + s(c) }
            if part.isMultipart || part.isMessage {
                line += "  (\(part.children.count) part\(part.children.count == 1 ? "" : "s"))"
            } else {
                if part.transferEncoding != "7bit" { line += "  " + s(part.transferEncoding) }
                line += "  \(part.rawBody.count) bytes"
                if let d = part.disposition?.value { line += "  " + s(d) }
                if let f = part.filename { line += "  \"" + s(f) + "\"" }
                if read.contains(part.displayPath) { line += "  [read]" }
            }
            out.append(line)
            for w in part.warnings { out.append(String(repeating: "  ", count: depth + 2) + "! " + s(w.message)) }
            for child in part.children.reversed() { stack.append((child, depth + 1)) }
        }

        out.append("")
        out.append("Classification")
        for scope in scopes {
            let what = scope.path == "root" ? "the message itself" : "the message attached at part \(scope.path)"
            out.append("  in \(what) (\(scope.readableParts.count) readable part\(scope.readableParts.count == 1 ? "" : "s")):")
            switch scope.outcome {
            case .notReached:
                out.append("    not classified: an earlier scope was recognised")
            case .noActionNeedle:
                out.append("    no template considered: no link or link text holds any template's action-link words")
            case .classified(let c, let inline, let original):
                if inline {
                    let from = original.from.map { Report.show($0) } ?? "?"
                    out.append("    forwarded in the body: the original is from " + s(from) + (original.date.map { ", sent \($0.rfc3339)" } ?? ""))
                }
                for e in c.evidence {
                    let head = e.accepted
                        ? (c.template?.id == e.templateID ? "chosen" : "also accepted, lower score")
                        : "rejected"
                    out.append("    \(e.templateID): \(head), score \(e.score) (needs \(e.minScore))")
                    for sig in e.signals {
                        let mark = sig.matched ? "+" : "-"
                        let w = sig.matched && sig.weight > 0 ? " +\(sig.weight)" : ""
                        out.append("      \(mark) \(sig.name)\(w): " + s(sig.detail))
                    }
                    if !e.accepted, e.signals.contains(where: { $0.name == "action-link" && $0.matched }) {
                        out.append("      => " + Self.rejection(e))
                    }
                }
            }
        }
        if let t = r.template {
            out.append("  => kind \(r.kind), template \(s(t))" + (r.forwarded ? ", forwarded" : ""))
        } else {
            out.append("  => kind other: no template matched")
        }

        out.append("")
        out.append("Links")
        if r.links.isEmpty { out.append("  (none)") }
        for (i, link) in r.links.prefix(200).enumerated() {
            let a = LinkAssessment(url: link.url, text: link.text, classifier: classifier)
            out.append("  \(i + 1). " + s(link.url))
            var facts = ["role \(s(link.role))" + (link.url == r.actionURL ? " (the action link)" : "")]
            facts.append("host " + (a.host.isEmpty ? "(none)" : s(a.host)) + ": " + Self.describe(a.trust))
            if a.isHTTP { facts.append("http, not https") }
            out.append("     " + facts.joined(separator: "; "))
            if let t = link.text { out.append("     text: \"" + s(t) + "\"") }
            if a.mismatch, let shown = a.shownHost {
                out.append("     ! the text shows \(s(shown)) (\(Self.describe(a.shownTrust ?? .other))) but the link goes to \(s(a.host))")
            }
            if let u = link.unwrappedFrom {
                out.append("     unwrapped from \(s(u.service)): " + s(u.url))
            }
        }
        if r.links.count > 200 { out.append("  … \(r.links.count - 200) more") }

        out.append("")
        out.append("Expiry")
        out.append(contentsOf: expiryLines().map { "  " + s($0) })

        out.append("")
        out.append("Warnings")
        if r.warnings.isEmpty { out.append("  (none)") }
        for w in r.warnings { out.append("  " + s("\(w.code): \(w.message)")) }
        return out.joined(separator: "\n") + "\n"
    }

    /// The arithmetic, step by step, as a helpdesk agent would check it by hand.
    func expiryLines() -> [String] {
        let r = report
        guard r.kind != "other" else { return ["not worked out: the message was not recognised"] }
        guard let e = r.expiry else {
            return ["unknown: the link carries no readable token and the message states no validity", "status: unknown"]
        }
        var lines: [String] = []
        switch e.basis {
        case "token":
            lines.append("the action link carries a token whose exp claim is \(e.expiresAt.rfc3339)")
            if let p = e.phrase { lines.append("the message also says \"\(p)\"" + (e.seconds.map { " (\(Self.duration($0)))" } ?? "")) }
            else if let sec = e.seconds { lines.append("the token was issued \(Self.duration(sec)) before it expires") }
        default:
            let sent = (r.forwarded ? r.original?.date : nil) ?? r.date
            let from = r.forwarded && r.original?.date != nil ? "the original's Date" : "the Date header"
            if let p = e.phrase, let sec = e.seconds, let sent {
                lines.append("the message says \"\(p)\": \(Self.duration(sec))")
                lines.append("\(from) \(sent.rfc3339) + \(sec) s = \(e.expiresAt.rfc3339)")
            } else {
                lines.append("expires at \(e.expiresAt.rfc3339)")
            }
        }
        let delta = e.expiresAt.epochSeconds - now.epochSeconds
        if delta > 0 {
            lines.append("now \(now.rfc3339): valid for another \(Self.duration(Int(delta)))")
        } else {
            lines.append("now \(now.rfc3339): expired \(Self.duration(Int(-delta))) ago")
        }
        lines.append("status: \(r.status.rawValue)")
        return lines
    }

    static func rejection(_ e: Classification.TemplateEvidence) -> String {
        var why: [String] = []
        if let b = e.signals.first(where: { $0.name == "brand" }), !b.matched { why.append("nothing ties it to the brand") }
        let subject = e.signals.first(where: { $0.name == "subject" })?.matched == true
        let phrases = e.signals.first(where: { $0.name == "phrases" })?.matched == true
        if !subject && !phrases { why.append("neither the subject nor any phrase says it is this mail") }
        if e.score < e.minScore { why.append("score \(e.score) is below \(e.minScore)") }
        return "rejected: " + (why.isEmpty ? "requirements not met" : why.joined(separator: "; "))
    }

    static func describe(_ t: HostTrust) -> String {
        switch t {
        case .official: return "official"
        case .lookalike: return "LOOK-ALIKE of an official domain"
        case .other: return "not official"
        }
    }

    /// 93784 → "1 day 2 h 3 min 4 s"; the largest units only.
    static func duration(_ seconds: Int) -> String {
        if seconds == 0 { return "0 s" }
        var rest = seconds
        var parts: [String] = []
        for (unit, size) in [("day", 86400), ("h", 3600), ("min", 60), ("s", 1)] where rest >= size {
            let n = rest / size
            rest %= size
            parts.append(unit == "day" ? "\(n) day\(n == 1 ? "" : "s")" : "\(n) \(unit)")
            if parts.count == 3 { break }
        }
        return parts.joined(separator: " ")
    }
}
