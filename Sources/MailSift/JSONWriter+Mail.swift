import MailMIME

/// The shapes every mailsift JSON output shares, written one way.
extension JSONWriter {
    mutating func address(_ a: MailAddress) {
        raw("{")
        key("name", first: true); string(a.name)
        key("address"); string(a.address)
        raw("}")
    }

    mutating func addresses(_ list: [MailAddress]) {
        raw("[")
        for (i, a) in list.enumerated() {
            if i > 0 { raw(",") }
            address(a)
        }
        raw("]")
    }

    mutating func warnings(_ list: [MailWarning]) {
        raw("[")
        for (i, warn) in list.enumerated() {
            if i > 0 { raw(",") }
            raw("{"); key("code", first: true); string(warn.code); key("message"); string(warn.message); raw("}")
        }
        raw("]")
    }
}
