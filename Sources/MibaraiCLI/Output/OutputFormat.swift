import ArgumentParser

/// What `check --csv` writes on stdout.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// One line per order that is held, reviewed, matched or unscreenable, then a summary.
    case text
    /// The file's rows with three columns added: score, decision, reasons.
    case csv
    /// One JSON object per order (JSON lines), as the HTTP API answers.
    case json
}
