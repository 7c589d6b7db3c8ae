/// Words that mark a delivery that does not go to a home (Protocol/screening.md § rules).
///
/// Compared (by ``DeliveryMatcher``) against the recipient's address, the platform's delivery-method
/// text and, for forwarding services, the recipient's name, after NFKC, with white space removed and
/// ASCII lower-cased. The lists are written for this project from
/// the carriers' and services' own public names (2026-11): 営業所留め and センター留め are the
/// wording Yamato, Sagawa, Fukuyama and Seino use for holds at their depots; the convenience
/// stores and lockers are the pick-up points those carriers and 日本郵便 (はこぽす, PUDO) offer;
/// the forwarding services are the larger 転送サービス selling to buyers abroad (tenso, Buyee,
/// ZenMarket, FROM JAPAN, Blackship, Japan Rabbit, WorldShopping), whose customers put the
/// service's name or a member code in the address; the non-residential words are building types
/// that do not identify a recipient. 局留め is recognised by the address normaliser
/// (`NormalizedAddress.isPostOfficeHold`).
public enum DeliveryPatterns {
    public static let depotHold = [
        "営業所留", "営業所止", "営業所どめ", "営業所受取", "営業所受け取り", "営業所渡",
        "センター留", "センター止", "センター受取", "センター受け取り", "宅急便センター",
        "ヤマト運輸", "佐川急便", "福山通運", "西濃運輸",
    ]
    public static let convenienceStorePickup = [
        "コンビニ受取", "コンビニ受け取り", "コンビニ留", "コンビニ止", "店頭受取", "店頭受け取り", "店舗受取",
        "セブンイレブン", "セブン-イレブン", "ファミリーマート", "ファミマ", "ローソン", "ミニストップ",
        "デイリーヤマザキ", "セイコーマート", "はこぽす", "pudo", "宅配便ロッカー", "受取ロッカー",
    ]
    public static let forwardingService = [
        "転送", "tenso", "buyee", "zenmarket", "fromjapan", "blackship", "japanrabbit", "worldshopping",
    ]
    public static let nonResidential = [
        "ホテル", "hotel", "旅館", "ホステル", "hostel", "ゲストハウス", "カプセル", "ネットカフェ", "漫画喫茶",
        "まんが喫茶", "ショッピングセンター", "ショッピングモール", "イオンモール", "ららぽーと", "アウトレット",
        "百貨店", "デパート", "駅構内", "駅ビル", "ターミナルビル", "空港ビル", "私書箱", "レンタルオフィス",
        "バーチャルオフィス", "レンタルルーム",
    ]
}
