// Fuzz target `urls`: link-rewriter unwrapping (LinkUnwrapper over RewriteTable, WrapperURL,
// ProofpointURL v1-v3, Safe Links, Google, Barracuda, Cisco, Mimecast), host extraction
// (LinkURL) and host trust (HostTrust: punycode, homoglyph folding, look-alike edit distance) on
// arbitrary URL strings. The first byte picks a shape: the input as it is, or the input wrapped by
// a known gateway 1-8 times (so that nesting, the depth bound and each decoder see real layers).
@testable import MailMIME
@testable import MailTemplates

private let classifier = Classifier(catalogue: Catalogue.builtIn())

/// Percent-encodes everything but unreserved bytes, as gateways do for their `url=` parameter.
private func percentEncoded(_ s: String) -> String {
    var out = ""
    let hex = Array("0123456789ABCDEF")
    for b in s.utf8 {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(b))
        default:
            out.append("%"); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0xF)])
        }
    }
    return out
}

/// One gateway layer around `inner`; `kind` picks the gateway.
private func wrap(_ inner: String, _ kind: UInt8) -> String {
    switch kind % 7 {
    case 0: return "https://nam12.safelinks.protection.outlook.com/?url=\(percentEncoded(inner))&data=05%7C01&reserved=0"
    case 1: return "https://urldefense.proofpoint.com/v2/url?u=\(percentEncoded(inner).replacingOccurrences(of: "%", with: "-").replacingOccurrences(of: "/", with: "_"))&d=DwMF&c=x&r=y"
    case 2: return "https://urldefense.com/v3/__\(inner)__;!!ABC!def$"
    case 3: return "https://www.google.com/url?q=\(percentEncoded(inner))&sa=D"
    case 4: return "https://linkprotect.cudasvc.com/url?a=\(percentEncoded(inner))&c=E,1,x"
    case 5: return "https://secure-web.cisco.com/1abc/\(percentEncoded(inner))"
    default: return "https://url.uk.m.mimecastprotect.com/s/AbCd?domain=\(percentEncoded(inner))"
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    guard let shape = bytes.first else { return 0 }
    var url = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let layers = shape & 0x80 == 0 ? 0 : Int(shape & 0x07) + 1
    for i in 0..<layers { url = wrap(url, (shape >> 3) &+ UInt8(i)) }

    for maxDepth in [5, 0, 2, -1] {
        let u = LinkUnwrapper.unwrap(url, maxDepth: maxDepth)
        let limit = max(0, maxDepth)
        require(u.steps.count <= limit, "\(u.steps.count) layers taken off with maxDepth \(maxDepth)")
        require(u.isWrapped || u.url == url, "an unwrapped link changed: \(url.debugDescription) -> \(u.url.debugDescription)")
        require(!(u.depthLimitReached && u.unresolved != nil), "both depth-limited and unresolved")
        if let first = u.steps.first { require(first.url == url, "the chain does not start at the input") }
        if !u.steps.isEmpty {
            // A destination is an absolute http(s) URL with a host, without control characters.
            let lower = u.url.prefix(8).lowercased()
            if u.isResolved {
                require(lower.hasPrefix("http:") || lower.hasPrefix("https:"), "destination is not http(s): \(u.url.debugDescription)")
                require(!LinkURL.host(of: u.url).isEmpty, "destination without a host: \(u.url.debugDescription)")
            }
            require(!u.url.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F },
                    "destination holds a control character: \(u.url.debugDescription)")
            // Each layer is at most as long as the one around it: work stays linear per layer.
            var previous = url.utf8.count
            for step in u.steps.dropFirst() {
                require(step.url.utf8.count <= previous + 1, "a layer grew")
                previous = step.url.utf8.count
            }
            require(u.url.utf8.count <= previous + 1, "the destination is longer than its wrapper")
        }
        // Unwrapping the result again takes nothing more off, unless a bound stopped it.
        if u.isResolved {
            let again = LinkUnwrapper.unwrap(u.url, maxDepth: 0)
            require(again.steps.isEmpty, "a resolved destination still unwraps")
        }
    }

    // Hosts and their trust: any string, no crash, and a verdict that does not depend on case.
    let parsed = LinkURL(url)
    let host = LinkURL.host(of: url)
    require(host == host.lowercased() || host.utf8.contains { $0 >= 0x80 }, "host not lowercased: \(host.debugDescription)")
    _ = parsed.hasQueryParameter("token")
    _ = parsed.queryValue("url")
    let trust = classifier.trust(ofHost: host)
    if host.utf8.allSatisfy({ $0 < 0x80 }) {
        require(classifier.trust(ofHost: host.uppercased().lowercased()) == trust, "trust changed with case")
    }
    _ = HostTrust.reading(of: host)
    _ = ProofpointURL.v3(Array(bytes.dropFirst())[...])
    _ = ProofpointURL.v2(Array(bytes.dropFirst())[...])
    return 0
}
