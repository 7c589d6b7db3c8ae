import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

/// The six identity fields, shared by `report add`, `report update` and `check`: as options, or as
/// one JSON object on standard input (`--stdin`), which keeps them out of the process list that
/// other local users can read.
struct IdentityOptions: ParsableArguments {
    @Option(help: "氏名 (漢字) / Name in kanji.") var name: String?
    @Option(help: "フリガナ / Name in kana.") var kana: String?
    @Option(name: .customLong("postal-code"), help: "郵便番号 / Postal code.") var postalCode: String?
    @Option(help: "住所 / Address.") var address: String?
    @Option(help: "電話番号 / Phone number.") var phone: String?
    @Option(help: "メールアドレス / E-mail address.") var email: String?
    @Flag(
        name: .customLong("stdin"),
        help: """
        顧客情報を標準入力の JSON で渡す (他のユーザーの ps に表示されない) / Read the fields as one JSON object on stdin \
        ({"name","name_kana","postal_code","address","phone","email"}), keeping them out of the process list.
        """
    )
    var fromStdin = false

    private var flags: Identity {
        Identity(name: name, nameKana: kana, postalCode: postalCode, address: address, phone: phone, email: email)
    }

    /// The identity from the options and, with `--stdin`, from the JSON object on standard input.
    /// A key that is not an identity field, a value that is not a string, or a field given both
    /// ways is an error.
    func identity() throws(NodeError) -> Identity {
        var id = flags
        guard fromStdin else { return id }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .data(ja: "標準入力が JSON オブジェクトではありません。", en: "stdin is not a JSON object.")
        }
        for key in object.keys.sorted() {
            guard let field = IdentityField(rawValue: key) else {
                let names = IdentityField.allCases.map(\.rawValue).joined(separator: ", ")
                throw .data(ja: "不明な項目です: \"\(key)\" (使える項目: \(names))", en: "unknown field \"\(key)\" (the fields are \(names))")
            }
            if object[key] is NSNull { continue }
            guard let value = object[key] as? String else {
                throw .data(ja: "項目 \(key) の値が文字列ではありません。", en: "the value of \(key) is not a string.")
            }
            if id[field] != nil {
                throw .usage(ja: "項目 \(key) がオプションと標準入力の両方にあります。", en: "\(key) is given both as an option and on stdin.")
            }
            id[field] = value
        }
        return id
    }

    /// The given fields laid over `base` (for updates): an empty string clears a field.
    func applied(to base: Identity) throws(NodeError) -> Identity {
        let given = try identity()
        var out = base
        for field in IdentityField.allCases {
            if let v = given[field] { out[field] = v.isEmpty ? nil : v }
        }
        return out
    }

    /// True when no identity option was given and stdin is not to be read.
    var isEmpty: Bool { !fromStdin && IdentityField.allCases.allSatisfy { flags[$0] == nil } }
}
