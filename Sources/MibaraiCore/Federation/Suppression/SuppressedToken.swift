/// One token of a suppression: the epoch it was made under and the token. Ordered by epoch, then
/// type code, then token bytes: the order a `suppress` body lists them in.
public struct SuppressedToken: Sendable, Hashable, Comparable {
    public let epoch: UInt32
    public let token: BlindToken

    public init(epoch: UInt32, token: BlindToken) {
        self.epoch = epoch
        self.token = token
    }

    public static func < (a: SuppressedToken, b: SuppressedToken) -> Bool {
        (a.epoch, a.token.type.rawValue, a.token.value) < (b.epoch, b.token.type.rawValue, b.token.value)
    }
}
