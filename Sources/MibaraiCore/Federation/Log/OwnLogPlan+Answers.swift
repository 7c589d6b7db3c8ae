/// The node's answers to review requests, planned after its record entries.
extension OwnLogPlan {
    /// `published` as it will be once `bodies` (this node's next entries) are appended.
    public static func applying(_ bodies: [LogBody], to published: [ReportID: BlindedRecord], origin name: String) -> [ReportID: BlindedRecord] {
        var out = published
        for body in bodies {
            switch body {
            case .publish(let p): out[p.id] = p.record(origin: name)
            case .status(let id, let s): out[id]?.status = s
            case .withdraw(let id): out[id]?.status = .withdrawn
            default: break
            }
        }
        return out
    }

    /// A `review_answer` for each answer the shop recorded (`queued`) that its log does not hold
    /// yet (`answered`) and that the log will accept after the record entries: `kept` for a
    /// publication still in force, `corrected` and `withdrawn` once the named publication is
    /// withdrawn (a correction withdraws it as it publishes the next revision). An answer the log
    /// cannot take yet waits (the correction not yet blinded, say); one for a publication this log
    /// never published is never signed. In the order given.
    public static func answerBodies(queued: [ReviewAnswer], answered: Set<ReviewAnswerKey>,
                                    published: [ReportID: BlindedRecord]) -> [LogBody] {
        var out: [LogBody] = []
        var seen = answered
        for a in queued {
            let key = ReviewAnswerKey(request: a.request, publication: a.publication)
            guard !seen.contains(key), let record = published[a.publication] else { continue }
            let ready = a.answer == .kept ? record.status != .withdrawn : record.status == .withdrawn
            guard ready else { continue }
            seen.insert(key)
            out.append(.reviewAnswer(a))
        }
        return out
    }
}
