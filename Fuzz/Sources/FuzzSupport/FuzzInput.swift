/// Ways to read libFuzzer's input buffer.
public enum FuzzInput {
    /// The input as a byte array (empty for a null pointer).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The input cut at `separator` into at most `count` parts (the last takes the rest), each
    /// decoded as UTF-8 (invalid sequences repaired); parts the input does not reach are nil.
    public static func fields(_ bytes: [UInt8], count: Int, separator: UInt8 = 0) -> [String?] {
        var parts = bytes.split(separator: separator, maxSplits: count - 1, omittingEmptySubsequences: false)
            .map { Optional(String(decoding: $0, as: UTF8.self)) }
        if bytes.isEmpty { parts = [] }
        while parts.count < count { parts.append(nil) }
        return parts
    }
}
