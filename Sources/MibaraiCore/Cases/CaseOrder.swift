/// The order a case is about, as the shop knows it.
public struct CaseOrder: Sendable, Hashable, Codable {
    /// The shop's order number.
    public var reference: String?
    public var orderDate: LocalDate?
    public var shipDate: LocalDate?
    /// The day the parcel was delivered (配達完了), from the carrier's tracking.
    public var deliveredOn: LocalDate?
    /// The date payment was due (for 後払い, the invoice's deadline).
    public var dueDate: LocalDate?
    /// The carrier (ヤマト運輸, 佐川急便, 日本郵便 …) and its tracking number.
    public var carrier: String?
    public var trackingNumber: String?
    /// How the customer was to pay: 後払い, 代引き, 銀行振込 …
    public var paymentMethod: String?
    /// What was ordered, as one line.
    public var items: String?
    /// What the customer owes, in yen (goods, shipping and fees); for a refused cash-on-delivery
    /// parcel, the shop's loss.
    public var amountYen: Int
    /// The day a cash-on-delivery parcel was refused at the door (受取拒否) or left uncollected and
    /// went back to the shop. The sale was not completed and the goods came back, so what the
    /// shop claims (`amountYen`) is its loss (the shipping, the return shipping, the COD fee), not
    /// the price.
    public var refusedOn: LocalDate?
    /// What that loss is made of, as one line (往路送料 1,500円、返送料 1,500円、代金引換手数料 440円).
    public var lossDetail: String?

    public init(
        reference: String? = nil, orderDate: LocalDate? = nil, shipDate: LocalDate? = nil, dueDate: LocalDate? = nil,
        carrier: String? = nil, trackingNumber: String? = nil, paymentMethod: String? = nil, items: String? = nil,
        amountYen: Int, refusedOn: LocalDate? = nil, lossDetail: String? = nil, deliveredOn: LocalDate? = nil
    ) {
        self.reference = reference
        self.orderDate = orderDate
        self.shipDate = shipDate
        self.dueDate = dueDate
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.paymentMethod = paymentMethod
        self.items = items
        self.amountYen = amountYen
        self.refusedOn = refusedOn
        self.lossDetail = lossDetail
        self.deliveredOn = deliveredOn
    }
}
