import MailHTML
import MailMIME

/// One message's own readable content: the top-level message, or a message attached inside it
/// (message/rfc822). Parts of an attached message belong to its scope, not to the outer one.
struct MessageScope {
    /// "root", or the path of the attached message's part.
    var path: String
    var headers: HeaderBlock
    /// Readable text parts (text/plain and text/html, not attachments), in tree order.
    var parts: [MIMEPart]

    /// The top-level scope first, then attached messages in tree order.
    static func scopes(of message: Message) -> [MessageScope] {
        var scopes: [MessageScope] = []
        // Iterative walk: (part, index of the scope it belongs to).
        var stack: [(MIMEPart, Int)] = [(message.root, 0)]
        scopes.append(MessageScope(path: "root", headers: message.root.headers, parts: []))
        while let (part, scope) = stack.popLast() {
            if part.isMessage {
                for child in part.children.reversed() {
                    scopes.append(MessageScope(path: part.displayPath, headers: child.headers, parts: []))
                    stack.append((child, scopes.count - 1))
                }
                continue
            }
            if part.isMultipart {
                for child in part.children.reversed() { stack.append((child, scope)) }
                continue
            }
            if isReadable(part) { scopes[scope].parts.append(part) }
        }
        return scopes
    }

    static func isReadable(_ part: MIMEPart) -> Bool {
        let t = part.mediaType
        guard t == "text/plain" || t == "text/html" else { return false }
        if part.isAttachment, part.filename != nil { return false }
        return true
    }
}
