/// A parsed message: its MIME tree and the header fields reports need, decoded once.
public struct Message: Sendable {
    /// The top of the MIME tree; its headers are the message's.
    public var root: MIMEPart
    /// Problems of the whole message (limits hit); part problems live on the parts.
    public var warnings: [MailWarning]

    /// A message with its tree and the problems met while reading its structure.
    public init(root: MIMEPart, warnings: [MailWarning] = []) {
        self.root = root
        self.warnings = warnings
    }

    /// The message's header block.
    public var headers: HeaderBlock { root.headers }

    /// The decoded Subject and any warnings from decoding it; nil when there is no Subject.
    public var subject: (text: String, warnings: [MailWarning])? { headers.text("subject") }

    /// The From addresses (usually one).
    public var from: [MailAddress] { headers.first("from").map { AddressParser.parse($0) } ?? [] }

    /// The To addresses.
    public var to: [MailAddress] { headers.first("to").map { AddressParser.parse($0) } ?? [] }

    /// The Date header; nil when absent or unparseable.
    public var date: MailDate? { headers.first("date").flatMap { DateParser.parse($0) } }

    /// The Message-ID without angle brackets or surrounding whitespace.
    public var messageID: String? {
        guard let raw = headers.first("message-id") else { return nil }
        var s = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: " \t")
        if s.hasPrefix("<") { s.removeFirst() }
        if let close = s.firstIndex(of: ">") { s = String(s[..<close]) }
        s = s.trimmingCharacters(in: " \t")
        return s.isEmpty ? nil : s
    }

    /// Every warning in the tree, the message's own first, then parts' in tree order.
    public var allWarnings: [MailWarning] {
        warnings + root.allParts.flatMap(\.warnings)
    }
}
