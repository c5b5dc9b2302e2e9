/// One kind of mail, described as data: the signals that recognise it and the links it carries.
/// Adding a kind of mail means adding one of these to a catalogue file, not changing code.
public struct Template: Sendable, Codable, Hashable {
    /// Unique id; a user's template with the same id replaces the built-in one.
    public var id: String
    /// The report's `kind` (kebab-case). Several templates may share a kind.
    public var kind: String
    /// For people reading the catalogue; not used in matching.
    public var description: String?
    /// Lowercased fragments one of which the decoded subject contains (a +2 signal).
    public var subjects: [String]
    /// Lowercased phrases of the body (each found is +1, at most 3 count).
    public var phrases: [String]
    /// Rules that give links their roles; the first link matching an `action` rule is the action link.
    public var links: [LinkRule]
    /// Words that open the greeting line ("Hai NAME"): the rest of the line is the recipient's name.
    public var greetings: [String]?
    /// Labels in front of account details ("Username: …").
    public var account: AccountFields?
    /// Query parameters of the action link that may carry a signed action token (JWT) with `exp`.
    public var tokenParams: [String]?
    /// The token types (the JWT's `typ` claim, e.g. Keycloak's `reset-credentials`) this
    /// template's action link may carry. A link whose token (in `tokenParams`) names another type
    /// is not this template's action link; an opaque key, or a JWT without `typ`, is accepted.
    /// Nil: any token.
    public var tokenTypes: [String]?
    /// Hosts under these domains are official for this template; the catalogue's when absent.
    public var officialDomains: [String]?
    /// The score a message must reach (default 7) once an action link, a brand signal and
    /// a content signal (subject or phrase) are found.
    public var minScore: Int?

    enum CodingKeys: String, CodingKey {
        case id, kind, description, subjects, phrases, links, greetings, account
        case tokenParams = "token_params"
        case tokenTypes = "token_types"
        case officialDomains = "official_domains"
        case minScore = "min_score"
    }

    /// Labels in front of account details, per field.
    public struct AccountFields: Sendable, Codable, Hashable {
        /// Lowercased labels of the username ("username", "nama pengguna").
        public var username: [String]?
        /// Lowercased labels of the password.
        public var password: [String]?
    }

    /// The type named by the action token in `url` when this template constrains token types and
    /// the token names one it does not accept; nil when the link is acceptable.
    func rejectedTokenType(_ url: LinkURL, claims: (String) -> ActionToken.Claims? = ActionToken.claims) -> String? {
        guard let tokenTypes, let type = tokenType(url, claims: claims) else { return nil }
        return tokenTypes.contains(type) ? nil : type
    }

    /// The `typ` claim of the first token found in the link's `tokenParams`.
    func tokenType(_ url: LinkURL, claims: (String) -> ActionToken.Claims? = ActionToken.claims) -> String? {
        for param in tokenParams ?? [] {
            if let value = url.queryValue(param), let c = claims(value) { return c.type }
        }
        return nil
    }

    /// Reads the catalogue format; optional lists may be left out.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        kind = try c.decode(String.self, forKey: .kind)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        subjects = (try c.decodeIfPresent([String].self, forKey: .subjects) ?? []).map { $0.lowercased() }
        phrases = (try c.decodeIfPresent([String].self, forKey: .phrases) ?? []).map { $0.lowercased() }
        links = try c.decode([LinkRule].self, forKey: .links)
        greetings = try c.decodeIfPresent([String].self, forKey: .greetings)?.map { $0.lowercased() }
        account = try c.decodeIfPresent(AccountFields.self, forKey: .account)
        tokenParams = try c.decodeIfPresent([String].self, forKey: .tokenParams)
        tokenTypes = try c.decodeIfPresent([String].self, forKey: .tokenTypes)
        officialDomains = try c.decodeIfPresent([String].self, forKey: .officialDomains)?.map { $0.lowercased() }
        minScore = try c.decodeIfPresent(Int.self, forKey: .minScore)
    }
}
