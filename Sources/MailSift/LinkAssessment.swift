import MailHTML
import MailTemplates

/// What a reader should think of one link: is its host the brand's, does the text they see
/// name the place it really goes, is it sent in the clear. Shared by the report's warnings
/// and `explain`, so the two never disagree.
struct LinkAssessment: Sendable, Hashable {
    var host: String
    var trust: HostTrust
    /// The host the visible text shows, when the text is itself a URL or a domain.
    var shownHost: String?
    var shownTrust: HostTrust?

    /// The text shows one place and the link goes to another, and one of them is, or poses
    /// as, the brand's. A newsletter's click tracker (text and link both foreign) is not flagged.
    var mismatch: Bool {
        guard let shownHost, let shownTrust, shownHost != host else { return false }
        if shownTrust == .official, trust == .official { return false }
        return shownTrust != .other || trust != .other
    }

    var isHTTP: Bool

    init(url: String, text: String?, classifier: Classifier) {
        var cache: [String: HostTrust] = [:]
        self.init(url: url, text: text, classifier: classifier, cache: &cache)
    }

    /// `cache` keeps each host's verdict across a message's links: most share a few hosts.
    init(url: String, text: String?, classifier: Classifier, cache: inout [String: HostTrust]) {
        func judge(_ h: String) -> HostTrust {
            if let t = cache[h] { return t }
            let t = classifier.trust(ofHost: h)
            cache[h] = t
            return t
        }
        host = LinkURL.host(of: url)
        isHTTP = url.utf8.count > 5 && url.utf8.prefix(5).map { $0 | 0x20 }.elementsEqual("http:".utf8)
        trust = host.isEmpty ? .other : judge(host)
        shownHost = text.flatMap(Self.hostShown)
        shownTrust = shownHost.map(judge)
    }

    /// "https://bsre.bssn.go.id/…", "www.bssn.go.id" or "bsre.bssn.go.id/email/…" → the host;
    /// ordinary words ("Aktivasi Akun", "klik di sini") → nil.
    static func hostShown(in text: String) -> String? {
        // Most anchor texts are words: no dot, no host.
        guard text.utf8.contains(0x2E) else { return nil }
        var t = Substring(text).drop(while: { $0 == " " || $0 == "<" || $0 == "[" || $0 == "(" })
        guard !t.isEmpty, t.utf8.count < 2048 else { return nil }
        let lower = t.lowercased()
        var rest = Substring(lower)
        if rest.hasPrefix("https://") { rest = rest.dropFirst(8) }
        else if rest.hasPrefix("http://") { rest = rest.dropFirst(7) }
        else if t.contains(" ") { return nil }
        t = rest
        let hostPart = t.prefix(while: { !"/?#: >])".contains($0) })
        guard hostPart.contains("."), !hostPart.hasPrefix("."), !hostPart.hasSuffix("."),
              hostPart.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-" })
        else { return nil }
        // The last label must look like a top-level domain, so "v2.0" or "3.14" is not a host.
        guard let tld = hostPart.split(separator: ".").last, tld.count >= 2,
              tld.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return nil }
        return String(hostPart)
    }
}
