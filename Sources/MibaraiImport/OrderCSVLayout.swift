import MibaraiCore

/// Where an order's parts are in an EC platform's export: for each part, the header names of
/// the columns that make it up, joined in this order (姓 + 名, 都道府県 + 住所1 + 住所2, TEL1-TEL2-TEL3).
///
/// Header names are compared after NFKC, with white space removed and ASCII lower-cased. Sources
/// of the real column names (checked 2026-11):
/// - Shopify: help.shopify.com, "Exporting orders" (注文をエクスポートする) and the order CSV
///   column descriptions (Name, Email, Financial Status, Created at, Lineitem quantity,
///   Lineitem name, Lineitem price, Lineitem sku, Billing Name, Billing Address1, Billing City,
///   Billing Zip, Billing Province, Billing Phone, Shipping …, Payment Method, Shipping Method).
/// - EC-CUBE (2.x 受注CSV / 配送CSV): the CSV 出力項目設定 manual of EC-CUBE hosting at
///   shop.xserver.ne.jp (注文ID, お名前(姓), お名前(名), お名前(セイ), お名前(メイ), 郵便番号1,
///   郵便番号2, 都道府県(名称), 住所1, 住所2, メールアドレス, TEL1–TEL3, 支払方法(名称), 受注日,
///   商品コード, 商品名, 価格, 個数, 配送先_お名前(姓) …).
/// - カラーミーショップ (受注データ sales_all.csv): the column table of the `label_me` Ruby gem
///   (rubydoc.info/gems/label_me) (売上ID, 受注日, 購入者 名前, 購入者 郵便番号, 購入者 都道府県,
///   購入者 住所, 購入者 メールアドレス, 購入者 電話番号, 配送先 名前, 配送先 フリガナ, 配送先 郵便番号,
///   配送先 都道府県名, 配送先 住所, 配送先 電話番号, 購入商品 商品ID, 購入商品 販売価格(消費税込),
///   購入商品 販売個数).
/// - BASE (注文CSV): the header line as public tools that import BASE's order download match it
///   (open-source order-label and shipping scripts on GitHub that detect a BASE file by this exact
///   line, and others that read its columns by name; checked 2026-11-23) (注文ID, 注文日時, 氏(請求先), 名(請求先), 郵便番号(請求先),
///   都道府県(請求先), 住所(請求先), 住所2(請求先), 電話番号(請求先), メールアドレス(請求先), the same
///   seven for 配送先, 備考, 商品名, バリエーション, 価格, 税率, 数量, 合計金額, 送料, 支払い方法,
///   代引き手数料, 発送状況, 商品ID, 種類ID, 購入元, 配送日, 配送時間帯, 注文メモ, 調整金額). It has no
///   delivery-method column: 局留め and コンビニ受取 are found from the address.
/// - STORES: no public column list could be checked; the names below are those of its order
///   download as shops describe it (注文番号, 購入者 氏名 …). A file that differs falls back to the
///   generic mapping.
public struct OrderCSVLayout: Sendable {
    /// The raw value is a position for lookup tables in memory, never stored or sent.
    public enum Part: Int, CaseIterable, Sendable {
        case reference, placedAt, payment, delivery
        case name, nameKana, postalCode, address, phone, email
        case shipName, shipNameKana, shipPostalCode, shipAddress, shipPhone
        case sku, itemName, quantity, unitPrice

        public var separator: String {
            switch self {
            case .phone, .shipPhone, .postalCode, .shipPostalCode: "-"
            default: " "
            }
        }
    }

    public enum Platform: String, Sendable, CaseIterable {
        case shopify = "Shopify"
        case eccube = "EC-CUBE"
        case base = "BASE"
        case stores = "STORES"
        case colorme = "カラーミーショップ"
        case generic = "generic"
    }

    let platform: Platform
    /// Headers that must all be present for the platform to be recognised.
    let signature: [String]
    let parts: [(Part, [String])]

    static func key(_ header: String) -> String {
        TextFolding.removingSpaces(TextFolding.nfkc(header)).lowercased()
    }

    static let platforms: [OrderCSVLayout] = [
        OrderCSVLayout(platform: .shopify, signature: ["Name", "Financial Status", "Lineitem quantity", "Billing Name"], parts: [
            (.reference, ["Name"]), (.placedAt, ["Created at"]), (.payment, ["Payment Method"]), (.delivery, ["Shipping Method"]),
            (.name, ["Billing Name"]), (.postalCode, ["Billing Zip"]),
            (.address, ["Billing Province", "Billing City", "Billing Address1", "Billing Address2"]),
            (.phone, ["Billing Phone"]), (.email, ["Email"]),
            (.shipName, ["Shipping Name"]), (.shipPostalCode, ["Shipping Zip"]),
            (.shipAddress, ["Shipping Province", "Shipping City", "Shipping Address1", "Shipping Address2"]),
            (.shipPhone, ["Shipping Phone"]),
            (.sku, ["Lineitem sku"]), (.itemName, ["Lineitem name"]), (.quantity, ["Lineitem quantity"]), (.unitPrice, ["Lineitem price"]),
        ]),
        OrderCSVLayout(platform: .eccube, signature: ["注文ID", "お名前(姓)", "お名前(名)", "TEL1"], parts: [
            (.reference, ["注文ID"]), (.placedAt, ["受注日"]), (.payment, ["支払方法(名称)"]), (.delivery, ["配送方法(名称)", "配送業者(名称)"]),
            (.name, ["お名前(姓)", "お名前(名)"]), (.nameKana, ["お名前(セイ)", "お名前(メイ)"]),
            (.postalCode, ["郵便番号1", "郵便番号2"]), (.address, ["都道府県(名称)", "住所1", "住所2"]),
            (.phone, ["TEL1", "TEL2", "TEL3"]), (.email, ["メールアドレス"]),
            (.shipName, ["配送先_お名前(姓)", "配送先_お名前(名)"]), (.shipNameKana, ["配送先_お名前(セイ)", "配送先_お名前(メイ)"]),
            (.shipPostalCode, ["配送先_郵便番号1", "配送先_郵便番号2"]),
            (.shipAddress, ["配送先_都道府県(名称)", "配送先_住所1", "配送先_住所2"]),
            (.shipPhone, ["配送先_TEL1", "配送先_TEL2", "配送先_TEL3"]),
            (.sku, ["商品コード"]), (.itemName, ["商品名"]), (.quantity, ["個数"]), (.unitPrice, ["価格"]),
        ]),
        OrderCSVLayout(platform: .base, signature: ["注文ID", "氏(請求先)", "名(請求先)"], parts: [
            (.reference, ["注文ID"]), (.placedAt, ["注文日時"]), (.payment, ["支払い方法"]),
            (.name, ["氏(請求先)", "名(請求先)"]), (.postalCode, ["郵便番号(請求先)"]),
            (.address, ["都道府県(請求先)", "住所(請求先)", "住所2(請求先)"]),
            (.phone, ["電話番号(請求先)"]), (.email, ["メールアドレス(請求先)"]),
            (.shipName, ["氏(配送先)", "名(配送先)"]), (.shipPostalCode, ["郵便番号(配送先)"]),
            (.shipAddress, ["都道府県(配送先)", "住所(配送先)", "住所2(配送先)"]), (.shipPhone, ["電話番号(配送先)"]),
            (.sku, ["商品ID"]), (.itemName, ["商品名"]), (.quantity, ["数量"]), (.unitPrice, ["価格"]),
        ]),
        OrderCSVLayout(platform: .stores, signature: ["注文番号", "購入者 氏名"], parts: [
            (.reference, ["注文番号"]), (.placedAt, ["注文日時"]), (.payment, ["決済方法"]), (.delivery, ["配送方法"]),
            (.name, ["購入者 氏名"]), (.nameKana, ["購入者 氏名(カナ)"]), (.postalCode, ["購入者 郵便番号"]),
            (.address, ["購入者 都道府県", "購入者 住所"]), (.phone, ["購入者 電話番号"]), (.email, ["購入者 メールアドレス"]),
            (.shipName, ["配送先 氏名"]), (.shipPostalCode, ["配送先 郵便番号"]),
            (.shipAddress, ["配送先 都道府県", "配送先 住所"]), (.shipPhone, ["配送先 電話番号"]),
            (.sku, ["SKU"]), (.itemName, ["アイテム名"]), (.quantity, ["数量"]), (.unitPrice, ["価格"]),
        ]),
        OrderCSVLayout(platform: .colorme, signature: ["売上ID", "購入者 名前"], parts: [
            (.reference, ["売上ID"]), (.placedAt, ["受注日"]), (.payment, ["決済方法", "支払方法"]), (.delivery, ["配送方法"]),
            (.name, ["購入者 名前"]), (.nameKana, ["購入者 フリガナ"]), (.postalCode, ["購入者 郵便番号"]),
            (.address, ["購入者 都道府県", "購入者 住所"]), (.phone, ["購入者 電話番号"]), (.email, ["購入者 メールアドレス"]),
            (.shipName, ["配送先 名前"]), (.shipNameKana, ["配送先 フリガナ"]), (.shipPostalCode, ["配送先 郵便番号"]),
            (.shipAddress, ["配送先 都道府県名", "配送先 住所"]), (.shipPhone, ["配送先 電話番号"]),
            (.sku, ["購入商品 商品ID"]), (.itemName, ["購入商品 商品名"]), (.quantity, ["購入商品 販売個数"]),
            (.unitPrice, ["購入商品 販売価格(消費税込)"]),
        ]),
    ]

    /// Any other file: one column per part, by the first of these names found.
    static let generic: [(Part, [String])] = [
        (.reference, ["order", "order_id", "orderid", "order_number", "reference", "注文番号", "注文id", "受注番号", "注文no"]),
        (.placedAt, ["order_date", "created_at", "placed_at", "ordered_at", "date", "注文日", "注文日時", "受注日", "受注日時", "購入日"]),
        (.payment, ["payment", "payment_method", "支払方法", "支払い方法", "決済方法", "お支払い方法"]),
        (.delivery, ["delivery", "delivery_method", "shipping_method", "配送方法", "お届け方法"]),
        (.name, ["name", "氏名", "名前", "お名前", "注文者名", "購入者名", "お客様名", "customername", "billingname", "fullname"]),
        (.nameKana, ["name_kana", "namekana", "kana", "フリガナ", "ふりがな", "カナ", "氏名(フリガナ)", "お名前(フリガナ)", "氏名カナ", "セイメイ"]),
        (.postalCode, ["postal_code", "postalcode", "zip", "zipcode", "郵便番号", "〒"]),
        (.address, ["address", "住所", "ご住所", "注文者住所"]),
        (.phone, ["phone", "tel", "telephone", "電話番号", "電話", "携帯電話", "連絡先"]),
        (.email, ["email", "e-mail", "mail", "メールアドレス", "メール", "eメール"]),
        (.shipName, ["shipping_name", "配送先氏名", "お届け先氏名", "お届け先名", "送付先氏名"]),
        (.shipPostalCode, ["shipping_postal_code", "shipping_zip", "配送先郵便番号", "お届け先郵便番号"]),
        (.shipAddress, ["shipping_address", "配送先住所", "お届け先住所", "送付先住所"]),
        (.shipPhone, ["shipping_phone", "配送先電話番号", "お届け先電話番号"]),
        (.sku, ["sku", "商品コード", "商品番号", "品番"]),
        (.itemName, ["item", "product", "商品名", "商品"]),
        (.quantity, ["quantity", "qty", "数量", "個数"]),
        (.unitPrice, ["price", "unit_price", "単価", "価格", "販売価格"]),
    ]
}
