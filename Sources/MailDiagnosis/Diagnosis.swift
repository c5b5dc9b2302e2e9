import MailMIME
import MailSift

/// The answer to a helpdesk's question "why can't this person finish registration?", worked out
/// from the reports of a mailbox export: per recipient, which BSrE mails arrived, when, where,
/// whether to trust them, whether their links still work, and what to do next.
public struct Diagnosis: Sendable {
    public static let schema = "mailsift/diagnosis/1"
    public var now: MailDate
    public var language: Language
    public var recipients: [Recipient]
    /// Messages read, and how many of them were BSrE mail, for the reader's confidence.
    public var messagesRead: Int
    public var relevantMessages: Int

    public enum Language: String, Sendable, CaseIterable {
        case id, en
    }

    /// One person's registration as their mailbox shows it.
    public struct Recipient: Sendable {
        public var address: String
        public var name: String?
        /// Registration steps in order, then any account-maintenance mails (reset, …) found.
        public var steps: [Step]
        public var bounces: [Bounce]
        /// Copies that imitate BSrE's mail: never to be followed.
        public var suspicious: [Copy]
        public var verdict: Verdict
    }

    public struct Step: Sendable {
        public var kind: String
        /// Part of the registration sequence (Aktivasi Akun, Set Passphrase, Informasi Akun).
        public var isRegistration: Bool
        /// Newest first; the first one is the one that counts.
        public var copies: [Copy]
        public var received: Bool { !copies.isEmpty }
    }

    /// One mail of a step, as found in the mailbox.
    public struct Copy: Sendable {
        public var source: String
        public var date: MailDate?
        /// Canonical folder names and labels (Inbox, Spam, Trash, Category Promotions, …).
        public var labels: [String]
        public var place: Place
        public var authenticity: Authenticity
        public var link: Link?
        public var forwardedBy: String?
        public var subject: String?
    }

    /// Where the mail sits, as far as the helpdesk needs to know.
    public enum Place: String, Sendable {
        case inbox, spam, trash, category, archived, unknown
    }

    public struct Authenticity: Sendable {
        public var verdict: Trust
        public var officialSender: Bool
        public var spf: String?
        public var dkim: String?
        public var dmarc: String?
        /// The receiving side called it spam (X-Spam-Flag, X-Spam-Status, Forefront).
        public var markedSpam: Bool?
        public var spamBy: String?
        /// Why it is suspicious, in the report's warning codes.
        public var reasons: [String]

        public enum Trust: String, Sendable {
            /// Official sender, and the receiving server's checks did not fail.
            case authentic
            /// Official sender, but no verdict from the receiving server to confirm it.
            case unverified
            /// An imitation: look-alike sender or link, failed checks.
            case suspicious
        }
    }

    public struct Link: Sendable {
        /// The action link with its secret part masked, unless `--show-links`.
        public var shown: String
        public var state: State
        public var expiresAt: MailDate?

        public enum State: String, Sendable {
            case valid, expired, unknown
        }
    }

    public struct Bounce: Sendable {
        public var source: String
        public var date: MailDate?
        public var kind: String?
        public var status: String?
        public var diagnostic: String?
    }

    /// What the helpdesk should tell the person.
    public struct Verdict: Sendable {
        public var status: Status
        public var headline: String
        public var actions: [String]

        public enum Status: String, Sendable, Comparable {
            case ok, action, problem

            public static func < (a: Status, b: Status) -> Bool {
                [Status.ok, .action, .problem].firstIndex(of: a)! < [Status.ok, .action, .problem].firstIndex(of: b)!
            }
        }
    }
}
