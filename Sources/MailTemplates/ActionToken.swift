import Foundation

/// Reads the expiry of a signed action token (a JWT, as Keycloak puts in `key=`). The signature is
/// never checked: we have no key and only want to tell the user when the link stops working. No
/// other claim is kept — they hold personal data (e-mail, user id).
enum ActionToken {
    struct Times: Sendable, Hashable {
        var exp: Int64
        var iat: Int64?
    }

    static func times(_ token: String) -> Times? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].count < 8192, let payload = base64URL(parts[1]),
              let obj = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else { return nil }
        guard let exp = number(obj["exp"]) else { return nil }
        return Times(exp: exp, iat: number(obj["iat"]))
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
