import Foundation

/// The rules for a `kept` answer's reason, which every node and the person read: short, and no
/// personal data. A node cannot tell personal data from other text; it refuses what plainly looks
/// like a phone number or an e-mail address, the identifiers a shop is most likely to paste.
extension ReviewAnswer {
    /// Why `reason` cannot be sent, or nil.
    public static func reasonProblem(_ reason: String) -> Localized? {
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            return Localized(ja: "維持する理由を書いてください (個人情報は書かないでください)。", en: "give the reason for keeping the record (no personal data).")
        }
        if text.utf8.count > maxReasonBytes {
            return Localized(ja: "理由が長すぎます (UTF-8 で \(maxReasonBytes) バイトまで)。", en: "the reason is too long (at most \(maxReasonBytes) bytes of UTF-8).")
        }
        if text.contains("@") || text.contains("＠") {
            return Localized(ja: "理由にメールアドレスのようなものがあります。個人情報は書かないでください。", en: "the reason holds what looks like an e-mail address: no personal data, please.")
        }
        var run = 0
        var longest = 0
        for ch in text.unicodeScalars {
            if let v = ch.properties.numericType, v == .decimal {
                run += 1
                longest = max(longest, run)
            } else if !"-‐－ー()（） ".unicodeScalars.contains(ch) {
                run = 0
            }
        }
        if longest >= 8 {
            return Localized(ja: "理由に電話番号のような数字の並びがあります。個人情報は書かないでください。", en: "the reason holds what looks like a phone number: no personal data, please.")
        }
        return nil
    }
}
