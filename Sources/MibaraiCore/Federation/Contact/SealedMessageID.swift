/// Names one sealed message in its sender's log: 16 random bytes the sender chooses, printed as 32
/// hex digits (``RandomID``). An answer names the request it answers by it; a log never names one
/// twice.
public struct SealedMessageID: RandomID {
    public let bytes: [UInt8]

    public init(validBytes: [UInt8]) { bytes = validBytes }
}
