/// When a node stops accepting older epochs (Protocol/federation.md, "Publication ids and
/// epochs"): a grace period after it made its current primary epoch its primary, the epochs before
/// it retire. Until then a lookup still makes tokens under them, so records of members that have
/// not yet blinded their reports again (offline when the key came) keep matching.
public enum EpochRetirement {
    /// The accepted epochs that retire on `today`: every epoch older than the primary once
    /// `today` is `graceDays` or more after `primaryAdoptedOn`; none before that, and none when
    /// the day the primary was adopted is unknown.
    public static func retiring(accepted: [UInt32], primary: UInt32, primaryAdoptedOn: LocalDate?,
                                today: LocalDate, graceDays: Int) -> [UInt32] {
        guard let adopted = primaryAdoptedOn, today >= adopted.adding(days: graceDays) else { return [] }
        return accepted.filter { $0 < primary }.sorted()
    }
}
