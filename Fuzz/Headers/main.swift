// Fuzz target `headers`: the header block parser (RFC 5322 unfolding, mbox envelope, malformed
// lines, limits) and what is read out of the fields: addresses, dates, parameters
// (Content-Type / Content-Disposition, RFC 2231) and encoded-word text.
@testable import MailMIME

private let smallLimits: MIMELimits = {
    var l = MIMELimits()
    l.maxHeaderBytes = 2048
    l.maxHeaderFields = 16
    l.maxHeaderLineBytes = 512
    return l
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = fuzzSlice(start, count)
    for limits in [MIMELimits(), smallLimits] {
        let r = HeaderParser.parse(bytes, limits: limits)
        require(r.bodyStart >= bytes.startIndex && r.bodyStart <= bytes.endIndex,
                "bodyStart \(r.bodyStart) outside \(bytes.startIndex)...\(bytes.endIndex)")
        require(r.headers.fields.count <= limits.maxHeaderFields, "more fields than maxHeaderFields")
        var keys = Set<String>()
        for field in r.headers.fields {
            require(field.value.startIndex >= 0, "field value slice starts below 0")
            let value = field.value
            _ = AddressParser.parse(value)
            _ = HeaderParameters.parse(value)
            if let d = DateParser.parse(value) { checkDate(d) }
            if keys.insert(field.key).inserted { _ = r.headers.text(field.key) }
        }
        let block = r.headers
        for name in ["from", "to", "cc", "reply-to", "sender"] {
            for v in block.all(name) {
                for a in AddressParser.parse(v) { _ = a.address.utf8.count; _ = a.name }
            }
        }
        if let ct = block.first("content-type") {
            let p = HeaderParameters.parse(ct)
            _ = p["boundary"]; _ = p["charset"]; _ = p["name"]
        }
        _ = block.text("subject")
    }
    return 0
}

/// A date that was read must print as RFC 3339 and, when it is an ordinary one, read back the same.
private func checkDate(_ d: MailDate) {
    let s = d.rfc3339
    let plainYear = s.utf8.count >= 20 && s.utf8.first.map { $0 >= 0x31 && $0 <= 0x39 } == true
        && s.utf8.dropFirst(4).first == UInt8(ascii: "-")
    guard plainYear, d.offsetSeconds % 60 == 0, abs(d.offsetSeconds) < 24 * 3600 else { return }
    let back = MailDate.parseRFC3339(s)
    require(back == d, "date \(d) prints as \(s) which reads back as \(String(describing: back))")
}
