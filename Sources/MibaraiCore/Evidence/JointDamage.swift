/// The damage one customer did to several shops, gathered with each shop's consent for a joint
/// report to the police (the harm of a repeat offender is what makes the police open a case):
/// this shop's case and what other shops shared in their answers to its contact requests
/// (``ContactAnswer``). It holds no customer data of the other shops: each hands its own
/// evidence file to the police itself.
public struct JointDamage: Sendable, Hashable {
    /// One shop and what it lost.
    public struct Shop: Sendable, Hashable {
        public var name: String
        public var contact: String
        public var damage: [SharedDamage]
        /// The shop that made this summary (its own case).
        public var isThisShop: Bool

        public init(name: String, contact: String, damage: [SharedDamage], isThisShop: Bool) {
            self.name = name
            self.contact = contact
            self.damage = damage
            self.isThisShop = isThisShop
        }
    }

    public var caseNumber: Int
    public var preparedOn: LocalDate
    /// This shop first, then the others in the order their answers came.
    public var shops: [Shop]

    public init(caseNumber: Int, preparedOn: LocalDate, shops: [Shop]) {
        self.caseNumber = caseNumber
        self.preparedOn = preparedOn
        self.shops = shops
    }

    public var reportCount: Int { shops.reduce(0) { $0 + $1.damage.count } }
    public var totalYen: Int { shops.reduce(0) { $0 + $1.damage.reduce(0) { $0 + $1.amountYen } } }
    public var outstandingYen: Int { shops.reduce(0) { $0 + $1.damage.reduce(0) { $0 + $1.outstandingYen } } }
    /// The first and last incident days, nil when there is no damage.
    public var period: (first: LocalDate, last: LocalDate)? {
        let days = shops.flatMap { $0.damage.map(\.incident) }
        guard let first = days.min(), let last = days.max() else { return nil }
        return (first, last)
    }
}
