/// RFC 5322 comments (`(…)`, nested, with `\` escapes) in structured header values: counted, not
/// descended into, so 10,000 nested parentheses cost a loop, not a stack.
enum CommentScanner {
    /// The index of the `)` that closes the comment opening at `start` (which holds `(`), or nil
    /// when it never closes.
    static func closing(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var depth = 0
        var k = start
        while k < bytes.count {
            switch bytes[k] {
            case UInt8(ascii: "\\"):
                k += 1
            case UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return k }
            default:
                break
            }
            k += 1
        }
        return nil
    }
}
