import MailMIME
import MailTemplates

/// Why mailsift said what it said about one message: the MIME tree it read, each template's
/// signals in each scope it looked at, each link's trust, and the expiry arithmetic. Like
/// `git check-ignore -v`, for mail; built by `Pipeline.explain`.
public struct Explanation: Sendable {
    /// The message as parsed.
    public var message: Message
    /// The report that `scan` prints for it.
    public var report: Report
    /// The message, then each attached message, in the order they were looked at.
    public var scopes: [Scope]
    /// The reference time for the expiry arithmetic.
    public var now: MailDate

    /// The message itself or one attached to it, and what the classifier made of it.
    public struct Scope: Sendable {
        /// "root", or the path of the message/rfc822 part.
        public var path: String
        /// The parts whose text was read (text/plain and text/html that are not attachments).
        public var readableParts: [String]
        /// What the classifier made of this scope.
        public var outcome: Outcome = .notReached

        /// Why a scope was or was not classified, and the result when it was.
        public enum Outcome: Sendable {
            /// An earlier scope was recognised, so this one was not classified.
            case notReached
            /// No link in it shows any template's action-link needle.
            case noActionNeedle
            case classified(Classification, inlineForward: Bool, original: Report.Original)
        }
    }
}
