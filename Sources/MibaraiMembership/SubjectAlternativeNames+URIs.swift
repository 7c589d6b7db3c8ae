import X509

extension SubjectAlternativeNames {
    var uris: [String] {
        compactMap { if case .uniformResourceIdentifier(let u) = $0 { u } else { nil } }
    }
}
