extension GuideTopic {
    static let callText = Localized(
        ja: """
        「保留」や「要確認」と判定された注文は、送る前にお客様へ電話して、注文が本物かを確かめます。
        疑っていることを伝える電話ではなく、注文内容を確かめる普通の電話です。mibarai check の結果には、
        一致した項目に合わせた台本が付いています。

        かけ方
        - 注文に書かれた電話番号にかけます。ほかで調べた番号にはかけません。
        - 店名と、注文の確認でかけていることを名乗ります。
        - 確かめること: 注文者のお名前、注文した商品と数量、届け先の住所、支払方法、届け希望日。
          台本は、判定の理由に関わる項目だけを聞くようにできています。
        - 話さないこと: 照合したこと、ほかの店の報告があること、Mibarai のこと。報告の内容は言いません
          (同姓同名や家族かもしれません。報告は本人に確かめるための情報ではありません)。
        - カード番号や暗証番号、身分証明書の写しは求めません。

        結果に応じて
        - 本人が注文を認め、内容が合えば、いつもどおり送ります。後払いが心配なら前払いに変えてもらう相談をします。
        - つながらなければ、メールでも確認をお願いし、2〜3日待ちます。それでも確かめられなければ、送らずに
          取消しをお知らせします。
        - 「注文していない」と言われたら、その人は名前や番号を使われた被害者かもしれません。送らずに注文を取り消し、
          その人を報告しないでください。
        - 電話の日時と結果は記録します (案件にしていれば case log)。

        この手引きは一般的な進め方の説明で、法律相談ではありません。
        """,
        en: """
        An order screened "hold" or "review" is confirmed by phone before it ships. The call checks the order; it
        does not accuse anyone. `mibarai check` prints a script for each such order, fitted to the fields that
        matched.

        How to call
        - Call the number on the order, never one found elsewhere.
        - Give the shop's name and say you are calling to confirm an order.
        - Confirm: the buyer's name, the goods and quantity, the delivery address, the payment method, and a
          delivery date. The script asks only what the screening's reasons make worth confirming.
        - Never mention the screening, other shops' reports or Mibarai, and never say what a report says (it may be
          a namesake or a relative; a report is not something to put to the customer).
        - Never ask for a card number, a PIN or a copy of an ID.

        After the call
        - The buyer confirms and the details agree: ship as usual. If pay-later still worries you, offer prepayment.
        - No answer: ask by mail as well and wait two or three days; if the order still cannot be confirmed, cancel
          it and say so, without shipping.
        - "I never ordered this": that person may be the victim of someone using their name or number. Cancel the
          order without shipping, and never report that person.
        - Record the date and result of the call (with case log when the order has a case).

        This guide describes common practice; it is not legal advice.
        """
    )
}
