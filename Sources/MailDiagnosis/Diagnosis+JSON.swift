import MailMIME
import MailSift

extension Diagnosis {
    /// The diagnosis as one JSON document (`docs/diagnosis.schema.json`), indented.
    public func jsonBytes() -> [UInt8] {
        let p = Phrasebook(language, offset: now.offsetSeconds)
        var w = JSONWriter()
        w.raw("{")
        w.key("schema", first: true); w.string(Diagnosis.schema)
        w.key("now"); w.string(now.rfc3339)
        w.key("language"); w.string(language.rawValue)
        w.key("messages_read"); w.int(messagesRead)
        w.key("relevant_messages"); w.int(relevantMessages)
        w.key("recipients"); w.raw("[")
        for (i, r) in recipients.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{")
            w.key("address", first: true); w.string(r.address)
            w.key("name"); w.string(r.name)
            w.key("status"); w.string(r.verdict.status.rawValue)
            w.key("headline"); w.string(r.verdict.headline)
            w.key("actions"); Self.strings(r.verdict.actions, &w)
            w.key("steps"); w.raw("[")
            for (j, s) in r.steps.enumerated() {
                if j > 0 { w.raw(",") }
                w.raw("{")
                w.key("kind", first: true); w.string(s.kind)
                w.key("name"); w.string(p.stepName(s.kind))
                w.key("registration"); w.bool(s.isRegistration)
                w.key("received"); w.bool(s.received)
                w.key("copies"); w.raw("[")
                for (k, c) in s.copies.enumerated() {
                    if k > 0 { w.raw(",") }
                    Self.copy(c, counts: k == 0, &w)
                }
                w.raw("]}")
            }
            w.raw("]")
            w.key("bounces"); w.raw("[")
            for (j, b) in r.bounces.enumerated() {
                if j > 0 { w.raw(",") }
                w.raw("{")
                w.key("source", first: true); w.string(b.source)
                w.key("date"); w.string(b.date?.rfc3339)
                w.key("kind"); w.string(b.kind)
                w.key("status"); w.string(b.status)
                w.key("diagnostic"); w.string(b.diagnostic)
                w.raw("}")
            }
            w.raw("]")
            w.key("suspicious"); w.raw("[")
            for (j, c) in r.suspicious.enumerated() {
                if j > 0 { w.raw(",") }
                Self.copy(c, counts: false, &w)
            }
            w.raw("]}")
        }
        w.raw("]}")
        return JSONPretty.indent(w.out) + [0x0A]
    }

    static func copy(_ c: Copy, counts: Bool, _ w: inout JSONWriter) {
        w.raw("{")
        w.key("source", first: true); w.string(c.source)
        w.key("date"); w.string(c.date?.rfc3339)
        w.key("subject"); w.string(c.subject)
        w.key("counts"); w.bool(counts)
        w.key("place"); w.string(c.place.rawValue)
        w.key("labels"); strings(c.labels, &w)
        w.key("forwarded_by"); w.string(c.forwardedBy)
        w.key("authenticity"); w.raw("{")
        w.key("verdict", first: true); w.string(c.authenticity.verdict.rawValue)
        w.key("official_sender"); w.bool(c.authenticity.officialSender)
        w.key("spf"); w.string(c.authenticity.spf)
        w.key("dkim"); w.string(c.authenticity.dkim)
        w.key("dmarc"); w.string(c.authenticity.dmarc)
        w.key("marked_spam"); if let m = c.authenticity.markedSpam { w.bool(m) } else { w.raw("null") }
        w.key("spam_by"); w.string(c.authenticity.spamBy)
        w.key("reasons"); strings(c.authenticity.reasons, &w)
        w.raw("}")
        w.key("link")
        if let l = c.link {
            w.raw("{")
            w.key("shown", first: true); w.string(l.shown)
            w.key("state"); w.string(l.state.rawValue)
            w.key("expires_at"); w.string(l.expiresAt?.rfc3339)
            w.raw("}")
        } else { w.raw("null") }
        w.raw("}")
    }

    static func strings(_ list: [String], _ w: inout JSONWriter) {
        w.raw("[")
        for (i, s) in list.enumerated() { if i > 0 { w.raw(",") }; w.string(s) }
        w.raw("]")
    }
}
