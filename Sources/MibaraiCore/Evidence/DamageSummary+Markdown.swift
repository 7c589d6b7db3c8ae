extension DamageSummary {
    /// A page a hub can print for the police. Report ids let each reporting shop find its own
    /// record; nothing here identifies the person.
    public func markdown(preparedOn: LocalDate, preparedBy: String) -> String {
        var out = "# 複数店舗にわたる被害の概要 / Damage across shops\n\n"
        out += "作成日 / Prepared: \(JapaneseDate.long(preparedOn))　作成者 / By: \(Markdown.cell(preparedBy))\n\n"
        out += "- 被害店舗数 / Shops: \(shopCount)\n"
        out += "- 報告件数 / Reports: \(reportCount)\n"
        out += "- 未払い合計 / Unpaid: \(LookupResult.yen(outstandingYen))\n"
        out += "- 報告額合計 (支払済を含む) / Reported in all: \(LookupResult.yen(reportedYen))\n"
        if let f = firstMonth, let l = lastMonth { out += "- 期間 / Period: \(f) – \(l)\n" }
        out += "\n| 月 / Month | 店舗 / Shop | 報告番号 / Report | 区分 / Category | 状態 / Status | 金額 / Amount | 一致 / Match |\n"
        out += "|---|---|---|---|---|---|---|\n"
        for e in entries {
            out += "| \(e.month) | \(Markdown.cell(e.origin)) | \(e.reportID) | \(e.category) | \(e.status) | \(LookupResult.yen(e.amountYen)) | \(e.strength) |\n"
        }
        out += """

        この概要はブラインド化された照合記録だけから作成したもので、個人情報を含みません。
        相手方の氏名・住所・注文の詳細は、各報告店舗が自店の記録 (mibarai case evidence) から、その同意のもとで提供します。
        This summary is built from blinded records only and holds no personal data. Each reporting shop provides
        the customer's details and its order records from its own node, with its consent.

        """
        return out
    }
}
