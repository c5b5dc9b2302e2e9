import MailMIME
import MailSift

extension Diagnosis {
    /// For a terminal: one block per recipient, the verdict first. `color` adds ANSI colours for
    /// the status words only; every message-supplied string is sanitised either way.
    public func text(color: Bool) -> String {
        let p = Phrasebook(language, offset: now.offsetSeconds)
        let s = TerminalText.sanitize
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func statusColor(_ st: Verdict.Status) -> String { st == .ok ? "32" : st == .action ? "33" : "31" }
        var out: [String] = [paint(p.title, "1"), p.summary(read: messagesRead, relevant: relevantMessages, recipients: recipients.count, now: now)]
        if recipients.isEmpty { out.append(""); out.append(p.noRecipients) }
        for r in recipients {
            out.append("")
            let who = r.name.map { "\(s($0)) <\(s(r.address))>" } ?? s(r.address)
            out.append(paint("[\(p.statusWord(r.verdict.status))]", "1;" + statusColor(r.verdict.status)) + " " + paint(who, "1"))
            out.append("  " + s(r.verdict.headline))
            for step in r.steps {
                let mark = step.received ? paint("✔", "32") : paint("✘", step.isRegistration ? "31" : "33")
                out.append("  \(mark) \(p.stepName(step.kind)): " + (step.received ? p.received : p.missingWord))
                for (i, c) in step.copies.enumerated() {
                    out.append(contentsOf: copyLines(c, p, s, indent: "      ", older: i > 0, paint: paint))
                }
            }
            if !r.bounces.isEmpty {
                out.append("  " + paint(p.bouncesTitle, "31") + ":")
                for b in r.bounces {
                    out.append("      " + s([p.date(b.date), b.kind.map(p.stepName), b.status, b.diagnostic].compactMap { $0 }.joined(separator: " · ")))
                    out.append("      " + s(b.source))
                }
            }
            if !r.suspicious.isEmpty {
                out.append("  " + paint(p.imitationsTitle, "31") + ":")
                for c in r.suspicious { out.append(contentsOf: copyLines(c, p, s, indent: "      ", older: false, paint: paint)) }
            }
            if !r.verdict.actions.isEmpty {
                out.append("  \(p.nextSteps):")
                for (i, a) in r.verdict.actions.enumerated() { out.append("    \(i + 1). " + s(a)) }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func copyLines(_ c: Copy, _ p: Phrasebook, _ s: (String) -> String, indent: String, older: Bool,
                           paint: (String, String) -> String) -> [String] {
        var facts = [p.date(c.date), p.placeName(c.place)]
        if !c.labels.isEmpty { facts.append("[" + c.labels.joined(separator: ", ") + "]") }
        var lines = [indent + (older ? "· " : "• ") + s(facts.joined(separator: " · "))]
        var trust = p.trust(c.authenticity.verdict)
        if !c.authenticity.reasons.isEmpty { trust += " (" + c.authenticity.reasons.joined(separator: ", ") + ")" }
        if c.authenticity.markedSpam == true { trust += "; " + p.spamVerdict }
        lines.append(indent + "  " + s(trust))
        if let l = c.link {
            let state = p.linkState(l.state, l.expiresAt)
            lines.append(indent + "  " + s(l.shown) + " — " + (l.state == .expired ? paint(state, "31") : state))
        }
        if let by = c.forwardedBy { lines.append(indent + "  ↪ " + s(by)) }
        lines.append(indent + "  " + s(c.source))
        return lines
    }
}
