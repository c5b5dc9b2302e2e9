import MailMIME
import MailSift

/// Groups a mailbox's reports by recipient and works out each one's verdict. Reads reports only
/// (made with `--all`), so it sees exactly what `scan` reports and nothing else.
public struct DiagnosisBuilder: Sendable {
    /// The reference time for link states.
    public var now: MailDate
    /// The language of headlines and actions.
    public var language: Diagnosis.Language
    /// Only this recipient (lowercased), when given.
    public var user: String?
    /// Show action links whole; by default their secret parts are masked.
    public var showLinks: Bool

    /// The registration sequence, in the order BSrE sends it.
    public static let registration = ["aktivasi-akun", "set-passphrase", "informasi-akun"]
    /// Account mails that may come at any time, shown when present.
    public static let maintenance = ["reset-password", "execute-actions", "verify-email"]
    /// Warning codes that make a copy an imitation rather than BSrE's mail.
    static let suspiciousCodes: Set<String> = ["sender-not-official", "unofficial-link-host", "lookalike-link-host", "link-text-mismatch", "auth-failed"]

    /// `user` keeps one recipient; `showLinks` leaves action links unmasked (they are credentials).
    public init(now: MailDate, language: Diagnosis.Language = .id, user: String? = nil, showLinks: Bool = false) {
        self.now = now
        self.language = language
        self.user = user?.lowercased()
        self.showLinks = showLinks
    }

    /// The diagnosis of reports made with `--all`; `messagesRead` counts every message read, reported or not.
    public func build(_ reports: [Report], messagesRead: Int) -> Diagnosis {
        var order: [String] = []
        var names: [String: String] = [:]
        var copies: [String: [String: [Diagnosis.Copy]]] = [:]
        var suspicious: [String: [(String, Diagnosis.Copy)]] = [:]
        var bounces: [String: [Diagnosis.Bounce]] = [:]
        var relevant = 0

        func note(_ address: String, _ name: String?) -> String? {
            let key = address.lowercased()
            if let user, key != user { return nil }
            if copies[key] == nil, bounces[key] == nil, suspicious[key] == nil { order.append(key) }
            if names[key] == nil, let name, !name.isEmpty { names[key] = name }
            if copies[key] == nil { copies[key] = [:] }
            return key
        }

        for r in reports {
            if r.kind == "delivery-failure", let b = r.bounce {
                relevant += 1
                guard let to = b.recipient ?? b.original?.to.first?.address, let key = note(to, b.original?.to.first?.name) else { continue }
                bounces[key, default: []].append(Diagnosis.Bounce(
                    source: Self.sourceName(r), date: r.date, kind: b.original?.kind, status: b.status, diagnostic: b.diagnostic))
                continue
            }
            guard r.kind != "other", r.kind != "delivery-failure" else { continue }
            relevant += 1
            let copy = makeCopy(r)
            // A forward to the helpdesk speaks for the person who forwarded it.
            let recipients: [(String, String?)] = r.forwarded
                ? [r.from.map { ($0.address, $0.name) }].compactMap { $0 }
                : r.to.map { ($0.address, $0.name ?? r.recipientName) }
            for (address, name) in recipients {
                guard let key = note(address, name) else { continue }
                if copy.authenticity.verdict == .suspicious {
                    suspicious[key, default: []].append((r.kind, copy))
                } else {
                    copies[key]![r.kind, default: []].append(copy)
                }
            }
        }

        let phrases = Phrasebook(language, offset: now.offsetSeconds)
        var out: [Diagnosis.Recipient] = []
        for key in order {
            var steps: [Diagnosis.Step] = []
            let byKind = copies[key] ?? [:]
            for kind in Self.registration {
                steps.append(Diagnosis.Step(kind: kind, isRegistration: true, copies: Self.newestFirst(byKind[kind] ?? [])))
            }
            let extra = byKind.keys.filter { !Self.registration.contains($0) }
                .sorted { (Self.maintenance.firstIndex(of: $0) ?? 99, $0) < (Self.maintenance.firstIndex(of: $1) ?? 99, $1) }
            for kind in extra {
                steps.append(Diagnosis.Step(kind: kind, isRegistration: false, copies: Self.newestFirst(byKind[kind]!)))
            }
            let fakes = (suspicious[key] ?? []).map(\.1)
            let b = (bounces[key] ?? []).sorted { ($0.date?.epochSeconds ?? 0) > ($1.date?.epochSeconds ?? 0) }
            var recipient = Diagnosis.Recipient(address: key, name: names[key], steps: steps, bounces: b, suspicious: fakes,
                                                verdict: .init(status: .ok, headline: "", actions: []))
            recipient.verdict = Verdicts(phrases: phrases, now: now).verdict(for: recipient)
            out.append(recipient)
        }
        return Diagnosis(now: now, language: language, recipients: out, messagesRead: messagesRead, relevantMessages: relevant)
    }

    func makeCopy(_ r: Report) -> Diagnosis.Copy {
        let codes = Set(r.warnings.map(\.code))
        let reasons = Self.suspiciousCodes.intersection(codes).sorted()
        let official = !codes.contains("sender-not-official")
        let failed = [r.auth?.spf, r.auth?.dkim, r.auth?.dmarc].contains { v in v.map { ["fail", "softfail", "permerror"].contains($0) } ?? false }
        let passed = r.auth.map { [$0.dkim, $0.dmarc, $0.spf].contains("pass") } ?? false
        let trust: Diagnosis.Authenticity.Trust
        if !reasons.isEmpty || failed {
            trust = .suspicious
        } else if official && passed && !r.forwarded {
            trust = .authentic
        } else {
            trust = .unverified
        }
        let auth = Diagnosis.Authenticity(
            verdict: trust, officialSender: official, spf: r.auth?.spf, dkim: r.auth?.dkim, dmarc: r.auth?.dmarc,
            markedSpam: r.spam?.isSpam, spamBy: r.spam?.by, reasons: reasons)
        let link = r.actionURL.map { url in
            Diagnosis.Link(shown: showLinks ? url : Self.mask(url),
                           state: Diagnosis.Link.State(rawValue: r.status.rawValue) ?? .unknown,
                           expiresAt: r.expiry?.expiresAt)
        }
        return Diagnosis.Copy(
            source: Self.sourceName(r), date: (r.forwarded ? r.original?.date : nil) ?? r.date,
            labels: r.source.labels, place: Self.place(r.source.labels), authenticity: auth, link: link,
            forwardedBy: r.forwarded ? r.from?.address : nil, subject: r.forwarded ? r.original?.subject ?? r.subject : r.subject)
    }

    static func sourceName(_ r: Report) -> String {
        r.source.index > 0 || r.source.offset.map({ $0 > 0 }) == true ? "\(r.source.path) #\(r.source.index)" : r.source.path
    }

    static func newestFirst(_ copies: [Diagnosis.Copy]) -> [Diagnosis.Copy] {
        // Stable: mails without a date keep their mailbox order, after the dated ones.
        copies.enumerated().sorted { a, b in
            switch (a.element.date, b.element.date) {
            case let (x?, y?): return x.epochSeconds != y.epochSeconds ? x.epochSeconds > y.epochSeconds : a.offset > b.offset
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a.offset > b.offset
            }
        }.map(\.element)
    }

    /// Gmail's tabs hide mail as well as Spam does: a category other than Primary counts.
    static func place(_ labels: [String]) -> Diagnosis.Place {
        if labels.contains("Spam") { return .spam }
        if labels.contains("Trash") { return .trash }
        if labels.contains(where: { $0.hasPrefix("Category ") && $0 != "Category Personal" }) { return .category }
        if labels.contains("Inbox") { return .inbox }
        if labels.isEmpty { return .unknown }
        return .archived
    }

    /// "https://bsre.bssn.go.id/email/aktivasi/akun/c1fa22f9-…" → the host and path with every
    /// long, secret-looking segment cut to its first four characters, the query and fragment
    /// hidden: enough to recognise the link, not enough to use it.
    public static func mask(_ url: String) -> String {
        var rest = Substring(url)
        var prefix = ""
        if let r = rest.range(of: "://") {
            prefix = String(rest[..<r.upperBound])
            rest = rest[r.upperBound...]
        }
        let pathEnd = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let hidden = pathEnd < rest.endIndex
        let segments = rest[..<pathEnd].split(separator: "/", omittingEmptySubsequences: false).enumerated().map { i, seg -> String in
            guard i > 0, seg.count >= 16 || (seg.count >= 8 && seg.contains(where: \.isNumber) && seg.contains(where: \.isLetter)) else { return String(seg) }
            return String(seg.prefix(4)) + "…"
        }
        return prefix + segments.joined(separator: "/") + (hidden ? "?…" : "")
    }
}
