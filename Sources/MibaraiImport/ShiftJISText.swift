import Foundation

/// Text back to the bytes of a Shift_JIS (CP932) file, for an annotated export that goes back to
/// the program the shop took it from. The file's own cells came from Shift_JIS and encode as they
/// were; the few characters of added text that CP932 lacks are written as their full-width or
/// nearest forms (`¥` as `￥`, `−` as `－`, `〜` as `～`), anything else as `?`.
public enum ShiftJISText {
    /// Substitutes for characters CP932 cannot hold, chosen so a reader sees the same sign.
    static let substitutes: [Character: String] = [
        "¥": "￥", "−": "－", "〜": "～", "—": "―", "‖": "∥", "¢": "￠", "£": "￡", "¬": "￢",
    ]

    public static func data(_ text: String) -> Data {
        if let whole = text.data(using: .shiftJIS) { return whole }
        var out = Data()
        for c in text {
            if let d = String(c).data(using: .shiftJIS) {
                out += d
            } else if let s = substitutes[c], let d = s.data(using: .shiftJIS) {
                out += d
            } else {
                out.append(0x3F)
            }
        }
        return out
    }
}
