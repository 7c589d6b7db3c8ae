import Crypto
import Foundation

/// The node's local secrets, each in its own file (mode 0600) in the data directory, made at
/// `mibarai init` or, for a node made before they existed, the first time they are needed:
/// - `velocity.key`: 32 random bytes (base64), the key of the velocity history's tokens. It is
///   never shared: another node cannot link its history to this one.
/// - `api-token`: the bearer token of the local HTTP API (`mibarai serve`), 43 URL-safe characters.
public enum NodeSecrets {
    public static let velocityKeyFile = "velocity.key"
    public static let apiTokenFile = "api-token"

    public static func velocityKey(in dir: URL) throws(NodeError) -> [UInt8] {
        let text = try readOrCreate(dir.appendingPathComponent(velocityKeyFile)) {
            Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64EncodedString()
        }
        guard let raw = Data(base64Encoded: text), raw.count == 32 else {
            throw .data(ja: "velocity.key が壊れています: \(dir.path)", en: "velocity.key in \(dir.path) is malformed")
        }
        return Array(raw)
    }

    public static func apiToken(in dir: URL) throws(NodeError) -> String {
        let token = try readOrCreate(dir.appendingPathComponent(apiTokenFile)) {
            Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        guard token.count >= 16 else {
            throw .data(ja: "api-token が短すぎます (16文字以上): \(dir.path)", en: "api-token in \(dir.path) is too short (16 characters at least)")
        }
        return token
    }

    /// The file's trimmed text; when it does not exist, `make()` written with O_EXCL, mode 0600.
    private static func readOrCreate(_ url: URL, _ make: () -> String) throws(NodeError) -> String {
        if let text = try? String(contentsOf: url, encoding: .utf8) {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let value = make()
        do {
            try DataDirectory.writeNew(Data((value + "\n").utf8), to: url)
        } catch {
            // Made meanwhile by another process: read it.
            if let text = try? String(contentsOf: url, encoding: .utf8) { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
            throw .software(ja: "書き込めません: \(url.path)", en: "cannot create \(url.path)")
        }
        return value
    }
}
