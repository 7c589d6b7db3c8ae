/// An error whose message is bilingual and free of personal data, so it can be shown as is.
public protocol LocalizedFailure: Error {
    var message: Localized { get }
}

extension ReportValidationError: LocalizedFailure {}
extension CaseError: LocalizedFailure {}
extension NaiyoShomeiError: LocalizedFailure {}
