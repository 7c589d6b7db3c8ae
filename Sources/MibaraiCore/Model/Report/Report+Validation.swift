extension Report {
    /// The largest amount a single report may carry: ¥1,000,000,000. Larger is a typing error.
    public static let maximumAmountYen = 1_000_000_000

    /// Checks what a shop typed before anything is stored: the amount, the order of the dates,
    /// no date after `today`, an expiry not already past, and an identity that yields at least one
    /// token (see `TokenType`).
    /// Throws the first problem found; messages never contain identity values.
    public func validate(today: LocalDate, normalized: NormalizedIdentity) throws(ReportValidationError) {
        if amountYen < 0 { throw .negativeAmount }
        if amountYen > Self.maximumAmountYen { throw .amountTooLarge }
        for (field, date) in [("order-date", orderDate), ("ship-date", shipDate), ("incident-date", incidentDate)] {
            if let date, date > today { throw .dateInFuture(field: field) }
        }
        if let o = orderDate, let s = shipDate, s < o { throw .datesOutOfOrder(earlier: "order-date", later: "ship-date") }
        if let o = orderDate, incidentDate < o { throw .datesOutOfOrder(earlier: "order-date", later: "incident-date") }
        if expiresOn <= incidentDate { throw .expiryBeforeIncident }
        if expiresOn < today { throw .alreadyExpired }
        if !normalized.yieldsTokens { throw .nothingToMatch }
    }
}
