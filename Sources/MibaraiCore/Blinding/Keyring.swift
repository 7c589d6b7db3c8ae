/// The epoch keys a node holds: the primary epoch it blinds new records under, and older epochs
/// whose records it still accepts and matches until they age out.
public struct Keyring: Sendable {
    public let primary: EpochKey
    public let accepted: [EpochKey]

    /// `older` may include the primary; it is kept once, first.
    public init(primary: EpochKey, older: [EpochKey] = []) {
        self.primary = primary
        self.accepted = [primary] + older.filter { $0.epoch != primary.epoch }.sorted { $0.epoch > $1.epoch }
    }

    public func key(epoch: UInt32) -> EpochKey? { accepted.first { $0.epoch == epoch } }

    /// One blinder per accepted epoch, primary first: a lookup makes its tokens under each.
    public var blinders: [Blinder] { accepted.map(Blinder.init) }
}
