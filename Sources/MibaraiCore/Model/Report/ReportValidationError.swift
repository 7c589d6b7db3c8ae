/// Why a report cannot be recorded. A struct around a private enum so cases can be added without
/// breaking callers; `message` is bilingual and never contains identity values.
public struct ReportValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case negativeAmount, amountTooLarge, dateInFuture(String), datesOutOfOrder(String, String)
        case expiryBeforeIncident, alreadyExpired, nothingToMatch
    }

    private let kind: Kind
    private init(_ kind: Kind) { self.kind = kind }

    public static let negativeAmount = Self(.negativeAmount)
    public static let amountTooLarge = Self(.amountTooLarge)
    public static let expiryBeforeIncident = Self(.expiryBeforeIncident)
    public static let nothingToMatch = Self(.nothingToMatch)
    public static let alreadyExpired = Self(.alreadyExpired)
    public static func dateInFuture(field: String) -> Self { Self(.dateInFuture(field)) }
    public static func datesOutOfOrder(earlier: String, later: String) -> Self { Self(.datesOutOfOrder(earlier, later)) }

    public var message: Localized {
        switch kind {
        case .negativeAmount:
            Localized(ja: "金額が負の値です。0以上の円単位の整数を指定してください。", en: "The amount is negative: give whole yen, 0 or more.")
        case .amountTooLarge:
            Localized(ja: "金額が大きすぎます (上限 10億円)。", en: "The amount is too large (the limit is ¥1,000,000,000).")
        case .dateInFuture(let f):
            Localized(ja: "--\(f) が未来の日付です。", en: "--\(f) is in the future.")
        case .datesOutOfOrder(let a, let b):
            Localized(ja: "--\(b) が --\(a) より前になっています。", en: "--\(b) is before --\(a).")
        case .expiryBeforeIncident:
            Localized(ja: "保存期限が発生日以前です。", en: "The expiry is not after the incident date.")
        case .alreadyExpired:
            Localized(
                ja: "発生日が古く、保存期間がすでに過ぎています (区分ごとの保存期間は mibarai.toml の retention_days)。",
                en: "The incident is older than this category's retention period (retention_days in mibarai.toml): it would never match."
            )
        case .nothingToMatch:
            Localized(
                ja: "照合に使える項目がありません。電話番号・メールアドレス・住所 (局留めの場合は氏名も) のいずれかが必要です。",
                en: "Nothing to match on: give at least a usable phone, e-mail or home address (a post-office hold needs the name too)."
            )
        }
    }

    public var description: String { message.en }
}
