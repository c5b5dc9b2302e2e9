import MailMIME
import MailTemplates

/// Why mailsift said what it said about one message: the MIME tree it read, each template's
/// signals in each scope it looked at, each link's trust, and the expiry arithmetic. Like
/// `git check-ignore -v`, for mail; built by `Pipeline.explain`.
public struct Explanation: Sendable {
    public var message: Message
    public var report: Report
    public var scopes: [Scope]
    public var now: MailDate

    /// The message itself or one attached to it, and what the classifier made of it.
    public struct Scope: Sendable {
        /// "root", or the path of the message/rfc822 part.
        public var path: String
        /// The parts whose text was read (text/plain and text/html that are not attachments).
        public var readableParts: [String]
        public var outcome: Outcome = .notReached

        public enum Outcome: Sendable {
            /// An earlier scope was recognised, so this one was not classified.
            case notReached
            /// No link in it shows any template's action-link needle.
            case noActionNeedle
            case classified(Classification, inlineForward: Bool, original: Report.Original)
        }
    }
}
