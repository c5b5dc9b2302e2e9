import MailMIME

extension Diagnosis {
    /// One self-contained HTML page (inline CSS, no scripts, no external resources) that an agent
    /// can open or attach to a ticket: a timeline per recipient with status colours, readable in
    /// print. Every message-supplied string is HTML-escaped.
    public func html() -> String {
        let p = Phrasebook(language, offset: now.offsetSeconds)
        var h = """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(Self.escape(p.title))</title>
        <style>
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;margin:2rem auto;max-width:60rem;padding:0 1rem}
        h1{font-size:1.5rem;margin:0 0 .25rem}
        .meta{color:#5b6475;margin:0 0 1.5rem}
        section{border:1px solid #d5dae3;border-left:8px solid #8a94a6;border-radius:6px;padding:1rem 1.25rem;margin:0 0 1.5rem;break-inside:avoid}
        section.ok{border-left-color:#1e8e3e}section.action{border-left-color:#e3a008}section.problem{border-left-color:#d93025}
        .badge{display:inline-block;font-weight:700;font-size:.8rem;padding:.15rem .5rem;border-radius:999px;color:#fff;background:#8a94a6;vertical-align:middle}
        .ok .badge{background:#1e8e3e}.action .badge{background:#b07800}.problem .badge{background:#d93025}
        h2{font-size:1.15rem;margin:0 0 .5rem}
        .headline{font-weight:600;margin:.25rem 0 .75rem}
        ol.timeline{list-style:none;padding:0;margin:0 0 .75rem;border-left:3px solid #d5dae3}
        ol.timeline>li{position:relative;padding:.2rem 0 .6rem 1.2rem}
        ol.timeline>li::before{content:"";position:absolute;left:-.5rem;top:.45rem;width:.8rem;height:.8rem;border-radius:50%;background:#1e8e3e;border:2px solid #fff}
        ol.timeline>li.missing::before{background:#d93025}ol.timeline>li.optional.missing::before{background:#e3a008}
        .step{font-weight:600}.state-missing{color:#d93025;font-weight:600}
        ul.copies{list-style:none;padding:0;margin:.25rem 0 0}
        ul.copies li{margin:.2rem 0;padding:.35rem .6rem;background:#f5f7fa;border-radius:4px}
        ul.copies li.older{opacity:.7}
        .place-spam,.place-trash,.place-category{color:#b06000;font-weight:600}
        .link{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem;word-break:break-all}
        .expired{color:#d93025;font-weight:600}.valid{color:#1e8e3e;font-weight:600}
        .suspicious{color:#d93025;font-weight:600}
        .small{color:#5b6475;font-size:.85rem}
        h3{font-size:1rem;margin:.75rem 0 .25rem}
        ol.actions{margin:.25rem 0 0 1.25rem;padding:0}
        @media print{body{margin:0;max-width:none}section{border-left-width:6px}a{color:inherit}}
        </style>
        </head>
        <body>
        <h1>\(Self.escape(p.title))</h1>
        <p class="meta">\(Self.escape(p.summary(read: messagesRead, relevant: relevantMessages, recipients: recipients.count, now: now)))</p>

        """
        if recipients.isEmpty { h += "<p>\(Self.escape(p.noRecipients))</p>\n" }
        for r in recipients {
            let st = r.verdict.status.rawValue
            let who = r.name.map { "\(Self.escape($0)) &lt;\(Self.escape(r.address))&gt;" } ?? Self.escape(r.address)
            h += "<section class=\"\(st)\">\n<h2><span class=\"badge\">\(Self.escape(p.statusWord(r.verdict.status)))</span> \(who)</h2>\n"
            h += "<p class=\"headline\">\(Self.escape(r.verdict.headline))</p>\n<ol class=\"timeline\">\n"
            for step in r.steps {
                let cls = (step.received ? "" : "missing") + (step.isRegistration ? "" : " optional")
                h += "<li class=\"\(cls.trimmingCharacters(in: .whitespaces))\"><span class=\"step\">\(Self.escape(p.stepName(step.kind)))</span>: "
                h += step.received ? Self.escape(p.received) : "<span class=\"state-missing\">\(Self.escape(p.missingWord))</span>"
                if step.received {
                    h += "\n<ul class=\"copies\">\n"
                    for (i, c) in step.copies.enumerated() { h += copyHTML(c, p, older: i > 0) }
                    h += "</ul>"
                }
                h += "</li>\n"
            }
            h += "</ol>\n"
            if !r.bounces.isEmpty {
                h += "<h3 class=\"suspicious\">\(Self.escape(p.bouncesTitle))</h3>\n<ul class=\"copies\">\n"
                for b in r.bounces {
                    let facts = [p.date(b.date), b.kind.map(p.stepName), b.status, b.diagnostic].compactMap { $0 }.joined(separator: " · ")
                    h += "<li>\(Self.escape(facts))<br><span class=\"small\">\(Self.escape(b.source))</span></li>\n"
                }
                h += "</ul>\n"
            }
            if !r.suspicious.isEmpty {
                h += "<h3 class=\"suspicious\">\(Self.escape(p.imitationsTitle))</h3>\n<ul class=\"copies\">\n"
                for c in r.suspicious { h += copyHTML(c, p, older: false) }
                h += "</ul>\n"
            }
            if !r.verdict.actions.isEmpty {
                h += "<h3>\(Self.escape(p.nextSteps))</h3>\n<ol class=\"actions\">\n"
                for a in r.verdict.actions { h += "<li>\(Self.escape(a))</li>\n" }
                h += "</ol>\n"
            }
            h += "</section>\n"
        }
        h += "</body>\n</html>\n"
        return h
    }

    private func copyHTML(_ c: Copy, _ p: Phrasebook, older: Bool) -> String {
        var h = "<li\(older ? " class=\"older\"" : "")>\(Self.escape(p.date(c.date))) · "
        h += "<span class=\"place-\(c.place.rawValue)\">\(Self.escape(p.placeName(c.place)))</span>"
        if !c.labels.isEmpty { h += " <span class=\"small\">[\(Self.escape(c.labels.joined(separator: ", ")))]</span>" }
        var trust = p.trust(c.authenticity.verdict)
        if !c.authenticity.reasons.isEmpty { trust += " (" + c.authenticity.reasons.joined(separator: ", ") + ")" }
        if c.authenticity.markedSpam == true { trust += "; " + p.spamVerdict }
        h += "<br><span class=\"\(c.authenticity.verdict == .suspicious ? "suspicious" : "small")\">\(Self.escape(trust))</span>"
        if let l = c.link {
            let cls = l.state == .expired ? "expired" : l.state == .valid ? "valid" : "small"
            h += "<br><span class=\"link\">\(Self.escape(l.shown))</span> — <span class=\"\(cls)\">\(Self.escape(p.linkState(l.state, l.expiresAt)))</span>"
        }
        if let by = c.forwardedBy { h += "<br><span class=\"small\">↪ \(Self.escape(by))</span>" }
        h += "<br><span class=\"small\">\(Self.escape(c.source))</span></li>\n"
        return h
    }

    /// HTML text and attribute escaping; control characters become U+FFFD.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if u.value < 0x20 && u != "\n" && u != "\t" || (0x7F...0x9F).contains(u.value)
                    || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
