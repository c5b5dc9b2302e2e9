import MailMIME
import MailSift

/// The answer to a helpdesk's question "why can't this person finish registration?", worked out
/// from the reports of a mailbox export: per recipient, which BSrE mails arrived, when, where,
/// whether to trust them, whether their links still work, and what to do next.
public struct Diagnosis: Sendable {
    /// The JSON form's schema name (`docs/diagnosis.schema.json`).
    public static let schema = "mailsift/diagnosis/1"
    /// The reference time that link states and "since" phrases are measured against.
    public var now: MailDate
    /// The language of headlines and actions, so that they can be pasted into a reply.
    public var language: Language
    /// Everyone the mailbox holds BSrE mail for.
    public var recipients: [Recipient]
    /// Messages read, and how many of them were BSrE mail, for the reader's confidence.
    public var messagesRead: Int
    /// Of `messagesRead`, those that are BSrE mail or bounces of it.
    public var relevantMessages: Int

    /// Indonesian (`id`, the default: most registrants write it) or English.
    public enum Language: String, Sendable, CaseIterable {
        case id, en
    }

    /// One person's registration as their mailbox shows it.
    public struct Recipient: Sendable {
        /// The recipient's address: the key reports are grouped by.
        public var address: String
        /// The name a BSrE mail greets them with, when one does.
        public var name: String?
        /// Registration steps in order, then any account-maintenance mails (reset, …) found.
        public var steps: [Step]
        /// BSrE mails to this recipient that came back undelivered.
        public var bounces: [Bounce]
        /// Copies that imitate BSrE's mail: never to be followed.
        public var suspicious: [Copy]
        /// What to tell this person.
        public var verdict: Verdict
    }

    /// One kind of mail in the registration, received or missing.
    public struct Step: Sendable {
        /// The report kind (`aktivasi-akun`, `reset-password`, …).
        public var kind: String
        /// Part of the registration sequence (Aktivasi Akun, Set Passphrase, Informasi Akun).
        public var isRegistration: Bool
        /// Newest first; the first one is the one that counts.
        public var copies: [Copy]
        /// False for a registration step that never arrived: often the whole answer.
        public var received: Bool { !copies.isEmpty }
    }

    /// One mail of a step, as found in the mailbox.
    public struct Copy: Sendable {
        /// Where the mail was found, so that a person can find it again.
        public var source: String
        /// The Date header.
        public var date: MailDate?
        /// Canonical folder names and labels (Inbox, Spam, Trash, Category Promotions, …).
        public var labels: [String]
        /// The folder that matters to the person: Spam and Trash explain most "never got it" cases.
        public var place: Place
        /// Whether to follow this copy at all.
        public var authenticity: Authenticity
        /// The action link and its state; nil when the mail has none.
        public var link: Link?
        /// Who forwarded this copy, when it reached the mailbox as a forward.
        public var forwardedBy: String?
        /// The subject as the person sees it in their list.
        public var subject: String?
    }

    /// Where the mail sits, as far as the helpdesk needs to know.
    public enum Place: String, Sendable {
        case inbox, spam, trash, category, archived, unknown
    }

    /// Whether a copy really comes from BSrE, and the evidence for it.
    public struct Authenticity: Sendable {
        /// The conclusion drawn from the fields below.
        public var verdict: Trust
        /// The sender's domain is one of BSrE's.
        public var officialSender: Bool
        /// The receiving server's SPF verdict, when it wrote one.
        public var spf: String?
        /// The receiving server's DKIM verdict, when it wrote one.
        public var dkim: String?
        /// The receiving server's DMARC verdict, when it wrote one.
        public var dmarc: String?
        /// The receiving side called it spam (X-Spam-Flag, X-Spam-Status, Forefront).
        public var markedSpam: Bool?
        /// The header that gave the spam verdict.
        public var spamBy: String?
        /// Why it is suspicious, in the report's warning codes.
        public var reasons: [String]

        /// How far a copy can be trusted, from best to worst.
        public enum Trust: String, Sendable {
            /// Official sender, and the receiving server's checks did not fail.
            case authentic
            /// Official sender, but no verdict from the receiving server to confirm it.
            case unverified
            /// An imitation: look-alike sender or link, failed checks.
            case suspicious
        }
    }

    /// A copy's action link as the helpdesk may see it.
    public struct Link: Sendable {
        /// The action link with its secret part masked, unless `--show-links`.
        public var shown: String
        /// Whether the link still works at `Diagnosis.now`.
        public var state: State
        /// When it stops (or stopped) working, where known.
        public var expiresAt: MailDate?

        /// The report's `status`, per link.
        public enum State: String, Sendable {
            case valid, expired, unknown
        }
    }

    /// A BSrE mail that could not be delivered to the recipient.
    public struct Bounce: Sendable {
        /// Where the bounce report was found.
        public var source: String
        /// When the bounce arrived.
        public var date: MailDate?
        /// The kind of the returned mail, when known (`aktivasi-akun`).
        public var kind: String?
        /// The enhanced status code (`5.1.1`).
        public var status: String?
        /// The receiving server's own words.
        public var diagnostic: String?
    }

    /// What the helpdesk should tell the person.
    public struct Verdict: Sendable {
        /// How bad it is; the worst step decides.
        public var status: Status
        /// One sentence for the top of a reply.
        public var headline: String
        /// What the person should do, in order.
        public var actions: [String]

        /// `ok`, `action` (something to do) or `problem`, in rising severity.
        public enum Status: String, Sendable, Comparable {
            case ok, action, problem

            /// Orders by severity, so that the worst finding wins.
            public static func < (a: Status, b: Status) -> Bool {
                [Status.ok, .action, .problem].firstIndex(of: a)! < [Status.ok, .action, .problem].firstIndex(of: b)!
            }
        }
    }
}
