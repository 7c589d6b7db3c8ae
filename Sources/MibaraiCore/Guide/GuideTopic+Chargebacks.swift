extension GuideTopic {
    static let chargebacksText = Localized(
        ja: """
        チャージバックは、カード会員がカード会社に売上の取消しを申し立て、カード会社が加盟店から代金を
        取り戻すことです。盗まれたカード番号での注文 (不正利用) では、商品を送ったうえに代金も戻るので、
        二重の損になります。

        本人認証 (EMV 3-D セキュア)
        - カード会社の画面で会員本人かを確かめる仕組みです。クレジットカード・セキュリティガイドラインにより、
          すべての EC 加盟店に導入が求められています。決済代行会社の管理画面で有効になっているか確かめてください。
        - 本人認証を通った取引の不正利用は、多くの場合カード会社の負担になります (決済代行会社の規約で確かめて
          ください)。認証を通らなかった注文、認証を省いた注文は送らないのが基本です。

        盗まれたカードの注文によくあるしるし (一つだけでは証拠になりません)
        - 注文者の名前とカードの名義が違う。届け先が局留め・営業所留め・転送サービス・空き家のような住所。
        - 転売しやすい高額品 (家電、ゲーム機、ブランド品、金券類) を多めに、急ぎの配送で。
        - 短い間に別々のカードで何度も決済を試す、少額の決済が何度も失敗する (カード番号の試し打ち)。
        - 同じ届け先や電話番号で、名前やカードを変えた注文が続く。注文の後で届け先を変えたがる。

        怪しいときは
        - 発送を止め、確認の電話をします (mibarai guide call)。つながらなければ送りません。
        - 発送してしまったら、運送会社に連絡して配達を止められるか聞きます。
        - 不正利用とわかったら注文を取り消し、決済代行会社に伝えます。カード会員も被害者です。

        チャージバックの通知が来たら
        - 決済代行会社の期限までに、反証の資料を出します: 本人認証の結果、注文の記録、配達完了の記録
          (受領印・追跡番号)、お客様とのやり取り。記録は mibarai case evidence でまとめられます。
        - 「届いていない」「注文していない」と言う本人 (カードの持ち主) が実際に受け取っていた場合は、
          記録を添えて争えます。
        - 盗まれたカードによる注文では、届け先の名前や電話番号は、カードの持ち主とは別人のものか、無関係な
          人のものかもしれません。Mibarai には、記録で確かめた事実だけを「チャージバック」または「不正注文」
          として報告し、名義を使われた人を報告しないでください。
        - 商品をだまし取られた被害は、警察署に相談できます (緊急でなければ #9110)。

        この手引きは一般的な説明です。細かな条件は決済代行会社・カード会社の規約に従ってください。
        """,
        en: """
        A chargeback is a card holder disputing a sale with their card issuer, which then takes the money back
        from the shop. An order paid with a stolen card number costs twice: the goods are gone and the money is
        taken back.

        Authentication (EMV 3-D Secure)
        - The issuer checks, on its own page, that the card holder is the one paying. Japan's credit card security
          guidelines require every online shop to use it: check in your payment provider's dashboard that it is on.
        - Fraud on a sale that passed authentication is usually the issuer's loss (check your provider's terms).
          Do not ship orders that failed or skipped authentication.

        Common signs of a stolen card (none is proof alone)
        - The buyer's name is not the card holder's. Delivery to a post-office or depot hold, a forwarding service,
          or an address that looks empty.
        - Easily resold, expensive goods (electronics, game consoles, brands, gift cards), several of them, rushed.
        - Many payment attempts with different cards in a short time, or many small payments that fail (someone
          testing card numbers).
        - Orders to one address or phone under changing names or cards; a wish to change the address after
          ordering.

        When an order looks wrong
        - Hold the shipment and call to confirm (mibarai guide call). If you cannot reach the buyer, do not ship.
        - If it has shipped, ask the carrier whether the delivery can be stopped.
        - When it is fraud, cancel the order and tell your payment provider. The card holder is a victim too.

        When a chargeback arrives
        - Answer before your provider's deadline with the evidence: the authentication result, the order record,
          proof of delivery (signature, tracking) and your messages with the customer. mibarai case evidence puts
          the record together.
        - When the card holder says "not received" or "not ordered" but did receive the goods, your records let
          you contest it.
        - With a stolen card, the name and phone on the order may belong to someone else, or to a person who has
          nothing to do with it. Report to Mibarai as "chargeback" or "fraudulent order" only facts your records
          show, and never report the person whose name was used.
        - Goods obtained by deception can be reported to the police (#9110 when it is not an emergency).

        This is general practice; your payment provider's and the card issuers' terms decide the details.
        """
    )
}
