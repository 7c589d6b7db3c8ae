import MibaraiCore

/// The page's own words, in Japanese and English. Templates read them as `{{t.<key>}}`; the
/// code names them by ``Key``.
enum WebText {
    enum Key: String, CaseIterable {
        // Navigation and layout
        case appName, navHome, navCheck, navCSV, navReports, navCases, navGuide, navSettings, signOut, skipToContent
        // Titles
        case loginTitle, homeTitle, checkTitle, reportsTitle, reportNewTitle, reportTitle, casesTitle, caseNewTitle, caseTitle
        case letterTitle, settingsTitle, guideTitle, errorTitle
        // Sign in
        case password, signIn, loginWrong, loginThrottled, noPasswordSet, csrfRefused, formTooLarge, internalError
        // Home
        case dueActions, noDueActions, attention, noAttention, network, openCase, when, decision, score, overdueDays
        // Form fields
        case fieldName, fieldKana, fieldPostalCode, fieldAddress, fieldPhone, fieldEmail, fieldAmount, fieldPayment, fieldDelivery
        case fieldReference, fieldCategory, fieldStatus, fieldOrderDate, fieldShipDate, fieldIncidentDate, fieldDueDate
        case fieldDeliveredOn, fieldNotes, fieldDate, fieldTime, fieldStage, fieldPromisedDate, fieldKind, fieldReason
        case fieldItems, fieldDeliberate, fieldFromReport, fieldRecipient
        // Check
        case checkIntro, checkButton, result, reasons, noReasons, matches, noMatches, confirmationCall, allowListed, notCounted
        // Reports
        case newReport, reportsIntro, allStatuses, filter, shown, previousPage, nextPage, pages, idColumn, category, amount, status, incident, expires, who
        case recordButton, history, changeStatus, correct, correctIntro, withdraw, withdrawIntro, withdrawButton, saveButton
        case openCaseFromReport, noReports, withdrawnNote
        // Cases
        case newCase, casesIntro, noCases, stageNow, nextRung, dueDate, logEvent, logButton, timeline, letter, letterOf
        case naiyoLayout, printButton, downloadButton, outstanding, paid, orderAmount, openButton, caseFromReportHint
        case optionalDetails, warnings, evidenceIntro, evidenceHTML, evidenceMarkdown
        case reviewsTitle, reviewsIntro, reviewOverdue, reviewAnswered, reviewWaiting, reviewAnswer, reviewReason, reviewSend
        case publishReport, publishReportIntro, publishButton, caseReported, closeCase, fieldOutcome, closeButton
        // CSV
        case csvTitle, csvIntro, csvFile, csvUpload, csvNotAForm, csvTooLarge, csvNoFile, csvGone, csvUnreadable, csvToActOn
        case csvProgress, csvPreparing, csvPreparingNote, csvDone, csvDownload, csvLine, csvSummary, csvMore, csvNone
        // Contacts between shops
        case contactsTitle, contactsIntro, contactsReceived, contactRequestFrom, contactContact, contactYourReport, contactAnswered
        case contactAnswer, contactMessage, contactSend, contactAnswerFrom, contactsNone, contactNew, contactNewIntro, contactReport
        case contactCase, contactsSent, contactKindRequest, contactKindAnswer, contactSentState, contactWaitingState, contactTo
        case contactDay, contactState, contactKind, contactsWaiting, jointIntro, navContacts, contactChoose, contactCaution
        // Settings and guide
        case settingsIntro, dataDirectory, configurationFile, nodeName, passwordHint
    }

    static func text(_ key: Key, _ lang: Language) -> String {
        let pair = table[key] ?? (key.rawValue, key.rawValue)
        return lang == .ja ? pair.0 : pair.1
    }

    /// Every text of a language, by key, for the templates.
    static func table(_ lang: Language) -> [String: String] {
        Dictionary(uniqueKeysWithValues: Key.allCases.map { ($0.rawValue, text($0, lang)) })
    }

    /// A form field's name for error messages, in both languages (「金額」 / "amount").
    static func field(_ key: Key) -> Localized {
        Localized(ja: "「\(text(key, .ja))」", en: "\"\(text(key, .en))\"")
    }

    static func fieldLabel(_ field: IdentityField, _ lang: Language) -> String {
        switch field {
        case .name: text(.fieldName, lang)
        case .nameKana: text(.fieldKana, lang)
        case .postalCode: text(.fieldPostalCode, lang)
        case .address: text(.fieldAddress, lang)
        case .phone: text(.fieldPhone, lang)
        case .email: text(.fieldEmail, lang)
        }
    }

    /// The line shown after a change went through (`?done=`).
    static func flash(_ done: String, _ lang: Language) -> String {
        let pair: (String, String) = switch done {
        case "recorded": ("報告を記録しました。", "The report was recorded.")
        case "status": ("状態を変更しました。連合の各ノードにも伝わります。", "The status was changed; every node of the federation will see it.")
        case "corrected": ("報告を訂正しました。連合の各ノードにも伝わります。", "The report was corrected; every node of the federation will see it.")
        case "withdrawn": ("報告を取り下げました。連合の各ノードからも消えます。", "The report was withdrawn; it disappears from every node of the federation.")
        case "opened": ("案件を開始しました。", "The case was opened.")
        case "logged": ("出来事を記録しました。", "The event was recorded.")
        case "answered": ("確認依頼に回答しました。次の同期で運営者に届きます。", "The review request is answered; the operator gets it with the next sync.")
        case "closed": ("案件を終えました。報告があれば、その状態も変わります。", "The case is closed; its report, if any, changed with it.")
        case "contactSent": ("連絡依頼を封緘しました。次の同期で相手の店舗に届きます。", "The contact request is sealed; the other shop gets it with the next sync.")
        case "contactAnswered": ("回答を封緘しました。次の同期で相手の店舗に届きます。", "The answer is sealed; the other shop gets it with the next sync.")
        default: ("", "")
        }
        return lang == .ja ? pair.0 : pair.1
    }

    private static let table: [Key: (String, String)] = [
        .appName: ("みばらい", "Mibarai"),
        .navHome: ("ホーム", "Home"), .navCheck: ("注文チェック", "Check an order"), .navCSV: ("CSV", "CSV"), .navReports: ("報告", "Reports"),
        .navCases: ("案件", "Cases"), .navGuide: ("手引き", "Guide"), .navSettings: ("設定", "Settings"),
        .signOut: ("ログアウト", "Sign out"), .skipToContent: ("本文へ", "Skip to content"),
        .loginTitle: ("ログイン", "Sign in"), .homeTitle: ("ホーム", "Home"), .checkTitle: ("注文チェック", "Check an order"),
        .reportsTitle: ("報告", "Reports"), .reportNewTitle: ("報告を記録する", "Record a report"), .reportTitle: ("報告", "Report"),
        .casesTitle: ("案件", "Cases"), .caseNewTitle: ("案件を開始する", "Open a case"), .caseTitle: ("案件", "Case"),
        .letterTitle: ("文面", "Letter"), .settingsTitle: ("設定", "Settings"), .guideTitle: ("手引き", "Guide"),
        .errorTitle: ("エラー", "Error"),
        .password: ("パスワード", "Password"), .signIn: ("ログイン", "Sign in"),
        .loginWrong: ("パスワードが違います。", "Wrong password."),
        .loginThrottled: ("パスワードの誤りが続いたため、{s}秒後にもう一度お試しください。", "Too many wrong passwords: try again in {s} seconds."),
        .noPasswordSet: ("パスワードがまだ設定されていません。このマシンで次のコマンドを実行してください:", "No password is set yet. Run this on this machine:"),
        .csrfRefused: ("このフォームは受け付けられません (古いページか、別のサイトから送られました)。ページを開き直してください。",
                       "This form was refused (an old page, or sent from another site). Open the page again."),
        .formTooLarge: ("送信された内容が大きすぎます。", "What was sent is too large."),
        .internalError: ("処理できませんでした。ノードのログを確認してください。", "It could not be done; see the node's log."),
        .dueActions: ("今日の督促", "Dunning due today"), .noDueActions: ("今日行う督促はありません。", "Nothing is due today."),
        .attention: ("確認が必要な注文 (直近7日)", "Orders needing a look (last 7 days)"),
        .noAttention: ("直近7日に保留・要確認の注文はありません。", "No order was held or flagged in the last 7 days."),
        .network: ("ネットワーク", "Network"), .openCase: ("案件", "Case"), .when: ("日時", "When"), .decision: ("判定", "Decision"),
        .score: ("スコア", "Score"), .overdueDays: ("日超過", "days overdue"),
        .fieldName: ("氏名", "Name"), .fieldKana: ("フリガナ", "Name in kana"), .fieldPostalCode: ("郵便番号", "Postal code"),
        .fieldAddress: ("住所", "Address"), .fieldPhone: ("電話番号", "Phone"), .fieldEmail: ("メールアドレス", "E-mail"),
        .fieldAmount: ("金額 (円)", "Amount (yen)"), .fieldPayment: ("支払方法", "Payment"), .fieldDelivery: ("配送方法", "Delivery method"),
        .fieldReference: ("注文番号", "Order number"), .fieldCategory: ("区分", "Category"), .fieldStatus: ("状態", "Status"),
        .fieldOrderDate: ("注文日", "Order date"), .fieldShipDate: ("発送日", "Ship date"), .fieldIncidentDate: ("発生日", "Incident date"),
        .fieldDueDate: ("支払期限", "Due date"), .fieldDeliveredOn: ("配達日", "Delivered on"), .fieldNotes: ("メモ (自店のみ)", "Notes (this shop only)"),
        .fieldDate: ("日付", "Date"), .fieldTime: ("時刻", "Time"), .fieldStage: ("段階", "Rung"), .fieldPromisedDate: ("約束の支払日", "Promised date"),
        .fieldKind: ("出来事", "What happened"), .fieldReason: ("理由 (自店のみ)", "Reason (this shop only)"),
        .fieldItems: ("商品", "Items"), .fieldDeliberate: ("意図的な不払いの疑いがある", "Looks deliberate"),
        .fieldFromReport: ("報告ID (報告から開始する場合)", "Report id (to start from a report)"),
        .fieldRecipient: ("配送先 (注文者と違う場合)", "Recipient (when not the customer)"),
        .checkIntro: ("注文の顧客情報を入力してください。表記の違い (全角・半角、ハイフン、旧字など) は自動でそろえます。",
                      "Type the order's customer details; differences in writing (full/half width, hyphens, old kanji) are evened out."),
        .checkButton: ("チェックする", "Check"), .result: ("結果", "Result"), .reasons: ("理由", "Reasons"),
        .noReasons: ("該当するルールはありません。", "No rule fired."), .matches: ("一致した報告", "Matched reports"),
        .noMatches: ("一致する報告はありません。", "No report matches."), .notCounted: ("一致 (数えない)", "matched (not counted)"), .confirmationCall: ("確認の電話 (例)", "Confirmation call (a script)"),
        .allowListed: ("許可リストの顧客: 他店の報告との一致のみ数えました。", "Allow-listed customer: only federation matches counted."),
        .newReport: ("報告を記録する", "Record a report"),
        .reportsIntro: ("自店が記録した報告です。訂正・状態の変更・取下げは連合の全ノードに伝わります。",
                        "The reports this shop recorded. A correction, a status change or a withdrawal reaches every node of the federation."),
        .allStatuses: ("すべて", "All"), .filter: ("絞り込む", "Filter"), .shown: ("件目を表示 / 全", "shown of"),
        .previousPage: ("前のページ", "Previous page"), .nextPage: ("次のページ", "Next page"), .pages: ("ページ", "Pages"),
        .idColumn: ("ID", "ID"), .category: ("区分", "Category"), .amount: ("金額", "Amount"), .status: ("状態", "Status"),
        .incident: ("発生日", "Incident"), .expires: ("保存期限", "Kept until"), .who: ("顧客", "Customer"),
        .recordButton: ("記録する", "Record"), .history: ("履歴", "History"), .changeStatus: ("状態を変更する", "Change the status"),
        .correct: ("訂正する", "Correct"), .correctIntro: ("変える項目だけ入力してください (空欄の項目は変わりません)。", "Fill in only what changes (an empty field keeps its value)."),
        .withdraw: ("取り下げる", "Withdraw"), .withdrawIntro: ("誤りだった報告は取り下げてください。連合のすべての写しから消えます。",
                                                           "Withdraw a report made in error: it disappears from every copy in the federation."),
        .withdrawButton: ("取り下げる", "Withdraw"), .saveButton: ("保存する", "Save"),
        .openCaseFromReport: ("この報告から案件を開始", "Open a case from this report"), .noReports: ("報告はありません。", "No reports."),
        .withdrawnNote: ("この報告は取り下げ済みです。", "This report is withdrawn."),
        .newCase: ("案件を開始する", "Open a case"),
        .casesIntro: ("未払いの注文ごとの督促の記録です。次の段階と期日を表示します。", "One record per unpaid order, with its next rung and date."),
        .noCases: ("案件はありません。", "No cases."), .stageNow: ("現在の段階", "Rung reached"), .nextRung: ("次の段階", "Next rung"),
        .dueDate: ("期日", "Due"), .logEvent: ("出来事を記録する", "Record an event"), .logButton: ("記録する", "Record"),
        .timeline: ("経緯", "Timeline"), .letter: ("文面", "Letter"), .letterOf: ("の文面", "text"),
        .naiyoLayout: ("内容証明の書式 (1行の字数×1枚の行数)", "内容証明 layout (characters per line × lines per sheet)"),
        .printButton: ("印刷する", "Print"), .downloadButton: ("ダウンロード", "Download"), .outstanding: ("未回収", "Outstanding"),
        .paid: ("入金済み", "Paid"), .orderAmount: ("請求額", "Amount owed"), .openButton: ("開始する", "Open"),
        .caseFromReportHint: ("報告IDを入れると、その報告の顧客と注文から開始します (顧客情報は空欄に)。",
                              "Give a report id to start from that report's customer and order (leave the customer empty)."),
        .evidenceIntro: ("警察・裁判所に出す経緯書 (個人情報を含みます。提出先にだけ渡してください):",
                         "The evidence file for the police or a court (it holds personal data: give it to them only):"),
        .evidenceHTML: ("印刷用 (HTML)", "for printing (HTML)"), .evidenceMarkdown: ("編集用 (Markdown)", "for editing (Markdown)"),
        .reviewsTitle: ("本人からの請求 (開示・訂正・利用停止)", "Requests from the person named (disclosure, correction, stop)"),
        .reviewsIntro: ("運営者が、報告された方からの請求を受けて、この店舗の報告の確認を求めています。期限までに、訂正・取下げをするか、維持する理由 (個人情報を含めない) を答えてください。期限を過ぎると、その報告はどのノードでも「係争中」として数えられなくなります。",
                        "The operator, asked by the person named, asks this shop to review these reports. By the deadline, correct or withdraw the report, or keep it with a reason (no personal data). Past the deadline the report counts as disputed at every node and stops counting."),
        .reviewOverdue: ("期限切れ (係争中扱い)", "overdue (taken as disputed)"), .reviewAnswered: ("回答", "Answer"),
        .reviewWaiting: ("次の同期で送られます", "sent with the next sync"), .reviewAnswer: ("回答", "Answer"),
        .reviewReason: ("維持する理由", "Reason to keep it"), .reviewSend: ("回答する", "Answer"),
        .publishReport: ("ほかの店舗への報告", "Report to the other shops"),
        .publishReportIntro: ("最終通告の期限を過ぎても払われないときに、未回収の額をほかの店舗の確認に使えるよう公開します。",
                              "When the final notice's deadline has passed unpaid, publish what is still owed for the other shops' checks."),
        .publishButton: ("報告を公開する", "Publish the report"), .caseReported: ("この案件の報告:", "This case's report:"),
        .closeCase: ("案件を終える", "Close the case"), .fieldOutcome: ("結果", "Outcome"), .closeButton: ("終える", "Close"),
        .optionalDetails: ("その他の項目", "More details"), .warnings: ("送る前に", "Before sending"),
        .csvTitle: ("CSVで一括チェック", "Check a CSV export"),
        .csvIntro: ("Shopify・EC-CUBE・BASE・STORES・カラーミーショップの注文CSV (UTF-8 / Shift_JIS) を選んでください。結果の列を足したファイルを同じ文字コードでダウンロードできます。",
                    "Choose an order export from Shopify, EC-CUBE, BASE, STORES or カラーミーショップ (UTF-8 or Shift_JIS). You can download it back with the result columns added, in the same encoding."),
        .csvFile: ("CSVファイル", "CSV file"), .csvUpload: ("チェックする", "Check"),
        .csvNotAForm: ("ファイルのアップロードとして読めません。ページを開き直してください。", "This is not a file upload; open the page again."),
        .csvTooLarge: ("ファイルが大きすぎます (64MBまで)。", "The file is too large (64 MB at most)."),
        .csvNoFile: ("ファイルを選んでください。", "Choose a file."),
        .csvGone: ("この結果はもうありません (サーバーの再起動か、新しいファイルで置き換わりました)。", "This result is gone (the server restarted, or newer files replaced it)."),
        .csvUnreadable: ("審査できない行", "Unreadable"), .csvToActOn: ("対応が必要な注文", "Orders to act on"),
        .csvProgress: ("チェック中", "Checking"),
        .csvPreparing: ("照合の準備中 (1/2)", "Getting ready to match (1 of 2)"),
        .csvPreparingNote: ("照合用の索引を読み込んでいます。続いて注文をチェックします", "Reading the lookup index; the orders are checked next"), .csvDone: ("完了", "Done"), .csvDownload: ("結果付きCSVをダウンロード", "Download the annotated CSV"),
        .csvLine: ("行", "Line"), .csvSummary: ("内容", "Summary"), .csvMore: ("件は表示していません (ダウンロードしたファイルにあります)。", "more are not shown (they are in the downloaded file)."),
        .csvNone: ("該当する注文はありません。", "No order here."),
        .contactsTitle: ("他店との連絡", "Contacts with other shops"),
        .contactsIntro: ("同じ相手から被害を受けた店舗どうしで、連合を通じて連絡を取り合えます。メッセージは相手の店舗の鍵で封緘され、他のノードは読めません。顧客の個人情報は送られません。",
                         "Shops the same customer hurt can reach each other through the federation. A message is sealed to the other shop's key: no other node can read it. No customer data is sent."),
        .contactsReceived: ("届いた依頼・回答", "Received"), .contactRequestFrom: ("連絡依頼:", "Contact request from"),
        .contactContact: ("連絡先", "Contact"), .contactYourReport: ("対象の自店の報告", "Your report it is about"),
        .contactAnswered: ("回答済みです。", "Answered."), .contactAnswer: ("回答", "Answer"), .contactMessage: ("メッセージ (個人情報は書かない)", "Message (no personal data)"),
        .contactSend: ("送る", "Send"), .contactAnswerFrom: ("回答:", "Answer from"), .contactsNone: ("届いたものはありません。", "Nothing received."),
        .contactNew: ("他店に連絡を依頼する", "Ask another shop to get in touch"),
        .contactNewIntro: ("注文チェックで一致した他店の報告の ID を入れてください。当店の店名と連絡先 (設定の [shop]) が添えられます。案件番号を入れると、回答がその案件の共同被害一覧に入ります。",
                           "Enter the id of another shop's record that matched in a check. Your shop's name and contact ([shop] in the settings) are added. With a case number, the answers go into that case's joint damage summary."),
        .contactReport: ("一致した報告の ID", "Matched record's id"), .contactCase: ("自店の案件番号 (任意)", "Your case number (optional)"),
        .contactsSent: ("送ったもの", "Sent"), .contactKindRequest: ("連絡依頼", "Contact request"), .contactKindAnswer: ("回答", "Answer"),
        .contactSentState: ("送信済み", "Sent"), .contactWaitingState: ("送信待ち (次の同期で送ります)", "Waiting (sent with the next sync)"),
        .contactTo: ("宛先", "To"), .contactDay: ("日付", "Date"), .contactState: ("状態", "State"), .contactKind: ("種類", "Kind"),
        .contactsWaiting: ("他店からの未回答の連絡依頼があります", "Contact requests from other shops wait for your answer"),
        .jointIntro: ("他店と共有した被害の一覧 (共同の被害届用):", "Damage shared with other shops (for a joint police report):"),
        .navContacts: ("他店との連絡", "Other shops"),
        .contactChoose: ("選んでください", "Choose"),
        .contactCaution: ("依頼してきた店舗が本当に同じ相手と取引したかは、こちらからは確かめられません。共有する前に、電話などで相手の店舗を確かめてください。",
                          "You cannot tell from here that the asking shop really dealt with the same customer: check with that shop (by phone, say) before you share."),
        .settingsIntro: ("設定は次のファイルにあります。変更はファイルを編集し、ノードを再起動してください。",
                         "The settings are in this file: edit it and restart the node to change them."),
        .dataDirectory: ("データディレクトリ", "Data directory"), .configurationFile: ("設定ファイル", "Configuration file"),
        .nodeName: ("ノード名", "Node name"),
        .passwordHint: ("パスワードの変更: mibarai web password", "To change the password: mibarai web password"),
    ]
}
