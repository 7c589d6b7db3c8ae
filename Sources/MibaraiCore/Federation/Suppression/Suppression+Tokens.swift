/// The tokens the operator suppresses for a person (`mibarai federation suppress`).
extension Suppression {
    /// The token types a suppression covers: the person's own identifiers. The bare address token
    /// is left out: it stands for a household or a building, and suppressing it would hide every
    /// report at that address, not only those made in the victim's name.
    public static let coveredTypes: [TokenType] = [.phone, .email, .nameAddress, .kanaAddress]

    /// Epochs a suppression covers at most: the newest ones (every token type under each must fit
    /// `maxTokens`).
    public static let maxEpochs = maxTokens / coveredTypes.count

    /// The person's tokens of the covered types under each key (the newest `maxEpochs` of them):
    /// what a lookup of that person makes under any of those epochs. Empty when the identity yields
    /// no covered token.
    public static func tokens(for identity: NormalizedIdentity, under keys: [EpochKey]) -> [SuppressedToken] {
        let newest = keys.sorted { $0.epoch > $1.epoch }.prefix(maxEpochs)
        var out: [SuppressedToken] = []
        for key in newest {
            for t in Blinder(key: key).tokens(for: identity) where coveredTypes.contains(t.type) {
                out.append(SuppressedToken(epoch: key.epoch, token: t))
            }
        }
        return Array(Set(out)).sorted()
    }
}
