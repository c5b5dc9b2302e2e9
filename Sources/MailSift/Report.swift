import MailMIME

/// One message as mailsift reports it: the public contract `mailsift/report/1`
/// (`shared/contract/report.schema.json`). Field names and meanings are frozen; new fields may
/// be added.
public struct Report: Sendable {
    public static let schema = "mailsift/report/1"

    public struct Source: Sendable, Hashable {
        public var path: String
        public var index: Int
        public var offset: Int?
        /// Canonical names (Inbox, Spam, Trash, …) where known, else the label as written.
        public var labels: [String]
        /// The labels as the mailbox wrote them (localised Gmail names, Maildir folder and flags).
        public var labelsRaw: [String]
    }

    public struct Link: Sendable, Hashable {
        public var url: String
        public var text: String?
        public var role: String
        public var official: Bool
        public var unwrappedFrom: UnwrappedFrom?
        /// A rewriter recognised around the link that could not be taken off (Mimecast).
        public var wrappedBy: String? = nil
    }

    public struct UnwrappedFrom: Sendable, Hashable {
        /// The outermost rewriter.
        public var service: String
        /// The link as the message had it.
        public var url: String
        /// Every rewriter taken off, outermost first (more than one when nested).
        public var chain: [String]
    }

    public struct Expiry: Sendable, Hashable {
        public var phrase: String?
        public var seconds: Int?
        public var expiresAt: MailDate
        public var basis: String
    }

    public enum Status: String, Sendable {
        case valid, expired, unknown
    }

    /// The forwarded message's own sender, date and subject (attached or forwarded in the body).
    public struct Original: Sendable, Hashable {
        public var from: MailAddress?
        public var date: MailDate?
        public var subject: String?
    }

    public struct Account: Sendable, Hashable {
        public var username: String?
        public var password: String?
    }

    public struct Auth: Sendable, Hashable {
        public var spf: String?
        public var dkim: String?
        public var dmarc: String?
    }

    /// The receiving side's spam verdict (X-Spam-Flag, X-Spam-Status, X-Forefront-Antispam-Report).
    public struct Spam: Sendable, Hashable {
        public var isSpam: Bool
        public var by: String
        public var detail: String
    }

    /// A delivery-failure report: who could not be reached, why, and which mail came back.
    public struct Bounce: Sendable, Hashable {
        public var recipient: String?
        public var status: String?
        public var action: String?
        public var diagnostic: String?
        public var original: Returned?

        public struct Returned: Sendable, Hashable {
            public var from: MailAddress?
            public var to: [MailAddress]
            public var date: MailDate?
            public var subject: String?
            public var messageID: String?
            /// The kind the returned mail would have had, when it is one mailsift knows.
            public var kind: String?
        }
    }

    public var source: Source
    public var messageID: String?
    public var date: MailDate?
    public var from: MailAddress?
    public var to: [MailAddress]
    public var subject: String?
    public var kind: String
    public var template: String?
    public var forwarded: Bool
    public var recipientName: String?
    public var links: [Link]
    public var actionURL: String?
    public var expiry: Expiry?
    public var status: Status
    public var account: Account?
    public var auth: Auth?
    public var warnings: [MailWarning]
    /// Set when `forwarded` is true.
    public var original: Original?
    public var spam: Spam? = nil
    /// Set when the message is a delivery-failure report.
    public var bounce: Bounce? = nil
}
