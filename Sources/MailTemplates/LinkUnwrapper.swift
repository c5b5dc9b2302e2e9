import MailMIME

/// Takes mail gateways' link rewriting off, offline. Security gateways (Microsoft Safe Links,
/// Proofpoint, Barracuda, Cisco, Mimecast) and Google's redirect put the real destination inside
/// their own URL; judging the gateway's host would call every wrapped phishing link official-looking
/// Microsoft and every wrapped BSrE link foreign. Nothing is fetched: a gateway that keeps the
/// destination on its servers (Mimecast) is reported as such, not resolved.
///
/// Deliberately strict, because a destination we make up is worse than one we leave wrapped:
/// gateways are matched by exact host only (see `RewriteTable`); each layer is decoded exactly
/// once; the result must be valid UTF-8 without control characters and an absolute `http` or
/// `https` URL with a host, or unwrapping stops at that layer with `UnresolvedWrapper.malformed`.
public enum LinkUnwrapper {
    /// - Parameters:
    ///   - url: a link as extracted from the message (an href or a URL found in text).
    ///   - maxDepth: how many layers to take off at most (gateways nest when mail is forwarded
    ///     between organisations); negative counts as 0. Each layer is at most as long as the one
    ///     around it, so the work is bounded by `maxDepth` times the input's length.
    public static func unwrap(_ url: String, maxDepth: Int = 5) -> UnwrappedLink {
        let limit = max(0, maxDepth)
        var current = url
        var steps: [UnwrappedLink.Step] = []
        while true {
            // The hot path: most links are not wrapped and leave after this lookup.
            let rules = RewriteTable.builtIn.rules(forHost: LinkURL.host(of: current))
            guard !rules.isEmpty, let wrapper = WrapperURL(current),
                  let rule = rules.first(where: { $0.applies(to: wrapper) }) else {
                return UnwrappedLink(url: current, steps: steps)
            }
            if case .opaque(let hint) = rule.target {
                let unresolved = UnresolvedWrapper(rewriter: rule.rewriter, reason: .opaque,
                                                   claimedDomain: wrapper.parameter(hint).flatMap(domainHint))
                return UnwrappedLink(url: current, steps: steps, unresolved: unresolved)
            }
            guard steps.count < limit else {
                return UnwrappedLink(url: current, steps: steps, depthLimitReached: true)
            }
            guard let target = rule.targetBytes(in: wrapper).flatMap(acceptedTarget) else {
                return UnwrappedLink(url: current, steps: steps,
                                     unresolved: UnresolvedWrapper(rewriter: rule.rewriter, reason: .malformed))
            }
            steps.append(UnwrappedLink.Step(rewriter: rule.rewriter, url: current))
            current = target
        }
    }

    /// `bytes` as a destination, or nil when it is not one a browser would open as a web page.
    /// Invalid UTF-8 is refused rather than repaired: a replacement character in a host would
    /// name a different host. Control characters are refused because they have no place in a
    /// URL and browsers silently drop some of them, so the text would not be where a click goes.
    /// `https:/host` (one slash, as some Proofpoint v3 links carry it) becomes `https://host`,
    /// which is how browsers read it.
    static func acceptedTarget(_ bytes: [UInt8]) -> String? {
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }),
              let colon = bytes.prefix(6).firstIndex(of: UInt8(ascii: ":")),
              WrapperURL.isHTTPScheme(bytes[0..<colon]) else { return nil }
        var b = bytes
        let afterColon = colon + 1
        if afterColon + 1 < b.count, b[afterColon] == UInt8(ascii: "/"),
           b[afterColon + 1] != UInt8(ascii: "/"), b[afterColon + 1] != UInt8(ascii: "\\") {
            b.insert(UInt8(ascii: "/"), at: afterColon)
        }
        guard let s = String(validating: b, as: UTF8.self), !LinkURL.host(of: s).isEmpty else { return nil }
        return s
    }

    /// Mimecast's `domain=` value when it reads as a host name (up to a `/`, which some carry).
    static func domainHint(_ raw: ArraySlice<UInt8>) -> String? {
        var d = PercentDecoding.decode(raw).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if let slash = d.firstIndex(of: UInt8(ascii: "/")) { d.removeSubrange(slash...) }
        guard !d.isEmpty, d.count <= 253, d.contains(UInt8(ascii: ".")),
              d.allSatisfy({ c in
                  (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                      || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
              }) else { return nil }
        return String(decoding: d, as: UTF8.self)
    }
}
