import _CryptoExtras
import Crypto
import Foundation

/// The web page's password, stored as a slow hash (scrypt) in the data directory's
/// `web-password` file, readable by its owner only. The file holds one line:
/// `scrypt$<log2 N>$<r>$<p>$<salt, base64>$<hash, base64>`, so that the cost can be raised
/// later without breaking a stored password.
public struct WebPassword: Sendable, Equatable {
    public static let file = "web-password"
    /// Shortest password accepted.
    public static let minimumLength = 10

    public let logN: Int
    public let r: Int
    public let p: Int
    let salt: [UInt8]
    let hash: [UInt8]

    /// Hashes a new password (N = 2^15, r = 8, p = 1: 32 MiB and about a tenth of a second).
    /// A password shorter than ``minimumLength`` characters is refused.
    public static func hashing(_ password: String, logN: Int = 15) throws(NodeError) -> WebPassword {
        guard password.count >= minimumLength else {
            throw .usage(ja: "パスワードが短すぎます (\(minimumLength)文字以上にしてください)。",
                         en: "the password is too short (\(minimumLength) characters at least).")
        }
        var salt = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = UInt8.random(in: .min ... .max, using: &rng) }
        let hash = try derive(password, salt: salt, logN: logN, r: 8, p: 1)
        return WebPassword(logN: logN, r: 8, p: 1, salt: salt, hash: hash)
    }

    /// True when `password` is the one stored (compared in constant time).
    public func matches(_ password: String) -> Bool {
        guard let given = try? Self.derive(password, salt: salt, logN: logN, r: r, p: p), given.count == hash.count else { return false }
        var diff: UInt8 = 0
        for i in hash.indices { diff |= hash[i] ^ given[i] }
        return diff == 0
    }

    /// The file's line.
    public var encoded: String {
        "scrypt$\(logN)$\(r)$\(p)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    /// Reads the file's line; nil when it is not one.
    public init?(encoded text: String) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt",
              let logN = Int(parts[1]), (10...20).contains(logN),
              let r = Int(parts[2]), (1...32).contains(r), let p = Int(parts[3]), (1...16).contains(p),
              let salt = Data(base64Encoded: String(parts[4])), salt.count >= 16,
              let hash = Data(base64Encoded: String(parts[5])), hash.count == 32 else { return nil }
        self.init(logN: logN, r: r, p: p, salt: Array(salt), hash: Array(hash))
    }

    init(logN: Int, r: Int, p: Int, salt: [UInt8], hash: [UInt8]) {
        self.logN = logN
        self.r = r
        self.p = p
        self.salt = salt
        self.hash = hash
    }

    private static func derive(_ password: String, salt: [UInt8], logN: Int, r: Int, p: Int) throws(NodeError) -> [UInt8] {
        do {
            let key = try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: 32,
                                               rounds: 1 << logN, blockSize: r, parallelism: p)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw .software(ja: "パスワードのハッシュを計算できません。", en: "cannot hash the password.")
        }
    }
}

extension DataDirectory {
    /// The web page's stored password; nil when none was set (`mibarai web password`).
    /// A file that cannot be read is an error.
    public func webPassword() throws(NodeError) -> WebPassword? {
        let url = file(WebPassword.file)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let text = try? String(contentsOf: url, encoding: .utf8), let stored = WebPassword(encoded: text) else {
            throw .data(ja: "\(WebPassword.file) が読めません: \(url.path)。`mibarai web password` で設定し直してください。",
                        en: "cannot read \(url.path): set the password again with `mibarai web password`.")
        }
        return stored
    }

    /// Stores the web page's password (replacing one set before).
    public func setWebPassword(_ password: WebPassword) throws(NodeError) {
        try replacePrivate(WebPassword.file, with: Data((password.encoded + "\n").utf8))
    }
}
