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

    /// The list shipped with this module, or why it cannot be used (``Normalizer/bundled()``
    /// fails with it, so no node screens with an empty list).
    public static let loaded: Result<MailDomains, BundledTableError> = BundledTable.text("mail-domains.tsv").flatMap { text in
        let domains = MailDomains(parsing: text)
        return domains.count == 0 ? .failure(.empty("mail-domains.tsv")) : .success(domains)
    }

    /// The list shipped with this module; empty only when ``loaded`` failed.
    public static let bundled: MailDomains = (try? loaded.get()) ?? MailDomains(parsing: "")

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
