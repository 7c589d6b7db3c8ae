// Written by scripts/generate-api.sh, do not modify.
/// The document this module's code was generated from.
public enum HubAPIDocument {
    /// Its path in the repository.
    public static let path = "Protocol/hub-api.yaml"
    /// The generator's configuration for it.
    public static let configuration = "scripts/openapi/hub-api.yaml"
    /// The SHA-256 of the document's bytes followed by the configuration's, when the code was generated.
    public static let sha256 = "634247577a65883741b8a9a1b21c05aa57bea0198511bfff851e7b3845f59f7b"
}
