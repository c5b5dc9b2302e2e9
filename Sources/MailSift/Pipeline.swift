import MailHTML
import MailInput
import MailMIME
import MailTemplates

/// Raw message in, report out: parse MIME, decode the readable parts, read links, classify,
/// work out the expiry. A value with no mutable state, so workers can share one.
public struct Pipeline: Sendable {
    /// Decides each message's kind.
    public let classifier: Classifier
    /// The reference time, `--all`, secrets and limits.
    public let options: ScanOptions
    private let prefilter: ByteSearch

    /// A pipeline that classifies with `classifier` under `options`.
    public init(classifier: Classifier, options: ScanOptions) {
        self.classifier = classifier
        self.options = options
        self.prefilter = ByteSearch(needles: classifier.needles)
    }

    /// Never fails: damage becomes warnings on the report.
    public func process(_ raw: RawMessage) -> Outcome {
        var trace: Trace? = nil
        return run(raw, trace: &trace)
    }

    /// The report of one message (as under `--all`) with every step that led to it.
    public func explain(_ raw: RawMessage) -> Explanation {
        var all = options
        all.all = true
        var trace: Trace? = Trace()
        let outcome = Pipeline(classifier: classifier, options: all).run(raw, trace: &trace)
        guard case .report(let r) = outcome, let trace else { preconditionFailure("--all always reports") }
        return Explanation(message: trace.message!, report: r, scopes: trace.scopes, now: options.now)
    }

    /// What `explain` records while the pipeline runs; nil (and free) for a scan.
    struct Trace {
        var message: Message?
        var scopes: [Explanation.Scope] = []
    }

    private func run(_ raw: RawMessage, trace: inout Trace?) -> Outcome {
        let message = MessageParser.parse(raw.bytes, limits: options.limits)
        var warnings = message.allWarnings
        if let full = raw.truncatedFrom {
            warnings.insert(MailWarning("message-too-large",
                "the message is \(full) bytes, over the size limit; only its first \(raw.bytes.count) bytes were read"), at: 0)
        }

        // Decode each scope's readable parts once; everything after works on text.
        // The message's decoded budget is shared by all its readable parts.
        var scopes: [DecodedScope] = []
        let messageScopes = MessageScope.scopes(of: message)
        var budget = options.limits.maxDecodedMessageBytes
        var notDecoded = 0
        for scope in messageScopes {
            var d = DecodedScope(headers: scope.headers, texts: [])
            for part in scope.parts {
                guard budget > 0 else { notDecoded += 1; continue }
                let (text, w) = part.decodedText(limit: min(options.limits.maxDecodedPartBytes, budget))
                budget -= text.utf8.count
                warnings.append(contentsOf: w)
                d.texts.append((part.mediaType == "text/html", text))
            }
            scopes.append(d)
        }
        if notDecoded > 0 || budget < 0 {
            warnings.append(MailWarning("message-decoded-too-large",
                "the readable parts decode to more than \(options.limits.maxDecodedMessageBytes) bytes; \(notDecoded) part(s) past that were not read"))
        }
        if trace != nil {
            trace!.message = message
            trace!.scopes = messageScopes.map { Explanation.Scope(path: $0.path, readableParts: $0.parts.map(\.displayPath)) }
        }

        // Cheap pre-filter: a message none of whose text holds a template's needle cannot match,
        // and its HTML need not be parsed. Under --all every message's links are read anyway.
        // A bounce is rare and may carry only the returned mail's headers: always look at it.
        let failure = DeliveryFailure.detect(message)
        if failure == nil && !options.all && !mayMatch(scopes) {
            return .skipped(warnings: warnings.count)
        }

        var linkBudget = options.maxLinks
        var extracted = scopes.map { extract($0, linkBudget: &linkBudget) }
        for e in extracted { warnings.append(contentsOf: e.warnings) }
        var chosen: (scope: Int, verdict: Classification)? = nil
        var forwardedOriginal: Report.Original? = nil
        for (i, scope) in scopes.enumerated() {
            // An action link must show a needle in its URL or its text; without one, no
            // template can claim this scope, and its visible text need not be assembled.
            guard extracted[i].links.contains(where: { prefilter.matches($0.url) || $0.text.map(prefilter.matches) == true })
            else {
                trace?.scopes[i].outcome = .noActionNeedle
                continue
            }
            let text = extracted[i].text
            // Forwarded in the body: the original's sender, date and subject are what count.
            let ownDate = scope.headers.first("date").flatMap { DateParser.parse($0) }
            let inline = InlineForward.detect(text, localOffset: ownDate?.offsetSeconds, forwardedAt: ownDate)
            let original = Report.Original(
                from: inline?.from ?? scope.headers.first("from").flatMap { AddressParser.parse($0).first },
                date: inline?.date ?? ownDate,
                subject: inline?.subject ?? scope.headers.text("subject")?.text)
            // A URL shown as an anchor's text while the anchor goes elsewhere is the real link
            // behind a click tracker only when the brand itself sent the mail; otherwise it is
            // bait, and must not become the action link.
            if !isOfficial(sender: original.from?.address) {
                let keep = extracted[i].links.indices.filter { extracted[i].links[$0].shownByAnchor == nil }
                if keep.count < extracted[i].links.count {
                    extracted[i].links = keep.map { extracted[i].links[$0] }
                    extracted[i].unwrapped = keep.map { extracted[i].unwrapped[$0] }
                }
            }
            var input = ClassifierInput(subject: original.subject, sender: original.from?.address,
                                        links: extracted[i].links, text: text, date: original.date)
            input.opaqueLinks = Set(extracted[i].unwrapped.indices.filter { extracted[i].unwrapped[$0]?.unresolved != nil })
            let verdict = classifier.classify(input)
            trace?.scopes[i].outcome = .classified(verdict, inlineForward: inline != nil, original: original)
            if verdict.template != nil {
                chosen = (i, verdict)
                if i > 0 || inline != nil { forwardedOriginal = original }
                break
            }
            if i == 0 { extracted[0].verdict = verdict }
        }
        if let failure {
            // The mail inside came back undelivered: it tells what did NOT arrive.
            let returnedKind = chosen?.verdict.kind ?? failure.returned.flatMap(kindBySubject)
            if returnedKind == nil && !options.all { return .skipped(warnings: warnings.count) }
            var r = report(raw: raw, message: message, extracted: extracted, chosen: chosen, warnings: warnings)
            r.kind = returnedKind == nil ? "other" : "delivery-failure"
            r.template = nil
            r.actionURL = nil
            r.expiry = nil
            r.status = .unknown
            r.account = nil
            r.recipientName = nil
            r.bounce = Report.Bounce(
                recipient: failure.recipient, status: failure.status, action: failure.action,
                diagnostic: failure.diagnostic,
                original: failure.returned.map { h in
                    Report.Bounce.Returned(
                        from: h.first("from").flatMap { AddressParser.parse($0).first },
                        to: h.first("to").map { AddressParser.parse($0) } ?? [],
                        date: h.first("date").flatMap { DateParser.parse($0) },
                        subject: h.text("subject")?.text,
                        messageID: h.first("message-id").flatMap(Self.messageID),
                        kind: returnedKind)
                })
            // The sender and expiry warnings were about the returned mail, not this report.
            r.warnings.removeAll { ["sender-not-official", "unofficial-link-host", "insecure-link", "expiry-without-date"].contains($0.code) }
            return .report(r)
        }
        if chosen == nil && !options.all {
            return .skipped(warnings: warnings.count)
        }
        var r = report(raw: raw, message: message, extracted: extracted, chosen: chosen, warnings: warnings)
        if let forwardedOriginal {
            r.forwarded = true
            r.original = forwardedOriginal
        }
        return .report(r)
    }

    struct DecodedScope {
        var headers: HeaderBlock
        var texts: [(isHTML: Bool, text: String)]
    }

    struct Extracted {
        /// Links as their destination: rewriters (Safe Links, Proofpoint, …) taken off.
        var links: [ExtractedLink]
        /// Per link: the wrapped form the message had, or nil.
        var unwrapped: [UnwrappedLink?] = []
        /// Each readable part's content; the visible text is assembled only when asked for.
        var parts: [Part]
        var verdict: Classification? = nil
        /// Limits met while reading links (HTML size and depth, links per message).
        var warnings: [MailWarning] = []

        enum Part {
            case html(HTMLContent)
            case plain(String)
        }

        var text: String {
            parts.map { part -> String in
                switch part {
                case .html(let c): return c.text
                case .plain(let t): return t
                }
            }.joined(separator: "\n\n")
        }
    }

    private func mayMatch(_ scopes: [DecodedScope]) -> Bool {
        if prefilter.isEmpty { return true }
        for scope in scopes {
            for (_, text) in scope.texts where prefilter.matches(text) {
                return true
            }
        }
        return false
    }

    /// Links from every readable part in document order, de-duplicated by URL (the first
    /// anchor text seen is kept), and the visible text of all of them.
    /// `linkBudget`: links the message may still have (shared by its scopes), decreased here.
    private func extract(_ scope: DecodedScope, linkBudget remaining: inout Int) -> Extracted {
        var links: [ExtractedLink] = []
        var unwrapped: [UnwrappedLink?] = []
        var index: [String: Int] = [:]
        var parts: [Extracted.Part] = []
        var warnings: [MailWarning] = []
        var linkLimitHit = false
        for (isHTML, text) in scope.texts {
            var found: [ExtractedLink]
            let linkBudget = max(0, remaining)
            if isHTML {
                var html = text
                if html.utf8.count > options.maxHTMLBytes {
                    html = Self.prefix(html, utf8Bytes: options.maxHTMLBytes)
                    warnings.append(MailWarning("html-too-large",
                        "an HTML part of \(text.utf8.count) bytes was read only to its first \(options.maxHTMLBytes) bytes"))
                }
                let content = HTMLExtractor.extract(html, maxLinks: linkBudget, maxDepth: options.maxHTMLDepth)
                found = content.links
                if content.linkLimitHit { linkLimitHit = true }
                if content.depthLimitHit {
                    warnings.append(MailWarning("html-too-deep",
                        "HTML elements nested deeper than \(options.maxHTMLDepth) levels were skipped, with their text and links"))
                }
                parts.append(.html(content))
            } else {
                found = TextLinkScanner.scan(text, maxLinks: linkBudget + 1)
                if found.count > linkBudget {
                    found.removeLast(found.count - linkBudget)
                    linkLimitHit = true
                }
                parts.append(.plain(text))
            }
            remaining -= found.count
            for var link in found {
                // The destination counts, not the gateway: rules and trust judge the real link.
                let u = LinkUnwrapper.unwrap(link.url, maxDepth: options.maxUnwrapDepth)
                if u.isWrapped { link.url = u.url }
                // Few links: a linear search beats hashing every URL; past 32, an index.
                let existing: Int?
                if links.count < 32 {
                    existing = links.firstIndex { $0.url == link.url }
                } else {
                    if index.isEmpty { for (k, l) in links.enumerated() { index[l.url] = k } }
                    existing = index[link.url]
                }
                if let i = existing {
                    if links[i].text == nil, link.text != nil { links[i].text = link.text }
                    // The same destination, once wrapped: the report says it was.
                    if unwrapped[i] == nil, u.isWrapped { unwrapped[i] = u }
                } else {
                    if !index.isEmpty { index[link.url] = links.count }
                    links.append(link)
                    unwrapped.append(u.isWrapped ? u : nil)
                }
            }
        }
        if linkLimitHit {
            warnings.append(MailWarning("too-many-links",
                "the message has more than \(options.maxLinks) links; the rest were not read"))
        }
        return Extracted(links: links, unwrapped: unwrapped, parts: parts, warnings: warnings)
    }

    /// The longest prefix of `s` of at most `count` UTF-8 bytes that ends on a character.
    static func prefix(_ s: String, utf8Bytes count: Int) -> String {
        var end = s.utf8.index(s.utf8.startIndex, offsetBy: count)
        while end > s.startIndex, end.samePosition(in: s.unicodeScalars) == nil { end = s.utf8.index(before: end) }
        return String(s.unicodeScalars[..<end])
    }

    private func report(raw: RawMessage, message: Message, extracted: [Extracted],
                        chosen: (scope: Int, verdict: Classification)?, warnings: [MailWarning]) -> Report {
        var warnings = warnings
        let headers = message.headers
        let subject = headers.text("subject")
        if let subject { warnings.append(contentsOf: subject.warnings) }
        let date = message.date
        if headers.first("date") == nil {
            warnings.append(MailWarning("missing-date", "the message has no Date header"))
        } else if date == nil {
            warnings.append(MailWarning("bad-date", "the Date header could not be read: \(String(decoding: headers.first("date")!.prefix(80), as: UTF8.self))"))
        }

        // Links: the recognised scope's verdicts, then every other scope's links as role other.
        var links: [Report.Link] = []
        // Scopes were de-duplicated each on their own; only across scopes can a URL repeat.
        var seen: [String: Int] = [:]
        var order = Array(extracted.indices)
        if let c = chosen?.scope { order.removeAll { $0 == c }; order.insert(c, at: 0) }
        for s in order {
            let verdict = s == chosen?.scope ? chosen?.verdict : extracted[s].verdict
            for (i, l) in extracted[s].links.enumerated() {
                if extracted.count > 1 {
                    if let j = seen[l.url] {
                        if links[j].text == nil, l.text != nil { links[j].text = l.text }
                        continue
                    }
                    seen[l.url] = links.count
                }
                let v = verdict.flatMap { i < $0.links.count ? $0.links[i] : nil }
                let u = extracted[s].unwrapped[i]
                let resolved = u?.isResolved ?? true
                links.append(Report.Link(
                    url: l.url, text: l.text, role: v?.role ?? "other",
                    // A gateway URL whose destination is unknown is never official.
                    official: resolved && (v?.official ?? classifier.isOfficial(l.url)),
                    unwrappedFrom: u.flatMap { u in
                        u.steps.first.map { Report.UnwrappedFrom(service: $0.rewriter.rawValue, url: $0.url,
                                                                 chain: u.steps.map(\.rewriter.rawValue)) }
                    },
                    wrappedBy: u?.unresolved?.rewriter.rawValue))
                if let w = u?.unresolved {
                    warnings.append(w.reason == .opaque
                        ? MailWarning("unresolved-link-wrapper", "a link is wrapped by \(w.rewriter.rawValue), which cannot be resolved offline; where it leads is unknown")
                        : MailWarning("unresolved-link-wrapper", "a link wrapped by \(w.rewriter.rawValue) could not be decoded; where it leads is unknown"))
                }
                if u?.depthLimitReached == true {
                    warnings.append(MailWarning("unwrap-depth-limit", "a link is wrapped more than \(options.maxUnwrapDepth) times; unwrapping stopped"))
                }
            }
        }

        // Where the mailbox kept it: the container's folder and flags, then Gmail's labels;
        // canonical names for the system ones, and the labels as written beside them.
        var rawLabels = raw.origin.labels
        for value in headers.all("x-gmail-labels") {
            rawLabels.append(contentsOf: GmailLabels.parse(EncodedWordDecoder.decode(value).text))
        }
        var labels: [String] = []
        for label in rawLabels {
            let name = MailboxLabels.canonical(label) ?? label
            if !labels.contains(name) { labels.append(name) }
        }

        var r = Report(
            source: .init(path: raw.origin.path, index: raw.origin.index, offset: raw.origin.offset, labels: labels,
                          labelsRaw: rawLabels),
            messageID: message.messageID, date: date, from: message.from.first, to: message.to,
            subject: subject?.text, kind: "other", template: nil, forwarded: false, recipientName: nil,
            links: links, actionURL: nil, expiry: nil, status: .unknown, account: nil,
            auth: AuthenticationResults.parse(headers), warnings: [], original: nil,
            spam: SpamVerdict.parse(headers).map { Report.Spam(isSpam: $0.isSpam, by: $0.by, detail: $0.detail) })
        if let (scope, verdict) = chosen, let template = verdict.template {
            r.kind = template.kind
            r.template = template.id
            r.forwarded = scope > 0
            r.recipientName = verdict.recipientName
            if let a = verdict.actionIndex { r.actionURL = extracted[scope].links[a].url }
            if let e = verdict.expiry {
                r.expiry = .init(phrase: e.phrase, seconds: e.seconds, expiresAt: e.expiresAt, basis: e.basis.rawValue)
                r.status = options.now.epochSeconds < e.expiresAt.epochSeconds ? .valid : .expired
            }
            if verdict.username != nil || verdict.password != nil {
                r.account = .init(username: verdict.username,
                                  password: verdict.password.map { options.revealSecrets ? $0 : "[redacted]" })
            }
            warnings.append(contentsOf: verdict.warnings)
        }
        warnings.append(contentsOf: trustWarnings(r))
        r.warnings = Self.unique(warnings)
        if !options.revealSecrets, let secret = chosen?.verdict.password {
            SecretRedactor.redact(secret, in: &r)
        }
        return r
    }

    func isOfficial(sender: String?) -> Bool {
        guard let sender, let at = sender.lastIndex(of: "@") else { return false }
        return classifier.trust(ofHost: sender[sender.index(after: at)...].lowercased()) == .official
    }

    /// A returned mail known only by its headers: its subject names a template, and its
    /// sender is official.
    func kindBySubject(_ h: HeaderBlock) -> String? {
        guard let subject = h.text("subject")?.text.lowercased(),
              let from = h.first("from").flatMap({ AddressParser.parse($0).first }),
              let at = from.address.lastIndex(of: "@"),
              classifier.trust(ofHost: String(from.address[from.address.index(after: at)...]).lowercased()) == .official
        else { return nil }
        return classifier.catalogue.templates.first { t in t.subjects.contains { subject.contains($0) } }?.kind
    }

    static func messageID(_ raw: ArraySlice<UInt8>) -> String? {
        let s = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: " \t\r\n<>")
        return s.isEmpty ? nil : s
    }

    /// Warnings about links a reader might be fooled by, and about the receiving server's
    /// verdict on the sender. The action link's own host is the classifier's to judge.
    func trustWarnings(_ r: Report) -> [MailWarning] {
        var out: [MailWarning] = []
        let actionHost = r.actionURL.map { LinkURL.host(of: $0) }
        var flagged = Set<String>()
        var cache: [String: HostTrust] = [:]
        for link in r.links {
            let a = LinkAssessment(url: link.url, text: link.text, classifier: classifier, cache: &cache)
            if a.trust == .lookalike, a.host != actionHost, flagged.insert(a.host).inserted {
                out.append(MailWarning("lookalike-link-host",
                    "a link goes to \(a.host), which imitates an official domain"))
            }
            if a.mismatch, let shown = a.shownHost {
                out.append(MailWarning("link-text-mismatch",
                    "a link's text shows \(shown) but it goes to \(a.host.isEmpty ? "(no host)" : a.host)"))
            }
        }
        if let auth = r.auth {
            let failed = [("spf", auth.spf), ("dkim", auth.dkim), ("dmarc", auth.dmarc)]
                .compactMap { m, v in v.flatMap { ["fail", "softfail", "permerror"].contains($0) ? "\(m)=\($0)" : nil } }
            if !failed.isEmpty {
                out.append(MailWarning("auth-failed",
                    "the receiving server's Authentication-Results reports \(failed.joined(separator: ", ")): the sender may be forged"))
            }
        }
        return out
    }

    static func unique(_ warnings: [MailWarning]) -> [MailWarning] {
        var seen = Set<MailWarning>()
        return warnings.filter { seen.insert($0).inserted }
    }
}
