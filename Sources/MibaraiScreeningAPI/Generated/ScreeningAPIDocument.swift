// Written by scripts/generate-api.sh, do not modify.
/// The document this module's code was generated from.
public enum ScreeningAPIDocument {
    /// Its path in the repository.
    public static let path = "Protocol/screening-api.yaml"
    /// The generator's configuration for it.
    public static let configuration = "scripts/openapi/screening-api.yaml"
    /// The SHA-256 of the document's bytes followed by the configuration's, when the code was generated.
    public static let sha256 = "1cef1530df3a6267d73cda4339edb73ad9a47c334aeb53908fd1432812da7775"
}
