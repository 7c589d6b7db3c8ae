import ArgumentParser
import MibaraiCore

/// The six identity fields as options, shared by `report add`, `report update` and `check`.
struct IdentityOptions: ParsableArguments {
    @Option(help: "氏名 (漢字) / Name in kanji.") var name: String?
    @Option(help: "フリガナ / Name in kana.") var kana: String?
    @Option(name: .customLong("postal-code"), help: "郵便番号 / Postal code.") var postalCode: String?
    @Option(help: "住所 / Address.") var address: String?
    @Option(help: "電話番号 / Phone number.") var phone: String?
    @Option(help: "メールアドレス / E-mail address.") var email: String?

    var identity: Identity {
        Identity(name: name, nameKana: kana, postalCode: postalCode, address: address, phone: phone, email: email)
    }

    /// The given fields laid over `base` (for updates): an empty string clears a field.
    func applied(to base: Identity) -> Identity {
        var out = base
        for field in IdentityField.allCases {
            if let v = identity[field] { out[field] = v.isEmpty ? nil : v }
        }
        return out
    }

    var isEmpty: Bool { IdentityField.allCases.allSatisfy { identity[$0] == nil } }
}
