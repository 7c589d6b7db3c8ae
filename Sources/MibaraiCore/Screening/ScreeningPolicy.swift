/// A shop's screening settings: rule weights, decision thresholds, catalogue rules, velocity
/// windows and the allow-list. Every value has a default (the reason for each is beside it);
/// the node reads overrides from `[screening]` in `mibarai.toml`.
public struct ScreeningPolicy: Sendable, Hashable {
    /// Weight per rule; a rule missing here weighs its ``ScreeningRule/defaultWeight``. 0 turns
    /// a rule off; a negative weight makes a signal count in the customer's favour.
    public var weights: [ScreeningRule: Int] = [:]
    /// Score from which an order is reviewed. 30: one probable federation match, or three weak
    /// signals together (free mail + 局留め + new customer on pay-later).
    public var reviewAt = 30
    /// Score from which an order is held. 60: a strong federation match, or a probable one with
    /// another serious signal.
    public var holdAt = 60
    /// An item at or above this unit price (yen, tax included) is high-value. 30,000: the price
    /// above which resale fraud pays for its shipping and risk.
    public var highValueYen = 30_000
    /// A basket is "all high-value" only with at least this many units. 2: one expensive item
    /// is an ordinary purchase; several and nothing else is a pattern.
    public var highValueMinUnits = 2
    /// More units than this on one line is a spike. 5: above a household's need for most goods.
    public var maxQuantity = 5
    /// SKUs the shop sells in sets (a 3-pack, a pair): ordering exactly one is unusual.
    /// Empty by default: only the shop knows its catalogue.
    public var setSKUs: Set<String> = []
    /// Window for "many orders in a short time", in minutes. 1,440: one day.
    public var burstWindowMinutes = 1_440
    /// Orders by the same customer (phone, e-mail or address) within the window, this one
    /// included, that count as a burst. 3: two orders a day happen (a forgotten item), three rarely.
    public var burstOrders = 3
    /// Other names seen at the same delivery address before this one fires. 2: one other name is
    /// usually family.
    public var namesPerAddress = 2
    /// Other names seen with the same phone before this one fires. 1: a phone is personal.
    public var namesPerPhone = 1
    /// How long screened orders are remembered for velocity, in days. 180: long enough to see a
    /// name change after a refused delivery, short enough to forget old customers' habits.
    public var historyDays = 180
    /// Known good customers, as canonical phones (`+81…`) and e-mails: for them only federation
    /// matches count.
    public var allowedPhones: Set<String> = []
    public var allowedEmails: Set<String> = []
    /// Extra words, beyond the built-in lists, that mark a forwarding warehouse or a
    /// non-residential delivery address (compared after NFKC, case-insensitive).
    public var forwardingWords: [String] = []
    public var nonResidentialWords: [String] = []

    public init() {}

    /// A rule's weight; `federation_impersonation` is always 0: a victim is never held for what was
    /// done in their name.
    public func weight(_ rule: ScreeningRule) -> Int {
        rule == .federationImpersonation ? 0 : weights[rule] ?? rule.defaultWeight
    }
}
