import MailMIME

extension Report {
    /// The report as one line of JSON (no trailing newline).
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter()
        w.raw("{")
        w.key("schema", first: true); w.string(Report.schema)
        w.key("source"); w.raw("{")
        w.key("path", first: true); w.string(source.path)
        w.key("index"); w.int(source.index)
        w.key("offset"); w.int(source.offset)
        w.key("labels"); w.raw("[")
        for (i, l) in source.labels.enumerated() { if i > 0 { w.raw(",") }; w.string(l) }
        w.raw("]")
        w.key("labels_raw"); w.raw("[")
        for (i, l) in source.labelsRaw.enumerated() { if i > 0 { w.raw(",") }; w.string(l) }
        w.raw("]}")
        w.key("message_id"); w.string(messageID)
        w.key("date"); w.string(date?.rfc3339)
        w.key("from")
        if let from { w.address(from) } else { w.raw("null") }
        w.key("to"); w.addresses(to)
        w.key("subject"); w.string(subject)
        w.key("kind"); w.string(kind)
        w.key("template"); w.string(template)
        w.key("forwarded"); w.bool(forwarded)
        w.key("original")
        if let o = original {
            w.raw("{")
            w.key("from", first: true)
            if let f = o.from { w.address(f) } else { w.raw("null") }
            w.key("date"); w.string(o.date?.rfc3339)
            w.key("subject"); w.string(o.subject)
            w.raw("}")
        } else { w.raw("null") }
        w.key("recipient_name"); w.string(recipientName)
        w.key("links"); w.raw("[")
        for (i, l) in links.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{")
            w.key("url", first: true); w.string(l.url)
            w.key("text"); w.string(l.text)
            w.key("role"); w.string(l.role)
            w.key("official"); w.bool(l.official)
            w.key("unwrapped_from")
            if let u = l.unwrappedFrom {
                w.raw("{"); w.key("service", first: true); w.string(u.service); w.key("url"); w.string(u.url)
                w.key("chain"); w.raw("[")
                for (k, c) in u.chain.enumerated() { if k > 0 { w.raw(",") }; w.string(c) }
                w.raw("]}")
            } else { w.raw("null") }
            w.key("wrapped_by"); w.string(l.wrappedBy)
            w.raw("}")
        }
        w.raw("]")
        w.key("action_url"); w.string(actionURL)
        w.key("expiry")
        if let e = expiry {
            w.raw("{")
            w.key("phrase", first: true); w.string(e.phrase)
            w.key("seconds"); w.int(e.seconds)
            w.key("expires_at"); w.string(e.expiresAt.rfc3339)
            w.key("basis"); w.string(e.basis)
            w.raw("}")
        } else { w.raw("null") }
        w.key("status"); w.string(status.rawValue)
        w.key("account")
        if let a = account {
            w.raw("{"); w.key("username", first: true); w.string(a.username); w.key("password"); w.string(a.password); w.raw("}")
        } else { w.raw("null") }
        w.key("auth")
        if let a = auth {
            w.raw("{"); w.key("spf", first: true); w.string(a.spf); w.key("dkim"); w.string(a.dkim)
            w.key("dmarc"); w.string(a.dmarc); w.raw("}")
        } else { w.raw("null") }
        w.key("spam")
        if let sp = spam {
            w.raw("{"); w.key("spam", first: true); w.bool(sp.isSpam); w.key("by"); w.string(sp.by)
            w.key("detail"); w.string(sp.detail); w.raw("}")
        } else { w.raw("null") }
        w.key("bounce")
        if let b = bounce {
            w.raw("{")
            w.key("recipient", first: true); w.string(b.recipient)
            w.key("status"); w.string(b.status)
            w.key("action"); w.string(b.action)
            w.key("diagnostic"); w.string(b.diagnostic)
            w.key("original")
            if let o = b.original {
                w.raw("{")
                w.key("from", first: true)
                if let f = o.from { w.address(f) } else { w.raw("null") }
                w.key("to"); w.addresses(o.to)
                w.key("date"); w.string(o.date?.rfc3339)
                w.key("subject"); w.string(o.subject)
                w.key("message_id"); w.string(o.messageID)
                w.key("kind"); w.string(o.kind)
                w.raw("}")
            } else { w.raw("null") }
            w.raw("}")
        } else { w.raw("null") }
        w.key("warnings"); w.warnings(warnings)
        w.raw("}")
        return w.out
    }
}

extension Report {
    /// The report indented two spaces a level (as `jq .` prints it), starting at `level`.
    public func prettyJSONBytes(level: Int = 0) -> [UInt8] {
        JSONPretty.indent(jsonBytes(), level: level)
    }
}
