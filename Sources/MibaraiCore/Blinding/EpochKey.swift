import Crypto

/// The federation's blinding key for one epoch: 32 secret bytes, known to member nodes only.
public struct EpochKey: Sendable {
    public let epoch: UInt32
    public let key: SymmetricKey

    /// Nil unless the key is exactly 32 bytes.
    public init?(epoch: UInt32, keyBytes: [UInt8]) {
        guard keyBytes.count == 32 else { return nil }
        self.epoch = epoch
        self.key = SymmetricKey(data: keyBytes)
    }

    /// A fresh random key (the development federation key made by `mibarai init`).
    public static func generate(epoch: UInt32) -> EpochKey {
        let key = SymmetricKey(size: .bits256)
        return EpochKey(epoch: epoch, key: key)
    }

    private init(epoch: UInt32, key: SymmetricKey) {
        self.epoch = epoch
        self.key = key
    }

    public var keyBytes: [UInt8] { key.withUnsafeBytes { Array($0) } }
}
