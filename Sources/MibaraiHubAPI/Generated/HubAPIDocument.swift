// Written by scripts/generate-api.sh, do not modify.
/// The document this module's code was generated from.
public enum HubAPIDocument {
    /// Its path in the repository.
    public static let path = "Protocol/hub-api.yaml"
    /// The SHA-256 of its bytes when the code was generated.
    public static let sha256 = "eca06aa16630673da48cd6249da4b4a8a7af99bc70f7b55fe91c9f545ef241a0"
}
