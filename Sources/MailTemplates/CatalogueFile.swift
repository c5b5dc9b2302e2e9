import Foundation

/// The on-disk form of a catalogue (`mailsift-templates/1`). The built-in one ships as a package
/// resource; a user's file has the same shape and adds to or overrides it.
///
/// Fields added within format 1 (all optional; a file without them reads as before):
///
/// * `templates[].token_types` (list of strings): the action token types the template accepts —
///   the `typ` claim of the JWT found in one of the template's `token_params` (Keycloak:
///   `reset-credentials`, `execute-actions`, `verify-email`). A link that matches an action rule
///   but whose token names another type is not this template's action link (nor gets the rule's
///   role), so mails that share a link shape — Keycloak's reset, execute-actions and
///   verify-email links are all `…/login-actions/action-token?key=<JWT>` — cannot be taken for
///   one another. An opaque key, or a JWT without `typ`, is accepted. Requires `token_params`.
///   Absent: any token.
struct CatalogueFile: Codable, Sendable {
    static let format = "mailsift-templates/1"

    var format: String
    var officialDomains: [String]?
    var lookalikeTokens: [String]?
    var numbers: [String: Int]?
    var units: [String: Int]?
    var expiryPatterns: [String]?
    var templates: [Template]

    enum CodingKeys: String, CodingKey {
        case format, numbers, units, templates
        case officialDomains = "official_domains"
        case lookalikeTokens = "lookalike_tokens"
        case expiryPatterns = "expiry_patterns"
    }

    static func decode(_ data: Data, path: String) throws(CatalogueError) -> CatalogueFile {
        let file: CatalogueFile
        do {
            file = try JSONDecoder().decode(CatalogueFile.self, from: data)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw .invalid(path: path, field: Self.fieldPath(ctx.codingPath + [key]), expected: "this field is required")
        } catch let DecodingError.typeMismatch(type, ctx) {
            throw .invalid(path: path, field: Self.fieldPath(ctx.codingPath), expected: "expected \(Self.describe(type))")
        } catch let DecodingError.valueNotFound(type, ctx) {
            throw .invalid(path: path, field: Self.fieldPath(ctx.codingPath), expected: "expected \(Self.describe(type)), found null")
        } catch let DecodingError.dataCorrupted(ctx) {
            let field = ctx.codingPath.isEmpty ? "(file)" : Self.fieldPath(ctx.codingPath)
            let why = ctx.debugDescription.contains("JSON") || ctx.codingPath.isEmpty ? "not valid JSON" : ctx.debugDescription
            throw .invalid(path: path, field: field, expected: why)
        } catch {
            throw .invalid(path: path, field: "(file)", expected: "\(error)")
        }
        guard file.format == format else {
            throw .invalid(path: path, field: "format", expected: "expected \"\(format)\", found \"\(file.format)\"")
        }
        for (i, t) in file.templates.enumerated() {
            guard Self.isKebab(t.kind) else {
                throw .invalid(path: path, field: "templates[\(i)].kind", expected: "expected lowercase words joined by '-', found \"\(t.kind)\"")
            }
            for (j, rule) in t.links.enumerated() where !Self.isKebab(rule.role) {
                throw .invalid(path: path, field: "templates[\(i)].links[\(j)].role", expected: "expected lowercase words joined by '-', found \"\(rule.role)\"")
            }
            if let types = t.tokenTypes {
                guard !types.isEmpty, types.allSatisfy({ !$0.isEmpty }) else {
                    throw .invalid(path: path, field: "templates[\(i)].token_types", expected: "expected a non-empty list of token types")
                }
                guard !(t.tokenParams ?? []).isEmpty else {
                    throw .invalid(path: path, field: "templates[\(i)].token_types", expected: "needs token_params (the query parameters that carry the token)")
                }
            }
        }
        return file
    }

    static func isKebab(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        return !s.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") } }
    }

    static func fieldPath(_ path: [any CodingKey]) -> String {
        var out = ""
        for k in path {
            if let i = k.intValue { out += "[\(i)]" } else { out += out.isEmpty ? k.stringValue : "." + k.stringValue }
        }
        return out.isEmpty ? "(file)" : out
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "a whole number"
        case is Bool.Type: return "true or false"
        case is [String].Type: return "a list of strings"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object"
        }
    }
}
