/// Appends big-endian integers, length-prefixed fields and LEB128 varints to a byte buffer: the
/// only way federation bytes are written, so every encoding follows `Protocol/federation.md`.
public struct WireWriter: Sendable {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func u8(_ v: UInt8) { bytes.append(v) }

    public mutating func u16(_ v: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    public mutating func u32(_ v: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt32(shift))) }
    }

    public mutating func u64(_ v: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
    }

    /// Unsigned LEB128: 7 bits a byte, low bits first, high bit set on every byte but the last.
    public mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func raw<C: Collection>(_ b: C) where C.Element == UInt8 { bytes.append(contentsOf: b) }

    /// A string as u8 length + UTF-8 bytes. Over 255 bytes the length wraps and the result does
    /// not decode back: callers validate by round trip (`LogBody.validate`).
    public mutating func shortString(_ s: String) {
        let u = Array(s.utf8)
        u8(UInt8(truncatingIfNeeded: u.count))
        raw(u)
    }
}
