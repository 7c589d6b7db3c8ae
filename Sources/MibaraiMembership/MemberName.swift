/// How a certificate names a member: URIs in its subject alternative names, so that any TLS tool
/// (`openssl x509 -text`) shows them and the server can read them from the verified peer.
///
///     urn:mibarai:node:<64 hex digits>       the member's Ed25519 log key (its NodeID)
///     urn:mibarai:sealing:<64 hex digits>    its X25519 key, to which epoch keys are sealed
///     urn:mibarai:role:shop | hub
///     urn:mibarai:region:<a-z 0-9 ->
///
/// The common name is the member's name (`node_id` in mibarai.toml), published with its records.
public enum MemberName {
    static let prefix = "urn:mibarai:"

    static func uri(_ kind: String, _ value: String) -> String { "\(prefix)\(kind):\(value)" }

    /// `kind` → value for every `urn:mibarai:` URI.
    static func parse(_ uris: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for uri in uris where uri.hasPrefix(prefix) {
            let rest = uri.dropFirst(prefix.count)
            guard let colon = rest.firstIndex(of: ":") else { continue }
            out[String(rest[..<colon])] = String(rest[rest.index(after: colon)...])
        }
        return out
    }

    /// Names and regions: 1–64 of a–z, 0–9, '-', '_', '.'.
    public static func isValidLabel(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }

    /// A node name as `node_id` allows it (upper case too).
    public static func isValidNodeName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }
}
