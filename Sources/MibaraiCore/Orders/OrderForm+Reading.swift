extension OrderForm {
    /// The order, or the first reason it cannot be screened. The reason names the field (and a
    /// basket line's position), never a value.
    ///
    /// The rules, the same on every face (checked in this order):
    /// - at most ``maxItems`` basket lines, each with a whole quantity of 0 to ``maxQuantity``
    ///   and a whole unit price of 0 to ``maxUnitPriceYen`` yen;
    /// - at least one of the customer's or the recipient's name, kana, postal code, address,
    ///   phone or e-mail;
    /// - an order time, when given, in a form ``OrderTimestamp`` reads;
    /// - a payment method, when given, that is a wire name or a wording ``PaymentMethod`` knows:
    ///   a typo must not silently turn pay-later into "other".
    public func order() throws(OrderFormError) -> Order {
        var payments: [String: PaymentMethod?] = [:]
        return try order(payments: &payments)
    }

    /// ``order()``, with the payment wordings already read (a file repeats a handful of them).
    public func order(payments: inout [String: PaymentMethod?]) throws(OrderFormError) -> Order {
        // The bounds first, so that an order out of them is refused for that whatever else it
        // holds (the API answers those 400, the others 200 with the reason).
        guard items.count <= Self.maxItems else { throw .tooManyItems }
        var basket: [OrderItem] = []
        basket.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            var line = OrderItem(sku: item.sku.flatMap(Self.nonBlank), name: item.name.flatMap(Self.nonBlank))
            if let text = item.quantity.flatMap(Self.nonBlank) {
                guard let q = WholeNumber.parse(text), q >= 0, q <= Self.maxQuantity else { throw .badQuantity(line: i + 1) }
                line.quantity = q
            }
            if let text = item.unitPrice.flatMap(Self.nonBlank) {
                guard let p = WholeNumber.parse(text), p >= 0, p <= Self.maxUnitPriceYen else { throw .badPrice(line: i + 1) }
                line.unitPriceYen = p
            }
            basket.append(line)
        }
        let ship = shipping.flatMap { $0.isEmpty ? nil : $0 }
        guard !billing.isEmpty || ship != nil else { throw .nothingToScreen }
        var placed: Int64?
        if let text = placedAt.flatMap(Self.nonBlank) {
            guard let t = OrderTimestamp.parse(text) else { throw .unreadableTime }
            placed = t
        }
        var method: PaymentMethod?
        if let text = payment.flatMap(Self.nonBlank) {
            guard let m = PaymentMethod.parse(text, cache: &payments) else { throw .unknownPayment }
            method = m
        }
        return Order(reference: reference.flatMap(Self.nonBlank), billing: billing, shipping: ship, items: basket,
                     payment: method, deliveryMethod: deliveryMethod.flatMap(Self.nonBlank), placedAt: placed)
    }

    /// The text, or nil when it is empty or only white space.
    static func nonBlank(_ text: String) -> String? {
        text.allSatisfy(\.isWhitespace) ? nil : text
    }
}
