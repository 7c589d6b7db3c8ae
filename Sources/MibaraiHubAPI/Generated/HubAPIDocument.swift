// Written by scripts/generate-api.sh, do not modify.
/// The document this module's code was generated from.
public enum HubAPIDocument {
    /// Its path in the repository.
    public static let path = "Protocol/hub-api.yaml"
    /// The SHA-256 of its bytes when the code was generated.
    public static let sha256 = "1caa9ec411ac1754f4faa266d1d43696f1a4c80a9acec0be54829997eaf83db2"
}
