/// A message's or part's header fields in their original order, duplicates kept.
public struct HeaderBlock: Sendable {
    /// The fields in message order; repeated fields are kept, since order carries meaning (Received, Authentication-Results).
    public var fields: [HeaderField]

    /// A block of the given fields, for tests and for builders of messages.
    public init(fields: [HeaderField] = []) {
        self.fields = fields
    }

    /// The first field named `name` (case-insensitive): RFC 5322 allows one of most fields, and the
    /// first is what mail readers show when a broken sender writes two.
    public func first(_ name: String) -> ArraySlice<UInt8>? {
        let key = name.lowercased()
        for field in fields where field.key == key { return field.value }
        return nil
    }

    /// Every field named `name`, in order (Received, Authentication-Results, …).
    public func all(_ name: String) -> [ArraySlice<UInt8>] {
        let key = name.lowercased()
        return fields.filter { $0.key == key }.map(\.value)
    }

    /// Unstructured text of the first `name` field with RFC 2047 words decoded.
    public func text(_ name: String) -> (text: String, warnings: [MailWarning])? {
        guard let raw = first(name) else { return nil }
        return EncodedWordDecoder.decode(raw)
    }
}
