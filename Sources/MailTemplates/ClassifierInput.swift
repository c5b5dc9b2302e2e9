import MailHTML
import MailMIME

/// What the classifier looks at, already decoded by the layers below.
public struct ClassifierInput: Sendable {
    /// The decoded subject.
    public var subject: String?
    /// The From address (`local@domain`).
    public var sender: String?
    /// Every link of the readable parts, merged and de-duplicated, in document order.
    public var links: [ExtractedLink]
    /// Visible text of all readable parts, one block per part.
    public var text: String
    /// The Date header, to which a stated validity is added.
    public var date: MailDate?
    /// Indexes of links wrapped by a gateway that cannot be resolved offline.
    public var opaqueLinks: Set<Int> = []

    /// What the classifier needs, decoded by the layers below.
    public init(subject: String?, sender: String?, links: [ExtractedLink], text: String, date: MailDate?) {
        self.subject = subject
        self.sender = sender
        self.links = links
        self.text = text
        self.date = date
    }
}
