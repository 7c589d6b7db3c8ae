/// The rule engine: turns a ``ScreeningInput`` into a ``ScreeningResult`` under a shop's
/// ``ScreeningPolicy``. Pure: no I/O, no clock.
public struct ScreeningEngine: Sendable {
    public let policy: ScreeningPolicy
    public let mailDomains: MailDomains
    private let matcher: DeliveryMatcher

    public init(policy: ScreeningPolicy, mailDomains: MailDomains = .bundled) {
        self.policy = policy
        self.mailDomains = mailDomains
        matcher = DeliveryMatcher(forwardingWords: policy.forwardingWords, nonResidentialWords: policy.nonResidentialWords)
    }

    public func evaluate(_ input: ScreeningInput) -> ScreeningResult {
        var out: [ScreeningContribution] = []
        func add(_ rule: ScreeningRule, ja: String, en: String) {
            let w = policy.weight(rule)
            // Matches that are history are always shown, with whatever weight the shop gave them.
            let shown = rule == .federationSettled || rule == .federationDisputed || rule == .federationImpersonation
            if w != 0 || shown { out.append(ScreeningContribution(rule: rule, weight: w, reason: Localized(ja: ja, en: en))) }
        }
        federation(input.lookup, add)
        let federationCount = out.count

        let order = input.order
        // E-mail.
        if let email = input.billing.email {
            switch mailDomains.kind(ofEmail: email) {
            case .disposable: add(.disposableMail, ja: "使い捨てメールアドレス", en: "disposable e-mail address")
            case .free: add(.freeMail, ja: "フリーメール (Gmail 以外)", en: "free e-mail provider (not Gmail)")
            case .gmail: add(.gmail, ja: "Gmail アドレス", en: "Gmail address")
            case .carrier: add(.carrierMail, ja: "携帯キャリアのメールアドレス", en: "mobile carrier e-mail address")
            case nil: break
            }
        }
        // Delivery.
        delivery(order, input.recipient, add)
        // Identity consistency.
        let kanaPairs = [(input.billing.name, input.billing.nameKana), (input.shipping?.name, input.shipping?.nameKana)]
        if kanaPairs.contains(where: { pair in
            guard let n = pair.0, let k = pair.1 else { return false }
            return KanaReading.isImpossible(name: n, kana: k)
        }) {
            add(.kanaMismatch, ja: "フリガナが氏名の読みになり得ない", en: "the kana reading cannot be the name's")
        }
        if let s = input.shipping, let bn = input.billing.name, let sn = s.name, bn != sn,
           let ba = input.billing.address?.canonical, let sa = s.address?.canonical, ba != sa {
            add(.billingShippingMismatch, ja: "請求先と配送先の氏名・住所が異なる", en: "billing and shipping differ in name and address")
        }
        let rawPhones = [order.billing.phone, order.shipping?.phone].compactMap { $0 }.filter { !$0.allSatisfy(\.isWhitespace) }
        if !rawPhones.isEmpty && rawPhones.contains(where: { PhoneNormalizer.normalize($0) == nil }) {
            add(.invalidPhone, ja: "電話番号が日本の番号として成り立たない", en: "the phone number is not a valid Japanese number")
        }
        // Basket.
        basket(order.items, add)
        // Velocity.
        let v = input.velocity
        if v.otherNamesAtAddress >= policy.namesPerAddress {
            add(.sharedAddressNames, ja: "同じ配送先に別名義の注文 (\(v.otherNamesAtAddress)名)", en: "\(v.otherNamesAtAddress) other names ordered to the same address")
        }
        if v.otherNamesWithPhone >= policy.namesPerPhone {
            add(.sharedPhoneNames, ja: "同じ電話番号で別名義の注文 (\(v.otherNamesWithPhone)名)", en: "\(v.otherNamesWithPhone) other name\(v.otherNamesWithPhone == 1 ? "" : "s") used the same phone")
        }
        if v.ordersInWindow >= policy.burstOrders {
            let m = policy.burstWindowMinutes
            let span = m % 60 == 0 ? Localized(ja: "\(m / 60)時間", en: "\(m / 60) h") : Localized(ja: "\(m)分", en: "\(m) min")
            add(.orderBurst, ja: "\(span.ja)以内に同じ顧客から\(v.ordersInWindow)件の注文", en: "\(v.ordersInWindow) orders from the same customer within \(span.en)")
        }
        if order.payment?.isPayLater == true && v.priorOrders == 0 {
            add(.newCustomerPayLater, ja: "初めての顧客の後払い・代引き注文", en: "new customer paying later (post-pay or cash on delivery)")
        }

        let allowListed = input.billing.phone.map(policy.allowedPhones.contains) == true
            || input.billing.email.map(policy.allowedEmails.contains) == true
        if allowListed { out.removeLast(out.count - federationCount) }
        return ScreeningResult(contributions: out, policy: policy, allowListed: allowListed, lookup: input.lookup)
    }

    /// Only open reports weigh as a loss. A paid or settled report is history, a disputed one
    /// waits for its dispute: each is shown with the weight the shop gave it (0 by default), so
    /// a customer who paid, or who contests a report, is not held for it.
    private func federation(_ lookup: LookupResult, _ add: (ScreeningRule, String, String) -> Void) {
        let open = lookup.matches.filter { $0.record.status == .open }
        if let strongest = open.map(\.strength).max() {
            let rule: ScreeningRule = switch strongest {
            case .strong: .federationStrong
            case .probable: .federationProbable
            case .household: .federationHousehold
            }
            let h = lookup.headline
            add(rule, "報告と一致: " + h.ja, "matches reports: " + h.en)
        }
        let settled = lookup.matches.filter { $0.record.status == .paid || $0.record.status == .settled }
        if let strongest = settled.map(\.strength).max() {
            add(.federationSettled,
                "過去に未払いあり・完済または和解済 (\(settled.count)件、最も強い一致: \(strongest.label.ja))",
                "past unpaid report\(settled.count == 1 ? "" : "s"), since paid or settled (\(settled.count); strongest: \(strongest.label.en))")
        }
        let disputed = lookup.matches.filter { $0.record.status == .disputed }
        if let strongest = disputed.map(\.strength).max() {
            add(.federationDisputed,
                "係争中の報告 (\(disputed.count)件、最も強い一致: \(strongest.label.ja)): 本人が争っています",
                "disputed report\(disputed.count == 1 ? "" : "s") (\(disputed.count); strongest: \(strongest.label.en)): the person contests it")
        }
        // The operator suppressed some of the tokens that reached these records (an impersonation
        // victim's): they count for nothing; a record also reached through other tokens counts
        // through those alone (above).
        if lookup.touchesSuppression {
            let label = SuppressionReason.impersonation.label
            let only = lookup.impersonationMatches.count
            let mixed = lookup.matches.filter { !$0.suppressed.isEmpty }.count
            var ja: [String] = [], en: [String] = []
            if only > 0 {
                ja.append("\(only)件の報告は届出のある情報でのみ一致 (数えない)")
                en.append("\(only) report\(only == 1 ? "" : "s") match\(only == 1 ? "es" : "") only on the victim's details (not counted)")
            }
            if mixed > 0 {
                ja.append("\(mixed)件は届出のある情報を除いて判定")
                en.append("\(mixed) judged without the victim's details")
            }
            add(.federationImpersonation, "\(label.ja): " + ja.joined(separator: "、"), "\(label.en): " + en.joined(separator: "; "))
        }
    }

    private func delivery(_ order: Order, _ recipient: NormalizedIdentity, _ add: (ScreeningRule, String, String) -> Void) {
        let to = order.recipient
        let address = DeliveryMatcher.fold(to.address ?? "")
        let method = DeliveryMatcher.fold(order.deliveryMethod ?? "")
        let inAddress = matcher.matches(in: address)
        let inMethod = matcher.matches(in: method)
        let inName = matcher.matches(in: DeliveryMatcher.fold(to.name ?? ""))
        let methodText = String(String.UnicodeScalarView(method))
        if recipient.address?.isPostOfficeHold == true || methodText.contains("局留") || methodText.contains("郵便局受取") {
            add(.postOfficeHold, "局留め (郵便局で受取)", "post-office hold (局留め)")
        }
        if let w = inAddress[.depotHold] ?? inMethod[.depotHold] {
            add(.depotHold, "営業所留め (\(w))", "held at a carrier depot (\(w))")
        }
        if let w = inAddress[.convenienceStorePickup] ?? inMethod[.convenienceStorePickup] {
            add(.convenienceStorePickup, "コンビニ・ロッカー受取 (\(w))", "pick-up at a store or locker (\(w))")
        }
        // Forwarding customers often put the service's name in the recipient's name field.
        if (inAddress[.forwardingService] ?? inMethod[.forwardingService] ?? inName[.forwardingService]) != nil {
            add(.forwardingService, "転送サービスの倉庫宛て", "addressed to a parcel-forwarding warehouse")
        }
        if inAddress[.nonResidential] != nil {
            add(.nonResidential, "住居ではない配送先 (ホテル・駅・商業施設など)", "not a home (hotel, station, shopping centre …)")
        }
    }

    private func basket(_ items: [OrderItem], _ add: (ScreeningRule, String, String) -> Void) {
        guard !items.isEmpty else { return }
        // Saturating: an order built by other code than ``OrderForm`` may carry any quantity.
        let units = items.reduce(0) { sum, item in
            let (total, overflow) = sum.addingReportingOverflow(max(0, item.quantity))
            return overflow ? Int.max : total
        }
        if units >= policy.highValueMinUnits,
           items.allSatisfy({ ($0.unitPriceYen ?? 0) >= policy.highValueYen }) {
            let yen = LookupResult.yen(policy.highValueYen)
            add(.highValueBasket, "高額商品 (\(yen)以上) のみ \(units)点", "only high-value items (\(yen) or more), \(units) units")
        }
        if items.contains(where: { $0.quantity == 1 && $0.sku.map(policy.setSKUs.contains) == true }) {
            add(.singleOfSet, "セット販売の商品を1個だけ", "a single unit of an item sold in sets")
        }
        if let most = items.map(\.quantity).max(), most > policy.maxQuantity {
            add(.quantitySpike, "数量が多い (\(most)個、通常は\(policy.maxQuantity)個まで)", "unusual quantity (\(most); usually up to \(policy.maxQuantity))")
        }
    }
}
