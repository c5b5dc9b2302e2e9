/// Matches URL paths against catalogue patterns (`**/realms/*/login-actions/action-token`).
enum PathPattern {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        let p = pattern.split(separator: "/", omittingEmptySubsequences: true).map { $0.lowercased() }
        let s = path.split(separator: "/", omittingEmptySubsequences: true).map { $0.lowercased() }
        return match(p[...], s[...])
    }

    /// Iterative matching with one `**` backtrack point at a time (as glob matchers do), so a
    /// hostile path costs linear-ish time.
    private static func match(_ p: ArraySlice<String>, _ s: ArraySlice<String>) -> Bool {
        var pi = p.startIndex, si = s.startIndex
        var star: (pi: Int, si: Int)? = nil
        while si < s.endIndex {
            if pi < p.endIndex, p[pi] == "**" {
                star = (pi, si)
                pi += 1
            } else if pi < p.endIndex, p[pi] == "*" || p[pi] == s[si] {
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
        while pi < p.endIndex, p[pi] == "**" { pi += 1 }
        return pi == p.endIndex
    }
}
