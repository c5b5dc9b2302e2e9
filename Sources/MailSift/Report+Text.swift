import MailMIME

extension Report {
    /// A few lines for a person at a terminal; every message-supplied string is sanitised.
    public func textLines() -> String {
        let s = TerminalText.sanitize
        var lines: [String] = []
        var head = "\(source.path)"
        if source.index > 0 || source.offset.map({ $0 > 0 }) == true { head += " #\(source.index)" }
        head += "  \(kind)"
        if forwarded { head += " (forwarded)" }
        lines.append(s(head))
        if let date { lines.append("  date:     \(date.rfc3339)") }
        if let from { lines.append("  from:     " + s(Self.show(from))) }
        if !to.isEmpty { lines.append("  to:       " + s(to.map(Self.show).joined(separator: ", "))) }
        if let subject { lines.append("  subject:  " + s(subject)) }
        if let o = original {
            var parts: [String] = []
            if let f = o.from { parts.append(Self.show(f)) }
            if let d = o.date { parts.append(d.rfc3339) }
            if let sub = o.subject { parts.append("\"\(sub)\"") }
            lines.append("  original: " + s(parts.joined(separator: ", ")))
        }
        if !source.labels.isEmpty {
            // A label may itself hold a comma ("Kuliah, 2025"): quote those.
            let shown = source.labels.map { $0.contains(",") ? "\"\($0)\"" : $0 }
            lines.append("  labels:   " + s(shown.joined(separator: ", ")))
        }
        if let recipientName { lines.append("  name:     " + s(recipientName)) }
        if let account {
            lines.append("  username: " + s(account.username ?? "-"))
            if let p = account.password { lines.append("  password: " + s(p)) }
        }
        if let actionURL { lines.append("  action:   " + s(actionURL)) }
        if kind != "other" {
            switch (status, expiry) {
            case (.valid, let e?): lines.append("  status:   valid until \(e.expiresAt.rfc3339) (\(e.basis))")
            case (.expired, let e?): lines.append("  status:   expired since \(e.expiresAt.rfc3339) (\(e.basis))")
            default: lines.append("  status:   unknown (no expiry stated)")
            }
        } else if !links.isEmpty {
            lines.append("  links:    \(links.count)")
        }
        for w in warnings { lines.append("  warning:  " + s("\(w.code): \(w.message)")) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func show(_ a: MailAddress) -> String {
        if let n = a.name { return "\(n) <\(a.address)>" }
        return a.address
    }
}
