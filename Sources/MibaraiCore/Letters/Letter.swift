/// A filled-in letter or mail: what to send at one rung of the ladder.
public struct Letter: Sendable, Hashable, Codable {
    public var stage: DunningStage
    /// How it is sent: `mail` (e-mail), `letter` (post), `naiyo-shomei` (内容証明), `memo` (a
    /// draft for the court or the police, not sent to the customer).
    public var medium: String
    public var subject: String
    public var body: String
    /// The date by which the letter asks for payment, if it sets one.
    public var deadline: LocalDate?

    public init(stage: DunningStage, medium: String, subject: String, body: String, deadline: LocalDate?) {
        self.stage = stage
        self.medium = medium
        self.subject = subject
        self.body = body
        self.deadline = deadline
    }

    /// What is printed or sent: a mail's subject line and body; a letter's or memo's body alone
    /// (its title is its first line).
    public var text: String { medium == "mail" ? "件名: \(subject)\n\n\(body)" : body }
}
