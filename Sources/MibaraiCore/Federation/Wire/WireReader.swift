/// Reads what `WireWriter` writes, refusing short input, over-long varints and bad UTF-8 with
/// `WireError.malformed` rather than trapping.
public struct WireReader: Sendable {
    private let bytes: [UInt8]
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var remaining: Int { bytes.count - offset }
    public var isAtEnd: Bool { offset == bytes.count }

    public mutating func u8() throws(WireError) -> UInt8 {
        guard remaining >= 1 else { throw .malformed("truncated") }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func u16() throws(WireError) -> UInt16 {
        UInt16(try u8()) << 8 | UInt16(try u8())
    }

    public mutating func u32() throws(WireError) -> UInt32 {
        guard remaining >= 4 else { throw .malformed("truncated") }
        var v: UInt32 = 0
        for i in 0..<4 { v = v << 8 | UInt32(bytes[offset + i]) }
        offset += 4
        return v
    }

    public mutating func u64() throws(WireError) -> UInt64 {
        guard remaining >= 8 else { throw .malformed("truncated") }
        var v: UInt64 = 0
        for i in 0..<8 { v = v << 8 | UInt64(bytes[offset + i]) }
        offset += 8
        return v
    }

    /// Unsigned LEB128 of at most 10 bytes, in its shortest form (a padded varint is refused, so
    /// one value has one encoding).
    public mutating func varint() throws(WireError) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        for i in 0..<10 {
            let b = try u8()
            if i == 9 && b > 1 { throw .malformed("varint overflow") }
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 {
                if i > 0 && b == 0 { throw .malformed("varint not minimal") }
                return v
            }
            shift += 7
        }
        throw .malformed("varint too long")
    }

    public mutating func raw(_ count: Int) throws(WireError) -> [UInt8] {
        guard count >= 0, remaining >= count else { throw .malformed("truncated") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    public mutating func shortString() throws(WireError) -> String {
        let n = Int(try u8())
        let u = try raw(n)
        guard let s = String(validating: u, as: UTF8.self) else { throw .malformed("bad UTF-8") }
        return s
    }

    /// Throws unless every byte was read: trailing bytes would give one value two encodings.
    public func expectEnd() throws(WireError) {
        guard isAtEnd else { throw .malformed("trailing bytes") }
    }
}
