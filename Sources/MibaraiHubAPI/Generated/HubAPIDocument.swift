// Written by scripts/generate-api.sh, do not modify.
/// The document this module's code was generated from.
public enum HubAPIDocument {
    /// Its path in the repository.
    public static let path = "Protocol/hub-api.yaml"
    /// The SHA-256 of its bytes when the code was generated.
    public static let sha256 = "ad14a201179193de84d3ceb5a24a79e4c36eda57ed8c95c6af5b8249e199485e"
}
