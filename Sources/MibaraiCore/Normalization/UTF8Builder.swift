/// Builds a `String` from scalars as UTF-8 bytes: one buffer, one final string, no per-scalar
/// string appends. The normalisers' outputs are made with it.
struct UTF8Builder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var isEmpty: Bool { bytes.isEmpty }

    @inline(__always) mutating func append(byte b: UInt8) { bytes.append(b) }

    @inline(__always) mutating func append(_ u: Unicode.Scalar) {
        let v = u.value
        if v < 0x80 {
            bytes.append(UInt8(v))
        } else if v < 0x800 {
            bytes.append(UInt8(0xC0 | v >> 6))
            bytes.append(UInt8(0x80 | v & 0x3F))
        } else if v < 0x10000 {
            bytes.append(UInt8(0xE0 | v >> 12))
            bytes.append(UInt8(0x80 | v >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | v & 0x3F))
        } else {
            bytes.append(UInt8(0xF0 | v >> 18))
            bytes.append(UInt8(0x80 | v >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | v >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | v & 0x3F))
        }
    }

    mutating func append<S: Sequence>(contentsOf scalars: S) where S.Element == Unicode.Scalar {
        for u in scalars { append(u) }
    }

    /// The string of the bytes appended so far (always valid UTF-8: only scalars were appended).
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
