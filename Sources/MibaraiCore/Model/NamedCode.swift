/// A stored code with a name for the command line and a bilingual label: `init(name:)` accepts
/// either the name or the Japanese label, ignoring case and surrounding spaces.
public protocol NamedCode: CaseIterable {
    var name: String { get }
    var label: Localized { get }
}

extension NamedCode {
    public init?(name: String) {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let found = Self.allCases.first(where: { $0.name == key || $0.label.ja == key }) else { return nil }
        self = found
    }
}
