import ArgumentParser

/// A case number as typed: `3` or `#3`.
struct CaseNumber: ExpressibleByArgument, Sendable {
    let value: Int

    init?(argument: String) {
        let text = argument.hasPrefix("#") ? String(argument.dropFirst()) : argument
        guard let n = Int(text), n > 0 else { return nil }
        value = n
    }
}
