import CSV
import Foundation
import MibaraiCore

/// A CSV file of orders, decoded (UTF-8 with or without BOM, or Shift_JIS/CP932) and mapped to
/// identity fields by its header.
struct OrderCSV {
    /// Header names (compared after NFKC, lower-case, spaces removed) for each field. Platform
    /// specific exports (Shopify, EC-CUBE, BASE, STORES …) extend this list.
    static let headerNames: [IdentityField: [String]] = [
        .name: ["name", "氏名", "名前", "お名前", "注文者名", "購入者名", "お客様名", "customername", "billingname", "fullname"],
        .nameKana: ["name_kana", "namekana", "kana", "フリガナ", "ふりがな", "カナ", "氏名(フリガナ)", "お名前(フリガナ)", "氏名カナ", "セイメイ"],
        .postalCode: ["postal_code", "postalcode", "zip", "zipcode", "郵便番号", "〒"],
        .address: ["address", "住所", "ご住所", "お届け先住所", "注文者住所"],
        .phone: ["phone", "tel", "telephone", "電話番号", "電話", "携帯電話", "連絡先"],
        .email: ["email", "e-mail", "mail", "メールアドレス", "メール", "eメール"],
    ]

    enum Encoding: String { case utf8 = "UTF-8", shiftJIS = "Shift_JIS" }

    let header: [String]
    let rows: [[String]]
    let encoding: Encoding
    /// Column index of each identity field present.
    let columns: [IdentityField: Int]

    static func read(path: String) throws(CLIError) -> OrderCSV {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .noInput(ja: "CSVファイルを読めません: \(path)", en: "cannot read the CSV file \(path)")
        }
        return try parse(data, name: path)
    }

    static func parse(_ data: Data, name: String) throws(CLIError) -> OrderCSV {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let text: String
        let encoding: Encoding
        if let t = String(data: bytes, encoding: .utf8) {
            (text, encoding) = (t, .utf8)
        } else if let t = String(data: bytes, encoding: .shiftJIS) {
            (text, encoding) = (t, .shiftJIS)
        } else {
            throw .data(
                ja: "CSVの文字コードを判別できません (UTF-8 でも Shift_JIS でもない): \(name)",
                en: "\(name) is neither UTF-8 nor Shift_JIS text"
            )
        }
        if text.contains("\u{0}") {
            throw .data(ja: "CSVではないファイルです: \(name)", en: "\(name) is not a CSV file (binary data)")
        }
        var header: [String] = []
        var rows: [[String]] = []
        do {
            let reader = try CSVReader(string: text, hasHeaderRow: true)
            header = reader.headerRow ?? []
            while let row = reader.next() { rows.append(row) }
            if let e = reader.error { throw e }
        } catch {
            throw .data(ja: "CSVを解析できません: \(name)", en: "cannot parse \(name) as CSV")
        }
        var columns: [IdentityField: Int] = [:]
        for (i, h) in header.enumerated() {
            let key = TextFolding.removingSpaces(TextFolding.nfkc(h)).lowercased()
            for (field, names) in headerNames where columns[field] == nil && names.contains(key) {
                columns[field] = i
            }
        }
        if columns.isEmpty {
            throw .data(
                ja: "CSVの見出しに照合できる列がありません (氏名, 住所, 電話番号, メールアドレス など): \(name)",
                en: "no identity column in the header of \(name) (expected name, address, phone, email …)"
            )
        }
        return OrderCSV(header: header, rows: rows, encoding: encoding, columns: columns)
    }

    func identity(row: [String]) -> Identity {
        var id = Identity()
        for (field, i) in columns where i < row.count {
            let v = row[i]
            if !v.allSatisfy(\.isWhitespace) { id[field] = v }
        }
        return id
    }
}
