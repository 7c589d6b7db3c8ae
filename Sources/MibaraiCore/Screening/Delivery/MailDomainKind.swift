/// What an e-mail domain says about an order (see `Resources/mail-domains.tsv`).
public enum MailDomainKind: String, Sendable, Hashable, CaseIterable {
    case gmail
    case free
    case carrier
    case disposable
}
