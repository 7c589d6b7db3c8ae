import Foundation

/// What a process printed and how it exited.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public let stdoutData: Data

    /// Both streams, for asserting that something appears nowhere.
    public var allOutput: String { stdout + stderr }
}
