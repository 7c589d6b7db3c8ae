/// A `contact_answer` (a sealed message's plaintext, kind 2): the origin's answer to a contact
/// request, with its contact and, when it shares, its damage for a joint report.
public struct ContactAnswer: Sendable, Hashable {
    /// The request answered (its message id).
    public var inReplyTo: SealedMessageID
    public var answer: ContactAnswerKind
    /// The answering shop's name (may be empty when it declines).
    public var shop: String
    /// How to reach it (may be empty when it declines).
    public var contact: String
    public var text: String
    /// What it lost, report by report (none when it declines), at most 8.
    public var damage: [SharedDamage]

    public init(inReplyTo: SealedMessageID, answer: ContactAnswerKind, shop: String = "", contact: String = "",
                text: String = "", damage: [SharedDamage] = []) {
        self.inReplyTo = inReplyTo
        self.answer = answer
        self.shop = shop
        self.contact = contact
        self.text = text
        self.damage = damage
    }

    /// Damages in one answer at most.
    public static let maxDamage = 8
}
