import Foundation

/// The parts of a URL that rules look at. Deliberately small and forgiving: mail carries URLs
/// that strict parsers reject, and a rule only needs host, path and query names.
public struct LinkURL: Sendable, Hashable {
    public var scheme: String
    /// Lowercased, without userinfo, port or a trailing dot; the domain for `mailto:`.
    public var host: String
    public var path: String
    public var query: String
    public var queryNames: Set<String>

    public init(_ url: String) {
        var rest = Substring(url)
        scheme = ""
        if let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        host = ""
        path = ""
        query = ""
        queryNames = []
        if scheme == "mailto" {
            let addr = rest.split(separator: "?", maxSplits: 1).first ?? ""
            if let at = addr.lastIndex(of: "@") { host = addr[addr.index(after: at)...].lowercased() }
            return
        }
        if let frag = rest.firstIndex(of: "#") { rest = rest[..<frag] }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let authEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "\\" }) ?? rest.endIndex
            var authority = rest[..<authEnd]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
                authority = authority[...close]
            } else if let colon = authority.lastIndex(of: ":") {
                authority = authority[..<colon]
            }
            var h = authority.lowercased()
            while h.hasSuffix(".") { h.removeLast() }
            host = h
            rest = rest[authEnd...]
        }
        if let q = rest.firstIndex(of: "?") {
            path = String(rest[..<q])
            query = String(rest[rest.index(after: q)...])
            for pair in query.split(separator: "&") {
                let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                if !name.isEmpty { queryNames.insert(String(name)) }
            }
        } else {
            path = String(rest)
        }
    }

    /// The value of the first query parameter `name`, percent-decoded.
    public func queryValue(_ name: String) -> String? {
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if kv.first.map(String.init) == name {
                let v = kv.count > 1 ? String(kv[1]) : ""
                return v.removingPercentEncoding ?? v
            }
        }
        return nil
    }
}

