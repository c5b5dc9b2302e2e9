#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds a message's MIME tree (RFC 2045/2046): nested multiparts with preamble and epilogue,
/// a missing closing boundary tolerated, message/rfc822 parts descended into. Bodies are not
/// decoded here; each part keeps a slice of the bytes.
public enum MessageParser {
    /// Never fails: damage becomes warnings on the parts, and `limits` bound the work.
    public static func parse(_ bytes: [UInt8], limits: MIMELimits = MIMELimits()) -> Message {
        var budget = limits.maxParts
        var warnings: [MailWarning] = []
        let root = parseEntity(bytes[...], parentType: nil, depth: 0, path: "", limits: limits, budget: &budget)
        if budget < 0 {
            warnings.append(MailWarning("too-many-parts", "more than \(limits.maxParts) MIME parts; the rest were not parsed"))
        }
        return Message(root: root, warnings: warnings)
    }

    static func parseEntity(_ bytes: ArraySlice<UInt8>, parentType: String?, depth: Int, path: String,
                            limits: MIMELimits, budget: inout Int) -> MIMEPart {
        let h = HeaderParser.parse(bytes, limits: limits)
        var warnings = h.warnings
        let headers = h.headers
        var contentType: HeaderParameters
        if let raw = headers.first("content-type"), !raw.isEmpty {
            contentType = HeaderParameters.parse(raw)
            if !contentType.value.utf8.contains(UInt8(ascii: "/")) {
                warnings.append(MailWarning("bad-content-type", "part \(path.isEmpty ? "root" : path): Content-Type '\(contentType.value)' is not a media type; read as text/plain"))
                contentType = HeaderParameters(value: "text/plain", parameters: contentType.parameters)
            }
        } else {
            contentType = HeaderParameters(value: parentType == "multipart/digest" ? "message/rfc822" : "text/plain",
                                           parameters: [:])
        }
        let disposition = headers.first("content-disposition").map { HeaderParameters.parse($0) }
        var cte = "7bit"
        if let raw = headers.first("content-transfer-encoding") {
            cte = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: " \t\"").lowercased()
        }
        let body = bytes[h.bodyStart...]
        var part = MIMEPart(headers: headers, contentType: contentType, disposition: disposition,
                            transferEncoding: cte, rawBody: body, children: [], warnings: warnings,
                            path: path)
        let here = path.isEmpty ? "root" : path

        if part.isMultipart {
            guard depth < limits.maxDepth else {
                part.warnings.append(MailWarning("too-deep", "part \(here): MIME nesting deeper than \(limits.maxDepth); not descended into"))
                return part
            }
            guard let boundary = contentType["boundary"], !boundary.isEmpty else {
                part.warnings.append(MailWarning("missing-boundary", "part \(here): multipart without a boundary parameter; read as text/plain"))
                part.contentType = HeaderParameters(value: "text/plain", parameters: contentType.parameters)
                return part
            }
            let split = BoundarySplitter.split(body, boundary: Array(boundary.utf8))
            if split.parts.isEmpty, split.sawClose {
                // Only the close delimiter: a multipart with no parts, its text all preamble.
                part.warnings.append(MailWarning("empty-multipart", "part \(here): multipart with no parts before its closing boundary"))
                return part
            }
            if split.parts.isEmpty, !body.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) {
                // Nothing to keep: a multipart with no parts, rather than an empty text part.
                part.warnings.append(MailWarning("empty-multipart", "part \(here): multipart with an empty body"))
                return part
            }
            if split.parts.isEmpty {
                part.warnings.append(MailWarning("missing-boundary", "part \(here): boundary \"\(boundary)\" never occurs; body read as text/plain"))
                part.contentType = HeaderParameters(value: "text/plain", parameters: contentType.parameters)
                return part
            }
            if !split.closed {
                part.warnings.append(MailWarning("missing-boundary", "part \(here): closing boundary missing; last part kept to the end of the message"))
            }
            for (i, slice) in split.parts.enumerated() {
                budget -= 1
                if budget < 0 { break }
                let childPath = path.isEmpty ? "\(i + 1)" : "\(path).\(i + 1)"
                part.children.append(parseEntity(slice, parentType: contentType.value, depth: depth + 1,
                                                 path: childPath, limits: limits, budget: &budget))
            }
        } else if part.isMessage {
            guard depth < limits.maxDepth else {
                part.warnings.append(MailWarning("too-deep", "part \(here): MIME nesting deeper than \(limits.maxDepth); attached message not read"))
                return part
            }
            budget -= 1
            if budget < 0 { return part }
            // Some mailers base64 an attached message, although RFC 2046 §5.2.1 forbids it.
            let inner: ArraySlice<UInt8>
            if cte == "base64" || cte == "quoted-printable" {
                let d = part.decodedBody()
                part.warnings.append(contentsOf: d.warnings)
                inner = d.bytes[...]
            } else {
                inner = body
            }
            let childPath = path.isEmpty ? "1" : "\(path).1"
            part.children = [parseEntity(inner, parentType: nil, depth: depth + 1, path: childPath,
                                         limits: limits, budget: &budget)]
        }
        return part
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
