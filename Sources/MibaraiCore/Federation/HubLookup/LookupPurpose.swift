/// Why a shop looks identities up at a hub (`Protocol/hub-api.md`): the hub records it beside
/// each lookup. Names are the wire form; append-only.
public enum LookupPurpose: String, Sendable, Hashable, CaseIterable, Codable {
    /// An order screened before it ships (`mibarai check`, `POST /v1/screen`, a CSV).
    case screening
    /// A lookup the shop asked for by hand (`mibarai check --lookup-only`).
    case lookup
}
