import Foundation
import MibaraiCore

extension NodeConfiguration {
    /// `[screening]` in mibarai.toml, as written (every key optional).
    struct ScreeningSection: Decodable {
        var review_at: Int?
        var hold_at: Int?
        var high_value_yen: Int?
        var high_value_min_units: Int?
        var max_quantity: Int?
        var set_skus: [String]?
        var burst_window_minutes: Int?
        var burst_orders: Int?
        var names_per_address: Int?
        var names_per_phone: Int?
        var history_days: Int?
        var allow_list: [String]?
        var forwarding_words: [String]?
        var non_residential_words: [String]?
        var weights: [String: Int]?
    }

    /// The shop's screening policy from `[screening]`: defaults for what is missing; impossible
    /// values, unknown rules and allow-list entries that are neither a phone nor an e-mail are errors.
    static func screeningPolicy(_ s: ScreeningSection?) throws(NodeError) -> ScreeningPolicy {
        var p = ScreeningPolicy()
        guard let s else { return p }
        func range(_ key: String, _ value: Int?, _ r: ClosedRange<Int>, _ apply: (Int) -> Void) throws(NodeError) {
            guard let value else { return }
            guard r.contains(value) else {
                throw .data(ja: "screening.\(key) は \(r.lowerBound)〜\(r.upperBound) です。", en: "screening.\(key) must be \(r.lowerBound) to \(r.upperBound).")
            }
            apply(value)
        }
        try range("review_at", s.review_at, 1...10_000) { p.reviewAt = $0 }
        try range("hold_at", s.hold_at, 1...10_000) { p.holdAt = $0 }
        guard p.reviewAt <= p.holdAt else {
            throw .data(ja: "screening.review_at は hold_at 以下にしてください。", en: "screening.review_at must not exceed hold_at.")
        }
        try range("high_value_yen", s.high_value_yen, 1...100_000_000) { p.highValueYen = $0 }
        try range("high_value_min_units", s.high_value_min_units, 1...1_000) { p.highValueMinUnits = $0 }
        try range("max_quantity", s.max_quantity, 1...100_000) { p.maxQuantity = $0 }
        try range("burst_window_minutes", s.burst_window_minutes, 1...525_600) { p.burstWindowMinutes = $0 }
        try range("burst_orders", s.burst_orders, 2...10_000) { p.burstOrders = $0 }
        try range("names_per_address", s.names_per_address, 1...1_000) { p.namesPerAddress = $0 }
        try range("names_per_phone", s.names_per_phone, 1...1_000) { p.namesPerPhone = $0 }
        try range("history_days", s.history_days, 1...3_650) { p.historyDays = $0 }
        p.setSKUs = Set((s.set_skus ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        p.forwardingWords = (s.forwarding_words ?? []).filter { !$0.allSatisfy(\.isWhitespace) }
        p.nonResidentialWords = (s.non_residential_words ?? []).filter { !$0.allSatisfy(\.isWhitespace) }
        for (k, entry) in (s.allow_list ?? []).enumerated() {
            if let phone = PhoneNormalizer.normalize(entry) {
                p.allowedPhones.insert(phone)
            } else if let email = EmailNormalizer.normalize(entry) {
                p.allowedEmails.insert(email)
            } else {
                throw .data(ja: "screening.allow_list の \(k + 1) 番目は電話番号でもメールアドレスでもありません。",
                            en: "entry \(k + 1) of screening.allow_list is neither a phone number nor an e-mail address.")
            }
        }
        for (name, weight) in s.weights ?? [:] {
            guard let rule = ScreeningRule(rawValue: name) else {
                throw .data(ja: "screening.weights に不明な規則があります: \(name)", en: "unknown rule in screening.weights: \(name)")
            }
            guard (-1_000...1_000).contains(weight) else {
                throw .data(ja: "screening.weights.\(name) は -1000〜1000 です。", en: "screening.weights.\(name) must be -1000 to 1000.")
            }
            guard rule != .federationImpersonation || weight == 0 else {
                throw .data(ja: "screening.weights.\(name) は常に 0 です (なりすまし被害者を点数にしない)。",
                            en: "screening.weights.\(name) is always 0 (an impersonation victim is never scored).")
            }
            p.weights[rule] = weight
        }
        return p
    }

    /// The `[screening]` part of the template: every key with its default and its reason.
    static func screeningTemplate(_ p: ScreeningPolicy) -> String {
        let weights = ScreeningRule.allCases.map { r in
            "\(r.rawValue) = \(p.weight(r))    # \(r.rationale.ja) / \(r.rationale.en)"
        }.joined(separator: "\n")
        return """
        # 注文の審査 (mibarai check, mibarai serve)。 / Order screening (mibarai check, mibarai serve).
        # スコア = 当てはまった規則の重みの合計。 / Score = sum of the weights of the rules that fire.
        [screening]
        review_at = \(p.reviewAt)    # この点数から要確認 / review from this score: one probable match, or three weak signals
        hold_at = \(p.holdAt)    # この点数から保留 / hold from this score: a strong match, or a probable one and another serious signal
        high_value_yen = \(p.highValueYen)    # 高額品とみなす単価 / unit price of a high-value item (resale pays above it)
        high_value_min_units = \(p.highValueMinUnits)    # 高額品のみの注文とみなす点数 / units before "only high-value items" counts (one is ordinary)
        max_quantity = \(p.maxQuantity)    # 1行の通常の上限数量 / usual maximum quantity per line (a household's need)
        set_skus = []    # セット販売の商品コード / SKUs sold in sets, e.g. ["SOCKS-3P"]
        burst_window_minutes = \(p.burstWindowMinutes)    # 連続注文を数える時間 / window for a burst of orders (one day)
        burst_orders = \(p.burstOrders)    # この件数で連続注文 / orders by one customer in the window that make a burst
        names_per_address = \(p.namesPerAddress)    # 同じ住所の別名義の数 / other names at one address before it counts (one is family)
        names_per_phone = \(p.namesPerPhone)    # 同じ電話番号の別名義の数 / other names with one phone before it counts (a phone is personal)
        history_days = \(p.historyDays)    # 審査履歴を覚える日数 / days the velocity history is kept
        allow_list = []    # 優良顧客の電話番号・メール / known good customers' phones or e-mails: only federation matches count for them
        forwarding_words = []    # 転送業者を示す追加の語 / extra words marking a forwarding warehouse
        non_residential_words = []    # 住居でない配送先を示す追加の語 / extra words marking a non-residential address

        # 規則ごとの重み (0 で無効)。 / Weight per rule (0 turns it off).
        [screening.weights]
        \(weights)

        """
    }
}
