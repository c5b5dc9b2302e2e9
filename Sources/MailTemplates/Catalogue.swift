import Foundation

/// The templates in use: the built-in catalogue, plus any user files layered on top.
public struct Catalogue: Sendable {
    /// In catalogue order, user files' templates after (or in place of) the built-in ones.
    public private(set) var templates: [Template]
    /// Domains whose hosts are official unless a template says otherwise.
    public private(set) var officialDomains: [String]
    /// Brand words whose imitations in a host are warned about.
    public private(set) var lookalikeTokens: [String]
    /// Where each layer came from (`built-in`, then user files), for `mailsift templates`.
    public private(set) var sources: [String]
    var expiry: ExpiryParser
    /// Lowercased fragments one of which every recognisable message contains (see LinkRule.needles).
    public private(set) var needles: [String]

    /// The catalogue that ships with mailsift.
    public static func builtIn() -> Catalogue {
        do {
            let file = try CatalogueFile.decode(Data(PackageResources.catalogue_json), path: "built-in catalogue")
            return try Catalogue(file: file, path: "built-in")
        } catch {
            // The built-in file is tested; failing here is a packaging bug, not user input.
            fatalError("\(error)")
        }
    }

    init(file: CatalogueFile, path: String) throws(CatalogueError) {
        templates = file.templates
        officialDomains = (file.officialDomains ?? []).map { $0.lowercased() }
        lookalikeTokens = (file.lookalikeTokens ?? []).map { $0.lowercased() }
        sources = [path]
        expiry = try ExpiryParser(patterns: file.expiryPatterns ?? [], units: file.units ?? [:],
                                  numbers: file.numbers ?? [:], path: path)
        needles = []
        recomputeNeedles()
    }

    /// Adds a user's catalogue file: templates with a known id replace the built-in ones, new ids
    /// are added; official domains, tokens, units and expiry patterns are added to ours.
    public mutating func add(file path: String) throws(CatalogueError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        let file = try CatalogueFile.decode(data, path: path)
        for t in file.templates {
            if let i = templates.firstIndex(where: { $0.id == t.id }) { templates[i] = t } else { templates.append(t) }
        }
        for d in file.officialDomains ?? [] where !officialDomains.contains(d.lowercased()) { officialDomains.append(d.lowercased()) }
        for t in file.lookalikeTokens ?? [] where !lookalikeTokens.contains(t.lowercased()) { lookalikeTokens.append(t.lowercased()) }
        try expiry.add(patterns: file.expiryPatterns ?? [], units: file.units ?? [:], numbers: file.numbers ?? [:], path: path)
        sources.append(path)
        recomputeNeedles()
    }

    private mutating func recomputeNeedles() {
        var set = Set<String>()
        for t in templates { for r in t.links where r.action { set.formUnion(r.needles) } }
        needles = set.sorted()
    }

    func officialDomains(for t: Template?) -> [String] { t?.officialDomains ?? officialDomains }

    func trust(host: String, template: Template?) -> HostTrust {
        HostTrust.of(host: host, officialDomains: officialDomains(for: template), tokens: lookalikeTokens)
    }
}
