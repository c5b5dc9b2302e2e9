import Foundation
import MailHTML
import MailMIME

/// Weighs a message against every template of the catalogue. A template is chosen only when the
/// message carries one of its action links AND something ties it to the brand (an official or
/// look-alike sender or action-link host) AND its content says it is that mail (the subject or
/// at least one of the template's phrases): another service's mail in the same layout, or a
/// brand newsletter that merely links to the portal, stays `other`.
public struct Classifier: Sendable {
    /// The templates it weighs.
    public let catalogue: Catalogue

    /// A classifier for `catalogue`; compiles its pre-filter once.
    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
    }

    static let defaultMinScore = 7

    /// A message whose lowercased text and markup contain none of these cannot match any template.
    public var needles: [String] { catalogue.needles }

    /// The verdict on one message, with every template's evidence.
    public func classify(_ input: ClassifierInput) -> Classification {
        let urls = input.links.map { LinkURL($0.url) }
        let anchors = input.links.map { $0.text.map(Self.lower) }
        let senderDomain = input.sender.flatMap { s in s.lastIndex(of: "@").map { s[s.index(after: $0)...].lowercased() } }
        let subject = input.subject.map { ExpiryParser.normalise($0) }
        var lowerText: String? = nil
        // Most templates share the catalogue's official domains: judge each host once.
        var cache: [String: HostTrust] = [:]
        func trust(_ host: String, _ template: Template?) -> HostTrust {
            if template?.officialDomains != nil { return catalogue.trust(host: host, template: template) }
            if let t = cache[host] { return t }
            let t = catalogue.trust(host: host, template: nil)
            cache[host] = t
            return t
        }
        // Keycloak's three action templates read the same token: decode each one once.
        var claimsMemo: [String: ActionToken.Claims?] = [:]
        func claims(_ token: String) -> ActionToken.Claims? {
            if let c = claimsMemo[token] { return c }
            let c = ActionToken.claims(token)
            claimsMemo[token] = c
            return c
        }
        var evidence: [Classification.TemplateEvidence] = []
        var best: (template: Template, score: Int, action: Int)? = nil

        for template in catalogue.templates {
            var signals: [Classification.Signal] = []
            var action: Int? = nil
            // A link of the right shape whose token is for another action (Keycloak's reset,
            // execute-actions and verify-email links differ only in the token's `typ`).
            var wrongType: String? = nil
            for (i, url) in urls.enumerated() {
                if template.links.contains(where: { $0.action && $0.matches(url, text: anchors[i], opaque: input.opaqueLinks.contains(i), trust: trust(url.host, template)) }) {
                    if let t = template.rejectedTokenType(url, claims: claims) {
                        if wrongType == nil { wrongType = t }
                        continue
                    }
                    action = i
                    break
                }
            }
            guard let action else {
                let detail = wrongType.map { "a link has the action link's shape but its token is of type \"\($0)\", not \(template.tokenTypes ?? [])" }
                signals.append(.init(name: "action-link", matched: false, weight: 3, detail: detail ?? "no link matches the template's action rules"))
                evidence.append(.init(templateID: template.id, score: 0, minScore: template.minScore ?? Self.defaultMinScore, signals: signals, accepted: false))
                continue
            }
            var score = 3
            signals.append(.init(name: "action-link", matched: true, weight: 3, detail: input.links[action].url))
            // Shown when the token names its type (it is then one of the template's); an opaque
            // key says nothing.
            if template.tokenTypes != nil, let t = template.tokenType(urls[action], claims: claims) {
                signals.append(.init(name: "token-type", matched: true, weight: 0, detail: "the token's type is \"\(t)\""))
            }
            let actionTrust = trust(urls[action].host, template)
            let senderTrust = senderDomain.map { trust($0, template) } ?? .other
            switch senderTrust {
            case .official: score += 2
            case .lookalike: score += 1
            case .other: break
            }
            signals.append(.init(name: "sender-domain", matched: senderTrust != .other, weight: senderTrust == .official ? 2 : 1,
                                 detail: "\(senderDomain ?? "(none)") is \(Self.describe(senderTrust))"))
            if actionTrust == .official { score += 1 }
            signals.append(.init(name: "action-host", matched: actionTrust == .official, weight: 1,
                                 detail: "\(urls[action].host) is \(Self.describe(actionTrust))"))
            let brand = senderTrust != .other || actionTrust != .other
            signals.append(.init(name: "brand", matched: brand, weight: 0,
                                 detail: brand ? "sender or action host belongs to or imitates the brand" : "neither sender nor action host belongs to the brand"))
            let subjectHit = subject.flatMap { s in template.subjects.first(where: { ByteSearch.contains(s, $0) }) }
            if subjectHit != nil { score += 2 }
            signals.append(.init(name: "subject", matched: subjectHit != nil, weight: 2,
                                 detail: subjectHit.map { "contains \"\($0)\"" } ?? "none of \(template.subjects)"))
            if lowerText == nil { lowerText = ExpiryParser.normalise(input.text) }
            let phrases = template.phrases.filter { ByteSearch.contains(lowerText!, $0) }
            score += min(3, phrases.count)
            signals.append(.init(name: "phrases", matched: !phrases.isEmpty, weight: min(3, phrases.count),
                                 detail: "\(phrases.count) of \(template.phrases.count) found" + (phrases.isEmpty ? "" : ": " + phrases.map { "\"\($0)\"" }.joined(separator: ", "))))
            let minScore = template.minScore ?? Self.defaultMinScore
            let content = subjectHit != nil || !phrases.isEmpty
            let accepted = brand && content && score >= minScore
            evidence.append(.init(templateID: template.id, score: score, minScore: minScore, signals: signals, accepted: accepted))
            if accepted, best == nil || score > best!.score {
                best = (template, score, action)
            }
        }

        var result = Classification(template: best?.template, links: [], actionIndex: best?.action,
                                    recipientName: nil, username: nil, password: nil, expiry: nil,
                                    warnings: [], evidence: evidence)
        for (i, url) in urls.enumerated() {
            let trust = trust(url.host, best?.template)
            var role = "other"
            if let t = best?.template, let rule = t.links.first(where: {
                $0.matches(url, text: anchors[i], opaque: input.opaqueLinks.contains(i), trust: trust) && !($0.action && t.rejectedTokenType(url, claims: claims) != nil)
            }) {
                role = rule.role
            }
            result.links.append(.init(role: role, official: trust == .official, trust: trust))
        }
        guard let (template, _, action) = best else { return result }

        // Trust warnings: the message is recognised, but should it be believed?
        if let senderDomain {
            let t = catalogue.trust(host: senderDomain, template: template)
            if t != .official {
                result.warnings.append(MailWarning("sender-not-official",
                    "the sender's domain \(senderDomain) is not an official domain (\(catalogue.officialDomains(for: template).joined(separator: ", ")))" + (t == .lookalike ? " but imitates one" + Self.reads(senderDomain) : "")))
            }
        } else {
            result.warnings.append(MailWarning("sender-not-official", "the message has no readable sender address"))
        }
        let actionURL = urls[action]
        // An opaque gateway link has its own warning (from the pipeline): its host says nothing.
        if result.links[action].trust != .official, !input.opaqueLinks.contains(action) {
            result.warnings.append(MailWarning("unofficial-link-host",
                "the action link's host \(actionURL.host.isEmpty ? "(none)" : actionURL.host) is not official" + (result.links[action].trust == .lookalike ? " but imitates an official one" + Self.reads(actionURL.host) : "")))
        }
        if actionURL.scheme == "http" {
            result.warnings.append(MailWarning("insecure-link", "the action link uses http://, not https://"))
        }

        let lines = input.text.split(whereSeparator: { $0.isNewline })
        result.recipientName = Self.greetingName(lines, greetings: template.greetings ?? [])
        if let account = template.account {
            result.username = Self.field(lines, labels: account.username ?? [])
            result.password = Self.field(lines, labels: account.password ?? [])
        }
        result.expiry = expiry(template: template, actionURL: actionURL, text: input.text, date: input.date, warnings: &result.warnings)
        return result
    }

    private func expiry(template: Template, actionURL: LinkURL, text: String, date: MailDate?,
                        warnings: inout [MailWarning]) -> Classification.Expiry? {
        let found = catalogue.expiry.find(in: text)
        for param in template.tokenParams ?? [] {
            if let value = actionURL.queryValue(param), let times = ActionToken.times(value) {
                let seconds = found?.seconds ?? times.iat.map { Int(times.exp - $0) }
                return .init(phrase: found?.phrase, seconds: seconds.map { max(0, $0) },
                             expiresAt: MailDate(epochSeconds: times.exp, offsetSeconds: 0), basis: .token)
            }
        }
        guard let found else { return nil }
        guard let date else {
            warnings.append(MailWarning("expiry-without-date", "the message says \"\(found.phrase)\" but has no readable Date header to count from"))
            return nil
        }
        return .init(phrase: found.phrase, seconds: found.seconds,
                     expiresAt: MailDate(epochSeconds: date.epochSeconds + Int64(found.seconds), offsetSeconds: date.offsetSeconds),
                     basis: .phrase)
    }

    /// Lowercasing without the Unicode tables for the common, all-ASCII case.
    static func lower(_ s: String) -> String {
        var s = s
        let ascii = s.withUTF8 { b in b.allSatisfy { $0 < 0x80 } }
        guard ascii else { return s.lowercased() }
        return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// ` (it reads as bssn.go.id)` for a punycode or non-ASCII look-alike, whose trick a reader
    /// cannot see; empty otherwise.
    static func reads(_ host: String) -> String {
        HostTrust.reading(of: host).map { " (it reads as \($0))" } ?? ""
    }

    static func describe(_ t: HostTrust) -> String {
        switch t {
        case .official: return "official"
        case .lookalike: return "a look-alike of an official domain"
        case .other: return "not official"
        }
    }

    /// "Hai AGUNG WICAKSONO" → "AGUNG WICAKSONO"; the first greeting line wins.
    static func greetingName(_ lines: [Substring], greetings: [String]) -> String? {
        for raw in lines.prefix(400) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let lower = line.lowercased()
            for g in greetings where lower.hasPrefix(g) {
                let after = line.dropFirst(g.count)
                guard let f = after.first, f == " " || f == "," || f == "\u{A0}" else { continue }
                var name = after.trimmingCharacters(in: CharacterSet(charactersIn: " ,\u{A0}\t"))
                while let l = name.last, ",!.:".contains(l) { name.removeLast() }
                name = name.trimmingCharacters(in: .whitespaces)
                if !name.isEmpty, name.count <= 120 { return name }
            }
        }
        return nil
    }

    /// "Username: agung" → "agung".
    static func field(_ lines: [Substring], labels: [String]) -> String? {
        for raw in lines {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let lower = line.lowercased()
            for label in labels where lower.hasPrefix(label) {
                var rest = line.dropFirst(label.count).drop(while: { $0 == " " || $0 == "\t" })
                guard rest.first == ":" else { continue }
                rest = rest.dropFirst()
                let v = rest.trimmingCharacters(in: .whitespaces)
                if !v.isEmpty { return v }
            }
        }
        return nil
    }
}

extension Classifier {
    /// Whether a link's host is under the catalogue's official domains (for messages that no
    /// template claimed).
    public func isOfficial(_ url: String) -> Bool {
        let host = LinkURL.host(of: url)
        for d in catalogue.officialDomains where host == d || host.hasSuffix("." + d) { return true }
        return false
    }
}
