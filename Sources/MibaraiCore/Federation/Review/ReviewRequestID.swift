/// Names one data-subject review request in the operator's log: 16 random bytes the operator
/// chooses, printed as 32 hex digits (``RandomID``). An origin's `review_answer` names it; an id
/// is never used for a second request.
public struct ReviewRequestID: RandomID {
    public let bytes: [UInt8]

    public init(validBytes: [UInt8]) { bytes = validBytes }
}
