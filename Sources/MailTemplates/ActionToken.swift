import Foundation

/// Reads a signed action token (a JWT, as Keycloak puts in `key=`): its expiry and its type. The
/// signature is never checked: we have no key and only want to tell the user when the link stops
/// working and which action it is for. No other claim is kept — they hold personal data (e-mail,
/// user id).
///
/// Keycloak writes the action in the `typ` claim of the payload (the header's `typ` is just
/// `JWT`): `reset-credentials` (the reset mail), `execute-actions` (an administrator's
/// "Update Your Account"), `verify-email` (e-mail verification), also `update-email`,
/// `idp-verify-account-via-email`, `ORGIVT` (organisation invitation).
enum ActionToken {
    struct Times: Sendable, Hashable {
        var exp: Int64
        var iat: Int64?
    }

    /// What we read from a token's payload: all optional, a token may have none of them.
    struct Claims: Sendable, Hashable {
        var exp: Int64?
        var iat: Int64?
        /// The `typ` claim, when it is a short printable string.
        var type: String?
    }

    static func times(_ token: String) -> Times? {
        guard let c = claims(token), let exp = c.exp else { return nil }
        return Times(exp: exp, iat: c.iat)
    }

    /// The `typ` claim of a JWT; nil for an opaque key or a token without one.
    static func type(_ token: String) -> String? {
        claims(token)?.type
    }

    /// nil when `token` is not a JWT with a JSON object payload (an opaque key).
    static func claims(_ token: String) -> Claims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].count < 8192, let payload = base64URL(parts[1]),
              let obj = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else { return nil }
        var type: String? = nil
        if let t = obj["typ"] as? String, !t.isEmpty, t.utf8.count <= 64,
           t.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) {
            type = t
        }
        return Claims(exp: number(obj["exp"]), iat: number(obj["iat"]), type: type)
    }

    private static func number(_ v: Any?) -> Int64? {
        if let n = v as? NSNumber {
            let d = n.doubleValue
            guard d.isFinite, d >= 0, d < 1e11 else { return nil }
            return Int64(d)
        }
        return nil
    }

    private static func base64URL(_ s: Substring) -> Data? {
        var b = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b.count % 4 != 0 { b += "=" }
        return Data(base64Encoded: b)
    }
}
