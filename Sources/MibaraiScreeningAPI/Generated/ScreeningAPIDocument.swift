// Written by scripts/generate-api.sh, do not modify.
/// The document this module's code was generated from.
public enum ScreeningAPIDocument {
    /// Its path in the repository.
    public static let path = "Protocol/screening-api.yaml"
    /// The SHA-256 of its bytes when the code was generated.
    public static let sha256 = "a37f379ef3c1fde05d4b0f5c8cf0911ac0aca63cec10d9a5933edb148db93146"
}
