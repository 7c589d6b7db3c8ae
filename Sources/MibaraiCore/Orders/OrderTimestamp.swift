import Foundation

/// Reads the order-date columns of EC exports into seconds since 1970 (UTC).
///
/// Accepted: `2026-11-20 10:15:30 +0900` (Shopify), `2026-11-20T10:15:30+09:00` (ISO 8601),
/// `2026/11/20 10:15:30`, `2026/11/20 10:15`, `2026-11-20`, `2026/11/20`, `2026年11月20日 10時15分`.
/// Without a zone the time is Japan's (UTC+9).
public enum OrderTimestamp {
    public static func parse(_ raw: String) -> Int64? {
        let text = TextFolding.isASCII(raw) ? raw : TextFolding.nfkc(raw)
        var numbers: [Int] = []
        var current: Int?
        var zoneSign = 0
        var zoneDigits: [Int] = []
        var inZone = false
        for u in text.unicodeScalars {
            if u.value >= 0x30 && u.value <= 0x39 {
                let d = Int(u.value - 0x30)
                if inZone { zoneDigits.append(d); continue }
                current = (current ?? 0) * 10 + d
                if current! > 99_999 { return nil }
            } else {
                if let c = current { numbers.append(c); current = nil }
                if numbers.count >= 3 && (u == "+" || (u == "-" && numbers.count >= 5)) {
                    inZone = true
                    zoneSign = u == "+" ? 1 : -1
                } else if u == "Z" && numbers.count >= 5 {
                    inZone = true
                    zoneSign = 1
                }
            }
        }
        if let c = current { numbers.append(c) }
        guard numbers.count >= 3, numbers.count <= 7 else { return nil }
        let (y, mo, d) = (numbers[0], numbers[1], numbers[2])
        guard let date = LocalDate(year: y, month: mo, day: d) else { return nil }
        let h = numbers.count > 3 ? numbers[3] : 0
        let mi = numbers.count > 4 ? numbers[4] : 0
        let s = numbers.count > 5 ? numbers[5] : 0
        guard h < 24, mi < 60, s < 61 else { return nil }
        var offset = 9 * 3600
        if inZone {
            if zoneDigits.count == 4 {
                offset = zoneSign * (zoneDigits[0] * 36_000 + zoneDigits[1] * 3600 + zoneDigits[2] * 600 + zoneDigits[3] * 60)
            } else if zoneDigits.isEmpty {
                offset = 0
            } else {
                return nil
            }
        }
        return Int64(date.daysSinceEpoch) * 86_400 + Int64(h * 3600 + mi * 60 + s - offset)
    }
}
