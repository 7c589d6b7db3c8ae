/// One named risk signal of order screening. The raw value is the rule's name in
/// `mibarai.toml` (`[screening.weights]`), in `check --json` and in the HTTP API: append-only.
///
/// Each rule has a default weight and the reason for that default (``rationale``). A result's
/// score is the sum of the weights of the rules that fired (see ``ScreeningEngine``).
public enum ScreeningRule: String, Sendable, Hashable, CaseIterable, Codable {
    // Federation: blinded reports from this and other shops.
    case federationStrong = "federation_strong"
    case federationProbable = "federation_probable"
    case federationHousehold = "federation_household"
    // E-mail.
    case disposableMail = "disposable_mail"
    case freeMail = "free_mail"
    case gmail = "gmail"
    case carrierMail = "carrier_mail"
    // Delivery.
    case postOfficeHold = "post_office_hold"
    case depotHold = "depot_hold"
    case convenienceStorePickup = "convenience_store_pickup"
    case forwardingService = "forwarding_service"
    case nonResidential = "non_residential"
    // Identity consistency.
    case kanaMismatch = "kana_mismatch"
    case billingShippingMismatch = "billing_shipping_mismatch"
    case invalidPhone = "invalid_phone"
    // Basket.
    case highValueBasket = "high_value_basket"
    case singleOfSet = "single_of_set"
    case quantitySpike = "quantity_spike"
    // Velocity across the shop's own recent orders.
    case sharedAddressNames = "shared_address_names"
    case sharedPhoneNames = "shared_phone_names"
    case orderBurst = "order_burst"
    case newCustomerPayLater = "new_customer_pay_later"
    // Federation matches that are history, not an open loss (shown with their weight, 0 unless set).
    case federationSettled = "federation_settled"
    case federationDisputed = "federation_disputed"
    /// Reports reached through an impersonation victim's suppressed tokens: always shown, always 0
    /// (a shop cannot weigh them: ``ScreeningPolicy/weight(_:)``).
    case federationImpersonation = "federation_impersonation"

    /// The weight a shop gets unless `[screening.weights]` says otherwise. With the default
    /// thresholds (review at 30, hold at 60), one strong federation match holds an order alone,
    /// a probable one asks for review, and the weak heuristics only matter in combination.
    public var defaultWeight: Int {
        switch self {
        case .federationStrong: 70
        case .federationProbable: 40
        case .federationHousehold: 10
        case .disposableMail: 40
        case .freeMail: 10
        case .gmail: 3
        case .carrierMail: 3
        case .postOfficeHold: 20
        case .depotHold: 20
        case .convenienceStorePickup: 10
        case .forwardingService: 35
        case .nonResidential: 15
        case .kanaMismatch: 25
        case .billingShippingMismatch: 10
        case .invalidPhone: 25
        case .highValueBasket: 15
        case .singleOfSet: 15
        case .quantitySpike: 20
        case .sharedAddressNames: 20
        case .sharedPhoneNames: 30
        case .orderBurst: 25
        case .newCustomerPayLater: 10
        case .federationSettled: 0
        case .federationDisputed: 0
        case .federationImpersonation: 0
        }
    }

    /// Why the default weight is what it is (written into the configuration template).
    public var rationale: Localized {
        switch self {
        case .federationStrong:
            Localized(ja: "2つ以上の独立した項目が他店の報告と一致: それだけで保留に値する", en: "two independent identifiers match a report: enough to hold on its own")
        case .federationProbable:
            Localized(ja: "1項目のみ一致 (家族・同姓の可能性): 確認に回す", en: "one identifier matches (could be a relative): worth a review")
        case .federationHousehold:
            Localized(ja: "住所のみ一致 (建物・世帯): 単独では判断しない", en: "address only (a building, a household): never decisive alone")
        case .disposableMail:
            Localized(ja: "使い捨てメールは連絡が取れなくなる前提のアドレス", en: "a throwaway address is meant to stop answering")
        case .freeMail:
            Localized(ja: "Gmail 以外のフリーメールは匿名で何個でも作れる", en: "free mail other than Gmail is anonymous and unlimited")
        case .gmail:
            Localized(ja: "Gmail は一般的だが電話確認のある分だけ軽い", en: "Gmail is common; phone-verified sign-up makes it weigh less")
        case .carrierMail:
            Localized(ja: "携帯キャリアのメールは本人確認済みだが迷惑メール設定で届かないことが多い", en: "carrier mail is verified, but often filters shop mail out")
        case .postOfficeHold:
            Localized(ja: "局留めは自宅住所を明かさずに受け取れる", en: "a post-office hold receives goods without a home address")
        case .depotHold:
            Localized(ja: "営業所留めも自宅住所を明かさずに受け取れる", en: "a carrier-depot hold receives goods without a home address")
        case .convenienceStorePickup:
            Localized(ja: "コンビニ・ロッカー受取は正当な利用も多いので軽め", en: "store and locker pick-up is common and mostly legitimate")
        case .forwardingService:
            Localized(ja: "転送業者経由は海外転売・なりすましに多い", en: "forwarding warehouses are typical of resale abroad and stolen cards")
        case .nonResidential:
            Localized(ja: "ホテル・駅・商業施設は受取人を特定できない", en: "hotels, stations and malls do not identify a recipient")
        case .kanaMismatch:
            Localized(ja: "フリガナが氏名の読みになり得ないのは入力の偽装が多い", en: "a reading that cannot be the name's suggests a made-up identity")
        case .billingShippingMismatch:
            Localized(ja: "贈り物でも起こるので軽め", en: "gifts do this too, so it weighs little")
        case .invalidPhone:
            Localized(ja: "存在しない番号では連絡も督促もできない", en: "a number that cannot exist cannot be called about payment")
        case .highValueBasket:
            Localized(ja: "高額品だけの注文は換金目的に多い", en: "baskets of only expensive items are typical of resale")
        case .singleOfSet:
            Localized(ja: "セット販売品を1個だけは店の想定外の買い方", en: "one unit of a set-sold item is not how the shop sells it")
        case .quantitySpike:
            Localized(ja: "通常を超える数量は転売に多い", en: "unusual quantities are typical of resale")
        case .sharedAddressNames:
            Localized(ja: "同じ住所に別名義の注文が続くのは名義を変えた再注文に多い (家族の場合もある)", en: "different names at one address often means re-ordering under new names (or a family)")
        case .sharedPhoneNames:
            Localized(ja: "同じ電話番号で別名義は家族より偽名の可能性が高い", en: "one phone under different names is more often an alias than a family")
        case .orderBurst:
            Localized(ja: "短時間の連続注文は後払い枠の使い切りに多い", en: "a burst of orders is typical of exhausting a pay-later limit")
        case .newCustomerPayLater:
            Localized(ja: "初回の後払い・代引きは未払い・受取拒否が最も多い", en: "first orders on pay-later or cash on delivery are where non-payment concentrates")
        case .federationSettled:
            Localized(ja: "過去に未払いがあったが完済・和解済: 既定では点数にしない (履歴として表示)", en: "an unpaid report since paid or settled: by default history only, no score")
        case .federationDisputed:
            Localized(ja: "本人が争っている報告 (係争中): 決着まで点数にしない", en: "a report the person disputes: no score until it is decided")
        case .federationImpersonation:
            Localized(ja: "なりすまし被害の届出がある本人の情報での一致: 常に0点 (変更不可)", en: "a match on a reported impersonation victim's details: always 0, cannot be changed")
        }
    }
}
