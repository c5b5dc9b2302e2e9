/// When a link has a role: every condition given must hold. Patterns are plain data so that a
/// catalogue author needs no regular expressions.
public struct LinkRule: Sendable, Codable, Hashable {
    /// The role a matching link gets (`activation`, `reset-credentials`, …).
    public var role: String
    /// The message exists for this link (activation, reset, …).
    public var action: Bool
    /// Exact host, or `*.domain` for any subdomain.
    public var host: String?
    /// The host must be official or look like the brand (a phisher's copy still gets its role).
    public var hostToken: Bool
    /// Path pattern: `/`-separated; `*` one segment, `**` any number of segments, other segments
    /// literal (case-insensitive).
    public var path: String?
    /// Query parameters that must be present.
    public var query: [String]?
    /// Lowercased anchor texts, one of which the link's text must equal.
    public var text: [String]?
    /// `path`, compiled once.
    let pathPattern: PathPattern?

    enum CodingKeys: String, CodingKey {
        case role, action, host, path, query, text
        case hostToken = "host_token"
    }

    /// Writes the catalogue format, leaving out defaults so a printed catalogue stays short.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(role, forKey: .role)
        try c.encode(action, forKey: .action)
        try c.encodeIfPresent(host, forKey: .host)
        if hostToken { try c.encode(true, forKey: .hostToken) }
        try c.encodeIfPresent(path, forKey: .path)
        try c.encodeIfPresent(query, forKey: .query)
        try c.encodeIfPresent(text, forKey: .text)
    }

    /// Reads the catalogue format; hosts and anchor texts are lowercased here, once.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        role = try c.decode(String.self, forKey: .role)
        action = try c.decodeIfPresent(Bool.self, forKey: .action) ?? false
        host = try c.decodeIfPresent(String.self, forKey: .host)?.lowercased()
        hostToken = try c.decodeIfPresent(Bool.self, forKey: .hostToken) ?? false
        path = try c.decodeIfPresent(String.self, forKey: .path)
        query = try c.decodeIfPresent([String].self, forKey: .query)
        text = try c.decodeIfPresent([String].self, forKey: .text)?.map { $0.lowercased() }
        pathPattern = path.map(PathPattern.init)
        if host == nil, path == nil, query == nil, text == nil {
            throw DecodingError.dataCorruptedError(forKey: .role, in: c,
                debugDescription: "a link rule needs at least one of host, path, query, text")
        }
    }

    /// Lowercased literal fragments that any matching link must show somewhere in the message's
    /// text or markup; the cheap pre-filter is built from them so that it cannot miss a match.
    var needles: [String] {
        if let text { return text }
        if let path {
            let literal = path.split(separator: "/").filter { $0 != "*" && $0 != "**" }.map { $0.lowercased() }
            if let longest = literal.max(by: { $0.count < $1.count }) { return [longest] }
        }
        if let host { return [host.hasPrefix("*.") ? String(host.dropFirst(2)) : host] }
        return []
    }

    /// `anchor` is the link's text, lowercased.
    func matches(_ url: LinkURL, text anchor: String?, opaque: Bool = false, trust: @autoclosure () -> HostTrust) -> Bool {
        // A gateway link that cannot be resolved offline (Mimecast) hides host and path: only a
        // rule that names the anchor's words can still recognise it.
        if opaque {
            guard let text, let anchor else { return false }
            return text.contains(anchor)
        }
        if let host {
            if host.hasPrefix("*.") {
                let d = host.dropFirst(2)
                guard url.host == d || url.host.hasSuffix("." + d) else { return false }
            } else if url.host != host {
                return false
            }
        }
        if let pathPattern, !pathPattern.matches(url.segments) { return false }
        if let query {
            for q in query where !url.hasQueryParameter(q) { return false }
        }
        if let text {
            guard let anchor, text.contains(anchor) else { return false }
        }
        if hostToken, trust() == .other { return false }
        return true
    }
}
