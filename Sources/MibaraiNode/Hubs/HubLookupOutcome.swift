import MibaraiCore

/// What a hub's answer to one lookup came to, for the face that serves it: the answer, and the
/// alerts it raised (to log and count).
public struct HubLookupOutcome: Sendable {
    public var answer: HubLookupAnswer
    public var alerts: Set<LookupAlert>
}
