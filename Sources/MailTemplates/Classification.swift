import MailMIME

/// The classifier's verdict on one message, with the evidence, so that `explain` can show it.
public struct Classification: Sendable {
    /// The template that claimed the message; nil when none did.
    public var template: Template?
    /// The template's kind, or `other`.
    public var kind: String { template?.kind ?? "other" }
    /// One entry per input link: its role and whether its host is official.
    public var links: [LinkVerdict]
    /// Index into `links` of the action link.
    public var actionIndex: Int?
    /// The name after the template's greeting.
    public var recipientName: String?
    /// The username an Informasi Akun mail gives.
    public var username: String?
    /// The password it gives; callers redact it unless asked not to.
    public var password: String?
    /// When the action link expires, where known.
    public var expiry: Expiry?
    /// Trust and expiry findings (look-alike hosts, unofficial sender, …).
    public var warnings: [MailWarning]
    /// Every template's evidence, in catalogue order.
    public var evidence: [TemplateEvidence]

    /// One link's role and trust.
    public struct LinkVerdict: Sendable, Hashable {
        /// The role from the first rule that matched, or `other`.
        public var role: String
        /// The host is one of the template's official hosts.
        public var official: Bool
        /// Why the host is or is not trusted.
        public var trust: HostTrust
    }

    /// When the action link stops working, and how we know.
    public struct Expiry: Sendable, Hashable {
        /// `phrase`: the Date header plus the stated validity; `token`: the action token's `exp`.
        public enum Basis: String, Sendable { case phrase, token }
        /// The sentence that states the validity.
        public var phrase: String?
        /// The validity it states, in seconds.
        public var seconds: Int?
        /// The moment the link expires.
        public var expiresAt: MailDate
        /// How it is known.
        public var basis: Basis
    }

    /// How one template fared against the message, for `explain`.
    public struct TemplateEvidence: Sendable, Hashable {
        /// The template's id.
        public var templateID: String
        /// The sum of the weights of the signals that matched.
        public var score: Int
        /// The score it needed.
        public var minScore: Int
        /// Every signal looked for, matched or not.
        public var signals: [Signal]
        /// Whether it claimed the message.
        public var accepted: Bool
    }

    /// One thing looked for: what, whether found, and what was seen.
    public struct Signal: Sendable, Hashable {
        /// The signal's name, as `explain` shows it.
        public var name: String
        /// Whether it was found.
        public var matched: Bool
        /// What it adds to the score when found.
        public var weight: Int
        /// What was seen, or what was looked for.
        public var detail: String
    }
}
