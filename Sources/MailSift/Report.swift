import MailMIME

/// One message as mailsift reports it: the public contract `mailsift/report/1`
/// (`shared/contract/report.schema.json`). Field names and meanings are frozen; new fields may
/// be added.
public struct Report: Sendable {
    /// The contract's name, written as the report's `schema`.
    public static let schema = "mailsift/report/1"

    /// Where the message was read: the report's `source`.
    public struct Source: Sendable, Hashable {
        /// The input as named on the command line, or the message's own file in a folder or Maildir.
        public var path: String
        /// 0-based position of the message inside its input.
        public var index: Int
        /// Byte offset of the message in its input; nil where the input gives none.
        public var offset: Int?
        /// Canonical names (Inbox, Spam, Trash, …) where known, else the label as written.
        public var labels: [String]
        /// The labels as the mailbox wrote them (localised Gmail names, Maildir folder and flags).
        public var labelsRaw: [String]
    }

    /// One link of the message, unwrapped, with its role: the report's `links[]`.
    public struct Link: Sendable, Hashable {
        /// Absolute URL after unwrapping and entity decoding.
        public var url: String
        /// The anchor's visible text; nil for a bare URL in text.
        public var text: String?
        /// `activation`, `set-passphrase`, `login`, `reset-credentials`, `other`, or a user template's role.
        public var role: String
        /// The host is one of the template's official hosts.
        public var official: Bool
        /// Set when a link rewriter was taken off.
        public var unwrappedFrom: UnwrappedFrom?
        /// A rewriter recognised around the link that could not be taken off (Mimecast).
        public var wrappedBy: String? = nil
    }

    /// The rewriters taken off a link, so that a report still matches the mail the user saw.
    public struct UnwrappedFrom: Sendable, Hashable {
        /// The outermost rewriter.
        public var service: String
        /// The link as the message had it.
        public var url: String
        /// Every rewriter taken off, outermost first (more than one when nested).
        public var chain: [String]
    }

    /// When the action link stops working, and on what evidence.
    public struct Expiry: Sendable, Hashable {
        /// The sentence that states the validity, as written.
        public var phrase: String?
        /// The validity the phrase states, in seconds.
        public var seconds: Int?
        /// The moment the link expires.
        public var expiresAt: MailDate
        /// `phrase` (Date plus stated validity) or `token` (the action token's `exp`).
        public var basis: String
    }

    /// The action link's state at the reference time.
    public enum Status: String, Sendable {
        case valid, expired, unknown
    }

    /// The forwarded message's own sender, date and subject (attached or forwarded in the body).
    public struct Original: Sendable, Hashable {
        /// The forwarded mail's sender.
        public var from: MailAddress?
        /// The forwarded mail's date.
        public var date: MailDate?
        /// The forwarded mail's subject.
        public var subject: String?
    }

    /// What an Informasi Akun mail carries.
    public struct Account: Sendable, Hashable {
        /// The username it gives.
        public var username: String?
        /// The password, `[redacted]` unless secrets are revealed.
        public var password: String?
    }

    /// The topmost Authentication-Results verdicts: the receiving server's, not a forger's.
    public struct Auth: Sendable, Hashable {
        /// SPF result (`pass`, `fail`, …).
        public var spf: String?
        /// DKIM result.
        public var dkim: String?
        /// DMARC result.
        public var dmarc: String?
    }

    /// The receiving side's spam verdict (X-Spam-Flag, X-Spam-Status, X-Forefront-Antispam-Report).
    public struct Spam: Sendable, Hashable {
        /// The receiving side called the mail spam (written as `spam`).
        public var isSpam: Bool
        /// The header that said so.
        public var by: String
        /// The verdict as written.
        public var detail: String
    }

    /// A delivery-failure report: who could not be reached, why, and which mail came back.
    public struct Bounce: Sendable, Hashable {
        /// The address that could not be reached.
        public var recipient: String?
        /// The enhanced status code (`5.1.1`).
        public var status: String?
        /// `failed`, `delayed`, ….
        public var action: String?
        /// The receiving server's own words.
        public var diagnostic: String?
        /// The returned mail, when the report carries it.
        public var original: Returned?

        /// The headers of the mail that came back, enough to tell which BSrE mail failed.
        public struct Returned: Sendable, Hashable {
            /// Its sender.
            public var from: MailAddress?
            /// Its recipients.
            public var to: [MailAddress]
            /// Its date.
            public var date: MailDate?
            /// Its subject.
            public var subject: String?
            /// Its Message-ID.
            public var messageID: String?
            /// The kind the returned mail would have had, when it is one mailsift knows.
            public var kind: String?
        }
    }

    /// Where the message was read.
    public var source: Source
    /// The Message-ID, without angle brackets.
    public var messageID: String?
    /// The Date header, in its own UTC offset; nil when absent or unparseable.
    public var date: MailDate?
    /// The first From address.
    public var from: MailAddress?
    /// The To addresses.
    public var to: [MailAddress]
    /// The decoded subject.
    public var subject: String?
    /// Which mail this is (`aktivasi-akun`, …), or `other`.
    public var kind: String
    /// The id of the template that matched; nil for `other`.
    public var template: String?
    /// The recognised content sits inside a forwarded message.
    public var forwarded: Bool
    /// The addressee's name as the mail greets them.
    public var recipientName: String?
    /// Every distinct link of the readable parts, in document order.
    public var links: [Link]
    /// The one link the message exists for, unwrapped; nil for `other`.
    public var actionURL: String?
    /// When the action link expires, where known.
    public var expiry: Expiry?
    /// The action link's state at the reference time.
    public var status: Status
    /// Account details of an Informasi Akun mail.
    public var account: Account?
    /// The receiving server's SPF, DKIM and DMARC verdicts.
    public var auth: Auth?
    /// What was damaged, suspicious or guessed.
    public var warnings: [MailWarning]
    /// Set when `forwarded` is true.
    public var original: Original?
    /// The receiving side's spam verdict, when it wrote one.
    public var spam: Spam? = nil
    /// Set when the message is a delivery-failure report.
    public var bounce: Bounce? = nil
}
