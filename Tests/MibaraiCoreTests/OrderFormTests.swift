import MibaraiCore
import Testing

/// The one reading of an order that the CLI flags, the CSV import and the API share.
@Suite("Order form")
struct OrderFormTests {
    static let someone = Identity(phone: "080-2468-1357")

    static func read(_ form: OrderForm) -> Result<Order, OrderFormError> {
        do { return .success(try form.order()) } catch { return .failure(error) }
    }

    @Test func aPlainOrderIsReadAsTyped() throws {
        let order = try OrderForm(reference: " A-1 ", placedAt: "2026-11-20 10:15", billing: Self.someone,
                                  items: [.init(sku: "TEA", quantity: "２", unitPrice: "¥2,980")], payment: "NP後払い",
                                  deliveryMethod: "営業所留め").order()
        #expect(order.reference == " A-1 ")
        #expect(order.placedAt == OrderTimestamp.parse("2026-11-20 10:15"))
        #expect(order.items == [OrderItem(sku: "TEA", quantity: 2, unitPriceYen: 2980)])
        #expect(order.payment == .postpay)
        #expect(order.deliveryMethod == "営業所留め")
    }

    @Test func blankFieldsAreAbsentAndAnEmptyShippingBlockIsNone() throws {
        let order = try OrderForm(reference: "  ", placedAt: "", billing: Self.someone, shipping: Identity(),
                                  items: [.init(sku: " ", quantity: "", unitPrice: " ")], payment: " ", deliveryMethod: "").order()
        #expect(order.reference == nil && order.placedAt == nil && order.payment == nil && order.deliveryMethod == nil)
        #expect(order.shipping == nil)
        #expect(order.items == [OrderItem(quantity: 1)])
    }

    /// Each input that every face must refuse, and the reason it is refused for.
    static let refused: [(String, OrderForm, OrderFormError)] = [
        ("no identity", OrderForm(billing: Identity(), shipping: Identity()), .nothingToScreen),
        ("unreadable time", OrderForm(placedAt: "yesterday", billing: someone), .unreadableTime),
        ("payment typo", OrderForm(billing: someone, payment: "postpy"), .unknownPayment),
        ("negative quantity", OrderForm(billing: someone, items: [.init(quantity: "-1")]), .badQuantity(line: 1)),
        ("fractional quantity", OrderForm(billing: someone, items: [.init(), .init(quantity: "1.5")]), .badQuantity(line: 2)),
        ("huge quantity", OrderForm(billing: someone, items: [.init(quantity: "9223372036854775807")]), .badQuantity(line: 1)),
        ("overflowing quantity", OrderForm(billing: someone, items: [.init(quantity: "99999999999999999999999")]), .badQuantity(line: 1)),
        ("negative price", OrderForm(billing: someone, items: [.init(unitPrice: "-100")]), .badPrice(line: 1)),
        ("text price", OrderForm(billing: someone, items: [.init(unitPrice: "free")]), .badPrice(line: 1)),
        ("too many lines", OrderForm(billing: someone, items: Array(repeating: .init(), count: OrderForm.maxItems + 1)), .tooManyItems),
    ]

    @Test(arguments: refused.indices)
    func everyFaceRefusesTheSameInput(_ i: Int) {
        let (name, form, reason) = Self.refused[i]
        #expect(Self.read(form) == .failure(reason), "\(name)")
        #expect(!reason.message.ja.isEmpty && !reason.message.en.isEmpty && reason.message.ja != reason.message.en)
    }

    @Test func quantitiesAtTheLimitAddUpWithoutOverflow() throws {
        let items = Array(repeating: OrderForm.Item(quantity: String(OrderForm.maxQuantity), unitPrice: String(OrderForm.maxUnitPriceYen)),
                          count: OrderForm.maxItems)
        let order = try OrderForm(billing: Self.someone, items: items).order()
        let result = ScreeningEngine(policy: ScreeningPolicy()).evaluate(ScreeningInput(
            order: order, billing: NormalizedIdentity(), recipient: NormalizedIdentity(), shipping: nil,
            lookup: LookupResult(query: [], candidates: []), velocity: VelocityFacts()))
        #expect(result.contributions.contains { $0.rule == .quantitySpike })
    }

    /// An order built by other code than the form (a test, a future face) cannot trap the engine.
    @Test func theEngineSaturatesABasketThatWouldOverflow() {
        let order = Order(billing: Self.someone, items: [OrderItem(quantity: Int.max), OrderItem(quantity: Int.max)])
        let result = ScreeningEngine(policy: ScreeningPolicy()).evaluate(ScreeningInput(
            order: order, billing: NormalizedIdentity(), recipient: NormalizedIdentity(), shipping: nil,
            lookup: LookupResult(query: [], candidates: []), velocity: VelocityFacts()))
        #expect(result.contributions.contains { $0.rule == .quantitySpike })
    }

    @Test func paymentWordingsKnownAndUnknown() {
        #expect(PaymentMethod.parse("PayPay") == .other)
        #expect(PaymentMethod.parse("other") == .other)
        #expect(PaymentMethod.parse("代引き") == .cashOnDelivery)
        #expect(PaymentMethod.parse("postpy") == nil)
        #expect(PaymentMethod.parse("") == nil)
    }

    @Test func wholeNumbersAsShopsWriteThem() {
        #expect(WholeNumber.parse("1,980") == 1980)
        #expect(WholeNumber.parse("¥1980") == 1980)
        #expect(WholeNumber.parse("１９８０円") == 1980)
        #expect(WholeNumber.parse("1980.00") == 1980)
        #expect(WholeNumber.parse("1980.5") == nil)
        #expect(WholeNumber.parse("99999999999999999999") == nil)
    }
}
