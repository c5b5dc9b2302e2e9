// Fuzz target `mime`: the MIME tree (MessageParser: nested multiparts, message/rfc822 descent,
// digest defaults, limits) and the boundary splitter on its own, then every part's body decoded
// as bytes and as text the way the pipeline and `mailsift parts` do.
@testable import MailMIME

private let smallLimits: MIMELimits = {
    var l = MIMELimits()
    l.maxDepth = 6
    l.maxParts = 24
    l.maxHeaderFields = 32
    l.maxHeaderBytes = 4096
    l.maxHeaderLineBytes = 1024
    l.maxDecodedPartBytes = 1024
    return l
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = Array(UnsafeRawBufferPointer(start: start, count: count))
    for limits in [MIMELimits(), smallLimits] {
        let message = MessageParser.parse(input, limits: limits)
        _ = message.allWarnings
        _ = message.subject
        _ = message.from
        _ = message.to
        _ = message.date?.rfc3339
        _ = message.messageID
        let parts = message.root.allParts
        // The budget counts parts below the root; a truncated tree has one more than it allows.
        require(parts.count <= limits.maxParts + 2, "\(parts.count) parts with maxParts \(limits.maxParts)")
        for part in parts {
            let depth = part.path.isEmpty ? 0 : part.path.split(separator: ".").count
            require(depth <= limits.maxDepth, "part \(part.path) deeper than maxDepth \(limits.maxDepth)")
            _ = part.filename
            _ = part.isAttachment
            let limit = limits.maxDecodedPartBytes
            let body = part.decodedBody(limit: limit)
            require(body.bytes.count <= limit, "decodedBody gave \(body.bytes.count) bytes over limit \(limit)")
            _ = part.decodedText(limit: limit)
            _ = part.decodedText(limit: limit, unflow: false)
        }
    }

    // The splitter alone: first line is the boundary, the rest the body (as a slice not at 0).
    let bytes = fuzzSlice(start, count)
    let lineEnd = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
    let boundary = Array(bytes[..<lineEnd].prefix(80))
    let body = lineEnd < bytes.endIndex ? bytes[(lineEnd + 1)...] : bytes[bytes.endIndex...]
    let split = BoundarySplitter.split(body, boundary: boundary)
    var previousEnd = body.startIndex
    for p in split.parts {
        require(p.startIndex >= previousEnd && p.endIndex <= body.endIndex && p.startIndex <= p.endIndex,
                "part \(p.startIndex)..<\(p.endIndex) outside or before \(previousEnd)..<\(body.endIndex)")
        previousEnd = p.endIndex
    }
    return 0
}
