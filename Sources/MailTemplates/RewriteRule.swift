import MailMIME

/// One gateway's way of wrapping a link, as data: which paths on its hosts are wrappers and how
/// the destination is recovered from them. Hosts live in `RewriteTable`.
struct RewriteRule: Sendable {
    enum Path: Sendable {
        case any
        case exactly(String)
        case prefix(String)
    }

    enum Target: Sendable {
        /// The first of these query parameters that is present and not empty, percent-decoded once.
        case parameter([String])
        case proofpointV1
        case proofpointV2
        case proofpointV3
        /// Cisco: the path after a token segment, percent-decoded once.
        case pathAfterToken
        /// Not recoverable offline; `hint` names a parameter that may state the destination domain.
        case opaque(hint: String)
    }

    let rewriter: LinkRewriter
    let path: Path
    let target: Target

    func applies(to url: WrapperURL) -> Bool {
        switch path {
        case .any: return true
        case .exactly(let p): return url.pathIs(p)
        case .prefix(let p): return url.pathStarts(with: p)
        }
    }

    /// The destination's bytes, not yet checked to be an http(s) URL; nil when the wrapper does
    /// not carry one. Never called for `.opaque`.
    func targetBytes(in url: WrapperURL) -> [UInt8]? {
        switch target {
        case .parameter(let names):
            for name in names {
                if let v = url.parameter(name), !v.isEmpty { return PercentDecoding.decode(v) }
            }
            return nil
        case .proofpointV1:
            return url.parameter("u").map(ProofpointURL.v1)
        case .proofpointV2:
            return url.parameter("u").map(ProofpointURL.v2)
        case .proofpointV3:
            return url.remainder(after: "/v3/__").flatMap(ProofpointURL.v3)
        case .pathAfterToken:
            return url.pathAfterToken().map { PercentDecoding.decode($0) }
        case .opaque:
            return nil
        }
    }
}
