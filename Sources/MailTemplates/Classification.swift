import MailMIME

/// The classifier's verdict on one message, with the evidence, so that `explain` can show it.
public struct Classification: Sendable {
    public var template: Template?
    public var kind: String { template?.kind ?? "other" }
    /// One entry per input link: its role and whether its host is official.
    public var links: [LinkVerdict]
    public var actionIndex: Int?
    public var recipientName: String?
    public var username: String?
    public var password: String?
    public var expiry: Expiry?
    public var warnings: [MailWarning]
    /// Every template's evidence, in catalogue order.
    public var evidence: [TemplateEvidence]

    public struct LinkVerdict: Sendable, Hashable {
        public var role: String
        public var official: Bool
        public var trust: HostTrust
    }

    /// When the action link stops working, and how we know.
    public struct Expiry: Sendable, Hashable {
        public enum Basis: String, Sendable { case phrase, token }
        public var phrase: String?
        public var seconds: Int?
        public var expiresAt: MailDate
        public var basis: Basis
    }

    public struct TemplateEvidence: Sendable, Hashable {
        public var templateID: String
        public var score: Int
        public var minScore: Int
        public var signals: [Signal]
        public var accepted: Bool
    }

    /// One thing looked for: what, whether found, and what was seen.
    public struct Signal: Sendable, Hashable {
        public var name: String
        public var matched: Bool
        public var weight: Int
        public var detail: String
    }
}
