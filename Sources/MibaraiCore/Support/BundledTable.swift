import Foundation

/// The data tables shipped in this module's resources (`postal.tsv`, `itaiji.tsv`,
/// `numbering-plan.tsv`, `mail-domains.tsv`: byte-identical copies of the normative files in
/// `Protocol/data/`, which `NormativeDataTests` checks), read one way: each is found, read as UTF-8 and parsed, or the reason it
/// cannot be is a ``BundledTableError`` naming the file — never a crash, never a silently empty
/// table. ``Normalizer/bundled()`` fails with that error, so a node with a broken install says
/// so when it opens instead of matching nothing.
enum BundledTable {
    /// The text of `name` (a file in `Resources/`).
    static func text(_ name: String) -> Result<String, BundledTableError> {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let url = Bundle.module.url(forResource: parts[0], withExtension: parts[1]) else {
            return .failure(.missing(name))
        }
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            return .failure(.unreadable(name))
        }
        return .success(text)
    }
}
