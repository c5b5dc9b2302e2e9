/// A mail gateway or redirector that hides a link's destination inside a URL of its own. The raw
/// values are the report's `unwrapped_from.service` (the names the contract gives as examples);
/// they name the product, not the encoding version.
public enum LinkRewriter: String, Sendable, Hashable, CaseIterable {
    /// Microsoft Defender for Office 365 Safe Links, in mail (`*.safelinks.protection.outlook.com`,
    /// `*.safelinks.protection.office365.us`) and in Teams (`statics.teams.cdn.office.net`).
    case safeLinks = "safelinks"
    /// Proofpoint URL Defense, versions 1 to 3.
    case proofpoint = "proofpoint"
    /// Google's click-through redirect (`www.google.com/url?q=`), as Gmail and Google Docs write links.
    case googleRedirect = "google-redirect"
    /// Barracuda Link Protection (`linkprotect.cudasvc.com/url?a=`).
    case barracuda = "barracuda"
    /// Cisco Secure Email (formerly IronPort) URL rewriting (`secure-web.cisco.com/<token>/<url>`).
    case ciscoSecureEmail = "cisco-secure-email"
    /// Mimecast URL Protect. Its links carry only a token, so they are recognised but never resolved.
    case mimecast = "mimecast"
}
