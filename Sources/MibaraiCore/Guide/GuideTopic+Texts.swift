extension GuideTopic {
    static let ladderText = Localized(
        ja: """
        未払いは、多くが「忘れている」「入金が照合できていない」ことから始まります。最初から相手を疑わず、
        段階を追って、日付のある記録を残しながら進めてください。各段階の文面は mibarai case letter で作れます。

        1. お支払い確認のご連絡 (支払期限の数日後)
           - 入金の行き違いがないか、自店の入金記録・決済サービスの画面をまず確認します。
           - 丁寧なメールで「ご入金を確認できていない」ことだけを伝えます。責める言葉は使いません。
        2. 再請求 (約1週間おきに2回ほど)
           - メールに加えて電話もかけます。出なければ「応答なし」も記録します (case log --kind no-answer)。
           - 支払いの約束があれば日付を記録します (case log --kind promise --promised-date …)。
             約束の日までは次の段階に進みません。
        3. 最終通告 (書面)
           - 期限を切り、期限を過ぎれば法的手続きに移ることを伝えます。脅す表現や、家族・勤務先への連絡は
             してはいけません。
           - この段階で、ブラインド化した報告を Mibarai に公開するか選べます (case report)。
        4. 内容証明郵便による督促状
           - 郵便局が「いつ、どんな内容の文書を出したか」を証明します。配達証明を付けると届いた日も残ります。
           - 書式の制限 (1行20字・1枚26行など) があります。mibarai case letter --stage formal-demand --naiyo-shomei
             が制限に合わせて割り付け、守れない文字があれば知らせます。
           - 同じ文書を3通 (相手用・自分用・郵便局保管用) 用意し、2枚以上なら綴じ目に契印を押します。
             インターネットで出せる e内容証明 (電子内容証明) もあります。
           - 受取を拒まれた内容証明は、届いたものと扱われます。不在のまま保管期間が過ぎて戻ったときは、同じ文面を
             普通郵便か特定記録郵便でも送り、その記録を残します。「宛所尋ねあたらず」で戻ったときは、住所が偽りの
             可能性があります (6. を見てください)。
           - 請求額が費用に見合わない少額なら、貸倒れ処理も一つの選択です。
        5. 支払督促・少額訴訟
           - 支払督促は、相手の住所地の簡易裁判所の書記官に申し立て、書類審査だけで進みます。相手が受け取って2週間
             以内に異議を出さなければ、その後30日以内に仮執行宣言を申し立てます (過ぎると支払督促は効力を失います)。
             仮執行宣言が付けば強制執行ができます。異議が出ると、通常の訴訟に移ります。
           - 少額訴訟は60万円以下の請求で、原則1回の審理で終わります。相手の住所地のほか、支払いをすべき場所
             (代金なら通常は自店の所在地) の簡易裁判所にも起こせます。
           - 申立ての要点の下書きは case letter --stage legal-action、証拠は case evidence で作れます。
        6. 被害届
           - 偽名・偽住所、書面の返送、転売目的など、最初から払うつもりがなかった疑いが強い場合は、
             警察に相談します。まず警察相談専用電話 #9110 で相談し、警察署の刑事課 (知能犯係) に日時を予約して、
             時系列の記録 (case evidence) と注文・発送の記録を持参してください。支払いの遅れだけでは詐欺にならず、
             警察は民事の問題として扱います。
           - 複数の店舗が同じ相手から被害を受けていれば、ハブが「被害の概要」(mibarai damage) を作れます。

        時効について: 代金の請求権は、原則として権利を行使できると知った時 (通常は支払期限) から5年で時効になります。
        内容証明などによる催告は時効の完成を6か月猶予するだけで、繰り返しても延びません。一部の入金や支払いの約束は
        債務の承認にあたり、時効がそこから新たに進みます。だからこそ入金・約束は必ず記録してください。
        少額訴訟は同じ簡易裁判所に年10回までです。
        支払期限は、特定商取引法に基づく表記と利用規約に書いておきます (例:「後払いは商品到着後14日以内」)。
        書いてあれば、請求の書面も裁判所への申立ても、その期限をもとにできます。

        入金があれば、その都度 case log --kind payment で記録してください。全額になれば案件は自動で終了し、
        公開した報告も「支払済」に変わります (一部の入金なら報告の金額が残額に下がります)。
        この手引きは一般的な進め方の説明で、法律相談ではありません。迷ったら、弁護士 (弁護士会の法律相談、法テラス)、
        認定司法書士 (140万円以下の簡易裁判所の手続きを代理できます)、内容証明の作成なら行政書士、経営の相談なら
        商工会議所・商工会に相談してください。
        """,
        en: """
        Most unpaid orders start as a forgotten payment or one that was not matched. Do not assume bad faith:
        climb the ladder one rung at a time and keep a dated record. `mibarai case letter` writes each rung's text.

        1. Polite inquiry (a few days after the due date)
           - First check your own bank and payment-service records for a payment you missed.
           - Send a polite mail that only says the payment has not been found. No blame.
        2. Reminders (about a week apart, usually two)
           - Call as well as mail. Record unanswered calls too (case log --kind no-answer).
           - Record any promise to pay with its date (case log --kind promise --promised-date …); the ladder
             waits until that date.
        3. Firm notice (a letter)
           - Give a deadline and say that legal steps follow if it passes. Never threaten, and never contact
             the customer's family or employer.
           - At this rung you may publish a blinded report to the network (case report).
        4. Formal demand by 内容証明 mail
           - The post office certifies when and what you sent; add 配達証明 to prove delivery.
           - The format is limited (20 characters a line and 26 lines a sheet, and others). `case letter --stage
             formal-demand --naiyo-shomei` lays the text out within the limits and refuses characters it cannot carry.
           - Make three identical copies (the customer's, yours, the post office's); with two or more sheets, stamp
             the seal across each join (契印). e内容証明 lets you send it online.
           - A 内容証明 the customer refused counts as delivered. One returned unclaimed after the holding period:
             send the same text by ordinary or 特定記録 mail too, and keep the record. One returned "addressee
             unknown" (宛所尋ねあたらず) suggests a false address: see 6.
           - If the amount is too small to be worth it, writing it off is a fair choice.
        5. Payment order (支払督促) or small-claims suit (少額訴訟)
           - A payment order is filed with the clerk of the summary court of the customer's address and decided on
             the papers. If the customer does not object within two weeks of receiving it, apply within the next 30
             days for a declaration of provisional enforcement (later, the order lapses); with it you can enforce.
             An objection turns it into an ordinary suit.
           - A small-claims suit (up to ¥600,000) is usually one hearing. It can be filed at the summary court of the
             customer's address or of the place of payment (for a price, usually the shop's own address).
           - `case letter --stage legal-action` drafts the claim; `case evidence` makes the record to attach.
        6. Police report (被害届)
           - When the order looks deliberate from the start (a false name or address, returned letters, goods
             resold), talk to the police: call #9110 first, then book a time with the station's criminal affairs
             section (刑事課, 知能犯係) and bring the timeline (case evidence) and the order and shipping records.
             Late payment alone is not fraud; the police treat it as a civil matter.
           - When several shops were hit by the same person, a hub can make a damage summary (mibarai damage).

        Limitation: a claim for payment generally expires five years after you knew you could demand it (in
        practice, the due date). A demand, 内容証明 included, only holds the deadline off for six months, once; a
        part payment or a promise to pay acknowledges the debt and restarts the clock, which is one more reason
        to record them. Small-claims suits are limited to ten a year at one court. State the due date in your
        特定商取引法 notice and terms (e.g. "pay-later orders: within 14 days of delivery"), so your letters and any
        filing can rely on it.

        Record every payment with case log --kind payment; when it is paid in full the case closes itself and a
        published report turns to "paid" (a part payment lowers the report to what is still owed).
        This guide describes common practice; it is not legal advice. When unsure, ask a lawyer (the bar
        association's consultations, 法テラス), a certified judicial scrivener (認定司法書士, who can act for you at
        the summary court up to ¥1,400,000), an administrative scrivener (行政書士) to draft a 内容証明, or the
        chamber of commerce (商工会議所・商工会) for business advice.
        """
    )

    static let preventionText = Localized(
        ja: """
        - 初めてのお客様、高額の注文、怪しい点のある注文は、後払い・代引きではなく前払い (銀行振込・カード) を
          お願いします。「初回は前払いのみ」と事前に明記しておけば角が立ちません。
        - 後払いの上限額を決め、それを超える注文は前払いにします。
        - 気になる注文は、発送前に電話で確認します。つながらない番号、本人と話せない注文は保留にします。
        - 発送前に mibarai check で照合し、リスクの理由を確認します。一致があっても同姓同名や同じ住所の家族の
          可能性があるので、理由 (どの項目が一致したか) を見て判断してください。
        - 後払い決済サービス (与信と保証付き) を使えば、未払いのリスクを事業者に移せます。
        - 追跡番号付き・受領印ありの配送を使い、発送と配達の記録を残します。
        - 代引きの受取拒否が続く相手には、次回から前払いのみとします。
        """,
        en: """
        - Ask first-time customers, large orders and orders that look wrong to prepay (bank transfer or card)
          instead of paying later or on delivery. Saying "first orders are prepaid" up front avoids offence.
        - Set a ceiling for pay-later orders and require prepayment above it.
        - Call before shipping when an order worries you. Hold orders whose number does not connect or whose
          buyer you cannot reach.
        - Run `mibarai check` before shipping and read the reasons. A match can be a namesake or a relative at the
          same address: look at which fields matched before you decide.
        - A pay-later payment service (with credit checks and a guarantee) moves the risk off the shop.
        - Ship with tracking and a signature, so the shipment and its delivery are on record.
        - After repeated cash-on-delivery refusals, accept only prepayment from that customer.
        """
    )

    static let suspiciousText = Localized(
        ja: """
        一つだけでは不正の証拠になりません。いくつも重なるときに注意してください。
        - 局留め・営業所留め・コンビニ受取、転送サービスの住所、住宅でない住所 (商業施設、駅、ホテル)。
        - Gmail 以外のフリーメール、使い捨てメール、意味のない文字列のアドレス。
        - 氏名とフリガナが合わない、請求先と届け先がばらばら、つながらない・存在しない電話番号。
        - 転売しやすい高額商品ばかり、普段はセットで売れる商品を1点だけ、いつもと桁違いの数量。
        - 短い間に同じ住所や電話番号から、名前を変えた注文が続く。
        - 初めてのお客様が高額の後払いを選び、急ぎの発送を求める。
        """,
        en: """
        No single sign proves fraud; be careful when several come together.
        - Post-office or depot hold (局留め, 営業所留め), convenience-store pickup, a parcel-forwarding address, or an
          address that is not a home (a mall, a station, a hotel).
        - Free mail other than Gmail, disposable addresses, addresses of random letters.
        - A kana reading that does not fit the name, billing and shipping that disagree, a phone number that does
          not connect or cannot exist.
        - Only high-value, easily resold goods; a single item of what normally sells in sets; quantities far
          above the usual.
        - Orders in quick succession from one address or phone under different names.
        - A first-time customer choosing pay-later for a large order and asking for rushed shipping.
        """
    )

    static let recordsText = Localized(
        ja: """
        裁判所や警察では「いつ、何があったか」を書面で示せることが大切です。
        - 注文の記録 (注文日時、商品、金額、支払方法、注文者の入力した情報) をそのまま保存します。
        - 発送日、配送業者、追跡番号、配達完了の記録を残します。
        - 連絡のたびに case log で記録します: 送ったメール・書面、電話 (応答なしも)、返答、約束、入金、返送。
          日付は出来事の起きた日を --date で指定できます。記録は時系列の順にしか追加できません。
        - 送ったメールと書面の控え、内容証明の謄本と配達証明、返送された封筒は捨てずに保管します。
        - case evidence で、これらをまとめた経緯書 (HTML は印刷用、Markdown は編集用) を作れます。
        - 個人情報を含むため、経緯書は提出先にだけ渡し、他の店舗と共有しないでください。
        """,
        en: """
        Courts and the police need to see, on paper, what happened and when.
        - Keep the order as it came in (time, goods, amount, payment method, what the buyer typed).
        - Keep the ship date, carrier, tracking number and proof of delivery.
        - Log every contact with `case log`: mails and letters sent, calls (unanswered ones too), replies, promises,
          payments, returned letters. --date gives the day it happened; events can only be added in time order.
        - Keep copies of mails and letters, the 内容証明 copy and its proof of delivery, and returned envelopes.
        - `case evidence` puts it together as a record (HTML to print, Markdown to edit).
        - It holds personal data: give it only to the court or the police, never to other shops.
        """
    )
}
