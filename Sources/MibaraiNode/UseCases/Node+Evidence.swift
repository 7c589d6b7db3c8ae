import MibaraiCore

extension Node {
    /// The evidence file (timeline) of case `number`, for the police or a court: as `case evidence`
    /// writes it and the web page downloads it.
    public func evidenceFile(forCase number: Int) throws(NodeError) -> EvidenceFile {
        EvidenceFile(case: try findCase(number), shop: try shopProfile(), policy: dunning, today: today)
    }
}
