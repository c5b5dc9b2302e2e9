/// Matches URL paths against catalogue patterns (`**/realms/*/login-actions/action-token`):
/// `*` is one segment, `**` any number, anything else a literal segment (case-insensitive).
struct PathPattern: Sendable, Hashable {
    enum Segment: Sendable, Hashable {
        case one
        case any
        case literal([UInt8])
    }

    let segments: [Segment]

    init(_ pattern: String) {
        segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map {
            $0 == "**" ? .any : $0 == "*" ? .one : .literal(Array($0.lowercased().utf8))
        }
    }

    static func matches(_ pattern: String, _ path: String) -> Bool {
        PathPattern(pattern).matches(LinkURL("x://h" + (path.hasPrefix("/") ? "" : "/") + path).segments)
    }

    /// Iterative glob matching with one `**` backtrack point at a time, so a hostile path costs
    /// linear-ish time.
    func matches(_ s: [[UInt8]]) -> Bool {
        let p = segments
        var pi = 0, si = 0
        var star: (pi: Int, si: Int)? = nil
        while si < s.count {
            if pi < p.count, case .any = p[pi] {
                star = (pi, si)
                pi += 1
            } else if pi < p.count, Self.segmentMatches(p[pi], s[si]) {
                pi += 1
                si += 1
            } else if let st = star {
                star = (st.pi, st.si + 1)
                pi = st.pi + 1
                si = st.si + 1
            } else {
                return false
            }
        }
        while pi < p.count, case .any = p[pi] { pi += 1 }
        return pi == p.count
    }

    @inline(__always)
    static func segmentMatches(_ p: Segment, _ s: [UInt8]) -> Bool {
        switch p {
        case .one: return true
        case .any: return false
        case .literal(let l): return l == s
        }
    }
}
