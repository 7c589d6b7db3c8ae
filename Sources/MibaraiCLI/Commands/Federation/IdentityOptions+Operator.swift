import MibaraiCore
import MibaraiNode

extension IdentityOptions {
    /// A person's details as the operator takes them (`federation suppress`, `federation
    /// subject-request`): read, normalised, and every field given checked to normalise
    /// (``Mibarai/FederationCommand/Suppress/checkUsable(_:_:)``), so that none is silently left out.
    func normalizedForOperator() throws(NodeError) -> (given: Identity, normalized: NormalizedIdentity) {
        let given = try identity()
        let normalizer: Normalizer
        do { normalizer = try Normalizer.bundled() } catch {
            throw .software(ja: "正規化の表を読み込めません。", en: "cannot load the normalisation tables.")
        }
        let normalized = normalizer.normalize(given)
        try Mibarai.FederationCommand.Suppress.checkUsable(given, normalized)
        return (given, normalized)
    }
}
