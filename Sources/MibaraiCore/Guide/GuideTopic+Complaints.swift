extension GuideTopic {
    static let complaintsText = Localized(
        ja: """
        ほとんどのクレームは、商品やお店への正当な不満です。まず丁寧に聞き、事実を確かめてから答えます。
        悪質なクレーム (返金や金品を脅し取ろうとするもの) と見分けるのは、要求の中身と手段です。

        前もって決めておくこと (対応方針)
        - 返品・交換・返金の条件を「特定商取引法に基づく表記」に返品特約として書いておきます。通信販売には
          クーリング・オフがなく、返品特約を表示していれば、その特約が基準になります (表示がなければ、商品の
          受取から8日以内なら、お客様の送料負担で返品できます)。
        - 誰が対応するか、どこまでは担当者が決めてよいか、どこからは店主が判断するかを決めておきます。
        - 「しないこと」を決めておきます: 特約や法律を超える返金、商品代金を超える慰謝料や「お詫び料」、
          現金の手渡し、その場での念書・謝罪文、電話口での約束。

        三現主義: 現場・現物・現実で確かめる
        - 現物: 不良や破損の訴えには、写真か商品そのものの返送をお願いし、自分の目で確かめます。
        - 現場: 注文の記録、発送の記録、配達完了の記録 (追跡番号・受領印)、これまでのやり取りを確認します。
        - 現実: 確かめた事実だけで判断します。本当に商品に問題があれば、特約どおり交換・返金し、謝ります。
          事実と違う訴えには、確かめた事実を添えて、書面 (メール) で落ち着いて答えます。

        悪質なクレームのしるし
        - 商品の返送や写真を拒みながら返金だけを求める。「届いていない」と言うが配達記録と合わない。
        - 商品代金を超える金銭、特別扱い、謝罪文、土下座などを求める。
        - 大声・長時間・深夜の電話、何度も繰り返す電話、「SNS や口コミに書く」「会社に乗り込む」などの脅し。

        そうなったら
        - 一人で対応しません。やり取りはメールに移し、電話は録音することを伝えたうえで記録します
          (日時・相手・内容)。案件にして case log で記録を残せます。
        - 同じ要求には同じ答えを繰り返し、方針を超える約束はしません。払わないと決めたものは払いません。
        - 脅しや居座り、業務を止めるほどの電話は、警察に相談します (緊急でなければ #9110)。金銭を脅し取ろうと
          するのは恐喝にあたることがあります。弁護士に対応を任せることもできます。
        - 事実が記録で確かめられた悪質クレームだけを「悪質クレーム」として Mibarai に報告します。
          不満を言っただけのお客様は報告しません。報告された人は異議を申し立てられます。

        参考: 厚生労働省「カスタマーハラスメント対策企業マニュアル」。この手引きは法律相談ではありません。
        """,
        en: """
        Most complaints are fair: something went wrong with the goods or the shop. Listen first, check the facts,
        then answer. What marks an abusive complaint (one that tries to extort a refund or money) is what it
        demands and how.

        Decide in advance (a response policy)
        - Write your return, exchange and refund terms as a return clause (返品特約) in your 特定商取引法 notice.
          Mail-order sales have no cooling-off period; a displayed return clause is what applies (without one,
          goods can be returned within eight days of delivery at the customer's cost).
        - Decide who answers complaints, what they may decide alone, and what goes to the owner.
        - Decide what you never do: refunds beyond your terms or the law, "compensation" or "apology money"
          beyond the price, cash handed over, written apologies or promises on the spot, promises by phone.

        Check three things on the spot (三現主義: the place, the thing, the facts)
        - The thing: for a defect or damage, ask for photos or for the item back, and look yourself.
        - The place: your order record, shipping record, proof of delivery (tracking, signature) and the mails
          exchanged so far.
        - The facts: decide on what you checked. If the goods were at fault, exchange or refund as your terms
          say, and apologise. If the claim does not match the facts, answer calmly in writing (mail) with them.

        Signs of an abusive complaint
        - A refund demanded while the item is not sent back or shown; "never arrived" against a delivery record.
        - Money beyond the price, special treatment, a written apology, kneeling.
        - Loud, long, late-night or repeated calls; threats ("I'll post it everywhere", "I'll come to your office").

        When it happens
        - Do not handle it alone. Move to mail; say that calls are recorded, and record them (date, who, what).
          Open a case and keep the record with case log.
        - Give the same answer to the same demand; promise nothing beyond your policy; do not pay what you
          decided not to pay.
        - For threats, refusal to leave, or calls that stop your work, talk to the police (#9110 when it is not an
          emergency): demanding money with threats can be extortion (恐喝). A lawyer can take it over.
        - Report to Mibarai as "malicious complaint" only an abusive complaint your records prove. Never report a
          customer who merely complained. A person who is reported can dispute it.

        Reference: the Ministry of Health, Labour and Welfare's manual on customer harassment (カスタマーハラスメント
        対策企業マニュアル). This guide is not legal advice.
        """
    )
}
