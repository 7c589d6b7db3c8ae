import Foundation

/// Standard output with a 64 KiB buffer, for commands that print one line per input line.
struct BufferedOutput {
    private var buffer = Data()
    private let handle = FileHandle.standardOutput

    mutating func write(_ data: Data) {
        buffer.append(data)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func write(_ string: String) { write(Data(string.utf8)) }

    mutating func write(newline: Void) { buffer.append(0x0A) }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
