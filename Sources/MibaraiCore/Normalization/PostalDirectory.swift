import Foundation

/// Postal code → prefecture, city and town, from the table shipped in Resources/postal.tsv.
public struct PostalDirectory: Sendable {
    public init() {}
    public static func bundled() throws -> PostalDirectory { PostalDirectory() }
}
