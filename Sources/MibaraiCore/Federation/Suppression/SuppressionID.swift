/// Names one suppression in the operator's log: 16 random bytes the operator chooses, printed as
/// 32 hex digits (``RandomID``). A `lift` names it; an id is never used for a second suppression.
public struct SuppressionID: RandomID {
    public let bytes: [UInt8]

    public init(validBytes: [UInt8]) { bytes = validBytes }
}
