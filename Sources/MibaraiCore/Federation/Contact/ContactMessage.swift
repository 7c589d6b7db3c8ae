/// What a sealed message says (its plaintext): a contact request or an answer to one. Codes are
/// explicit and append-only (`Protocol/federation.md`, "Sealed messages").
public enum ContactMessage: Sendable, Hashable {
    case request(ContactRequest)
    case answer(ContactAnswer)

    /// The plaintext's first byte.
    public enum Kind: UInt8, Sendable, Hashable, CaseIterable {
        case contactRequest = 1
        case contactAnswer = 2

        /// The kind's name in `Protocol/federation.md` and the vectors.
        public var name: String {
            switch self {
            case .contactRequest: "contact_request"
            case .contactAnswer: "contact_answer"
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .request: .contactRequest
        case .answer: .contactAnswer
        }
    }
}
