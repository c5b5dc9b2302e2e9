import MailMIME

/// The rules that turn a recipient's mails into one headline and the next actions, most urgent
/// first: a bounce, then the first registration step that did not arrive, then mails hidden in
/// Spam, Trash or a tab, then expired links, then imitations.
struct Verdicts {
    let phrases: Phrasebook
    let now: MailDate

    func verdict(for r: Diagnosis.Recipient) -> Diagnosis.Verdict {
        var headline: String? = nil
        var actions: [String] = []
        var status = Diagnosis.Verdict.Status.ok
        func raise(_ s: Diagnosis.Verdict.Status) { if status < s { status = s } }

        for b in r.bounces {
            headline = headline ?? phrases.bounced(kind: b.kind, date: b.date, status: b.status, diagnostic: b.diagnostic)
            raise(.problem)
        }
        if !r.bounces.isEmpty { actions.append(phrases.bounceAdvice) }

        let registration = r.steps.filter(\.isRegistration)
        // Only forwarded copies: this is someone else's mailbox (the helpdesk's), where the
        // missing steps say nothing about the person's own.
        let copies = r.steps.flatMap(\.copies)
        let onlyForwarded = !copies.isEmpty && copies.allSatisfy { $0.forwardedBy != nil }
        if onlyForwarded, let step = r.steps.first(where: \.received) {
            headline = headline ?? phrases.forwardedOnly(step.kind, step.copies[0].date, by: step.copies[0].forwardedBy!)
            actions.append(phrases.askForExport)
            raise(.action)
        }
        // A step hidden in Spam, Trash or a tab before the first missing one is the likely cause.
        let firstMissing = registration.firstIndex(where: { !$0.received }) ?? registration.count
        if let hidden = registration[..<firstMissing].first(where: { [.spam, .trash, .category].contains($0.copies[0].place) }) {
            headline = headline ?? phrases.misplacedHeadline(hidden.kind, hidden.copies[0].place, hidden.copies[0].date)
        }
        if !onlyForwarded, let missing = registration.firstIndex(where: { !$0.received }) {
            let step = registration[missing]
            if missing == 0 {
                if registration.allSatisfy({ !$0.received }) {
                    headline = headline ?? phrases.nothingArrived(hasOtherMail: r.steps.contains { $0.received })
                    if r.bounces.isEmpty { actions.append(contentsOf: phrases.searchAdvice) }
                    actions.append(phrases.requestActivation)
                } else {
                    headline = headline ?? phrases.missing(step.kind, before: nil)
                    actions.append(contentsOf: phrases.searchAdvice)
                }
            } else {
                let before = registration[missing - 1]
                headline = headline ?? phrases.missing(step.kind, before: (before.kind, before.copies.first?.date))
                actions.append(phrases.prerequisite(step.kind))
                actions.append(contentsOf: phrases.searchAdvice)
            }
            raise(.action)
        }

        for step in r.steps where step.received {
            let newest = step.copies[0]
            switch newest.place {
            case .spam, .trash, .category:
                headline = headline ?? phrases.misplacedHeadline(step.kind, newest.place, newest.date)
                // The way out of Spam comes before anything else the person has to do.
                actions.insert(phrases.misplacedAdvice(step.kind, newest.place), at: min(actions.count, r.bounces.isEmpty ? 0 : 1))
                raise(.action)
            default: break
            }
            if step.copies.count > 1 {
                actions.append(phrases.newestCounts(step.kind, newest.date, older: step.copies.count - 1))
            }
            guard let link = newest.link else { continue }
            switch link.state {
            case .expired:
                headline = headline ?? phrases.expiredHeadline(step.kind, link.expiresAt)
                actions.append(phrases.requestNew(step.kind, expired: link.expiresAt))
                raise(.action)
            case .valid:
                if !step.isRegistration || newest.place != .inbox {
                    actions.append(phrases.openBefore(step.kind, link.expiresAt))
                }
            case .unknown:
                break
            }
            if let by = newest.forwardedBy { actions.append(phrases.forwarded(step.kind, by: by)) }
        }

        for fake in r.suspicious {
            headline = headline ?? phrases.imitationHeadline(fake.date)
            actions.append(phrases.imitation(fake.date, reasons: fake.authenticity.reasons))
            raise(.problem)
        }

        if headline == nil {
            headline = registration.allSatisfy(\.received) ? phrases.allArrived : phrases.nothingToDo
        }
        return Diagnosis.Verdict(status: status, headline: headline!, actions: actions)
    }
}
