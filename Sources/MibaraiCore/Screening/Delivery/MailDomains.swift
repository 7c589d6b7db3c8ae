import Foundation

/// The committed list of free, carrier and disposable e-mail domains
/// (`Resources/mail-domains.tsv`: its header names the sources and the date).
public struct MailDomains: Sendable {
    private let kinds: [String: MailDomainKind]

    /// Parses the list format: `domain<TAB>kind` per line, `#` comments.
    public init(parsing text: String) {
        var kinds: [String: MailDomainKind] = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let kind = MailDomainKind(rawValue: String(parts[1])) else { continue }
            kinds[parts[0].lowercased()] = kind
        }
        self.kinds = kinds
    }

    /// The list shipped with this module (empty if the resource is missing, which the tests catch).
    public static let bundled: MailDomains = {
        guard let url = Bundle.module.url(forResource: "mail-domains", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return MailDomains(parsing: "") }
        return MailDomains(parsing: text)
    }()

    public var count: Int { kinds.count }

    /// The kind of a canonical e-mail address's domain (or of a parent domain), nil when unlisted.
    public func kind(ofEmail email: String) -> MailDomainKind? {
        guard let at = email.lastIndex(of: "@") else { return nil }
        var domain = Substring(email[email.index(after: at)...])
        while true {
            if let k = kinds[String(domain)] { return k }
            guard let dot = domain.firstIndex(of: ".") else { return nil }
            domain = domain[domain.index(after: dot)...]
            if !domain.contains(".") { return nil }
        }
    }
}
