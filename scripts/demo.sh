#!/usr/bin/env bash
# Mibarai demo: the whole promise on one machine. An operator, a hub and two shops run as real
# processes on loopback; a report made at shop A is found by shop B, with the time it took; the
# script then checks that no name, phone, e-mail or address of the person reached shop B's or the
# hub's files. After that, single-shop steps: a Shift_JIS CSV export screened, and an unpaid order
# taken up the dunning ladder to its 内容証明. Every person in it is made up, and everything the
# demo made is removed when it ends.
#
#   ./scripts/demo.sh                      # Japanese
#   MIBARAI_DEMO_LANG=en ./scripts/demo.sh # English
#   MIBARAI_DEMO_KEEP=1 ./scripts/demo.sh  # keep the directory to look at
#   MIBARAI_DEMO_BUILD=release ./scripts/demo.sh # the release build (slower to build: about twice as long)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-deps.sh
ensure_build_deps

LANG_CODE="${MIBARAI_DEMO_LANG:-ja}"
BUILD="${MIBARAI_DEMO_BUILD:-debug}"
say() { if [ "$LANG_CODE" = en ]; then printf '%s\n' "$2"; else printf '%s\n' "$1"; fi; }
step() { printf '\n== '; say "$1" "$2"; }
now_ms() { date +%s%3N; }

STARTED=$(now_ms)
step "mibarai をビルドします ($BUILD)" "Building mibarai ($BUILD)"
swift build -c "$BUILD" --product mibarai
M="$(swift build -c "$BUILD" --product mibarai --show-bin-path)/mibarai"
L=(--lang "$LANG_CODE")

DEMO="$(mktemp -d)"
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    if [ "${MIBARAI_DEMO_KEEP:-0}" = 1 ]; then
        say "デモのディレクトリを残しました: $DEMO" "The demo directory is kept: $DEMO"
    else
        rm -rf "$DEMO"
    fi
}
trap cleanup EXIT
fail() { say "失敗: $1" "Failed: $2" >&2; exit 1; }

step "運営者がネットワークを作ります (鍵は運営者の手元だけに置きます)" \
     "The operator creates the network (its keys stay with the operator)"
"$M" federation init --operator-dir "$DEMO/operator" --name demo-network "${L[@]}" >/dev/null
say "運営者: $DEMO/operator" "operator: $DEMO/operator"

join() { # name role
    "$M" init --data-dir "$DEMO/$1" --node-id "$1" "${L[@]}" >/dev/null
    "$M" node csr --data-dir "$DEMO/$1" --output "$DEMO/$1.req" "${L[@]}" >/dev/null
    "$M" federation issue "$DEMO/$1.req" --operator-dir "$DEMO/operator" --role "$2" --region kanto \
        --output "$DEMO/$1.bundle" "${L[@]}" >/dev/null
    "$M" node join "$DEMO/$1.bundle" --data-dir "$DEMO/$1" "${L[@]}" >/dev/null
    say "参加: $1 ($2)" "joined: $1 ($2)"
}
step "ハブと 2 つの店舗が参加します (申請 → 運営者の承認 → 参加)" \
     "A hub and two shops join (request → the operator admits → join)"
join hub hub
join shop-a shop
join shop-b shop

declare -A GOSSIP FED
start() { # name [peer]
    local peer=() gossip="" fed=""
    [ -n "${2:-}" ] && peer=(--peer "$2")
    "$M" serve --data-dir "$DEMO/$1" --api-port 0 --federation-host 127.0.0.1 --federation-port 0 \
        --gossip-port 0 --gossip-interval 1 "${peer[@]}" >"$DEMO/$1.out" 2>"$DEMO/$1.err" &
    PIDS+=($!)
    for _ in $(seq 1 300); do
        gossip=$(sed -n 's|.*gossip on 127.0.0.1:\([0-9]*\).*|\1|p' "$DEMO/$1.out")
        fed=$(sed -n 's|.*federation listener on https://127.0.0.1:\([0-9]*\).*|\1|p' "$DEMO/$1.out")
        [ -n "$gossip" ] && [ -n "$fed" ] && break
        sleep 0.1
    done
    [ -n "$gossip" ] || { cat "$DEMO/$1.err" >&2; fail "$1 が起動しませんでした" "$1 did not start"; }
    GOSSIP[$1]=$gossip
    FED[$1]=$fed
    say "起動: $1 (127.0.0.1:$gossip で相互 TLS)" "started: $1 (mutual TLS on 127.0.0.1:$gossip)"
}
step "3 つのノードがそれぞれ別のプロセスとして動きます" "Three nodes run, each its own process"
start hub
# The network keeps other shops' records at the hub only (replicas = "hubs", the default of
# `federation init`): each shop looks them up at the hub's federation listener.
for n in shop-a shop-b; do
    sed -i "s|^hubs = \\[\\]|hubs = [\"hub@127.0.0.1:${FED[hub]}\"]|" "$DEMO/$n/mibarai.toml"
done
start shop-a "hub@127.0.0.1:${GOSSIP[hub]}"
start shop-b "hub@127.0.0.1:${GOSSIP[hub]}"

# The made-up person shop A reports, and the same person as shop B's next order types it.
NAME="見本 太郎"; KANA="ミホン タロウ"; PHONE="090-1234-5678"; EMAIL="mihon.taro@docomo.ne.jp"
POSTAL="135-0045"; ADDRESS="東京都江東区古石場2丁目29番16号 見本ハイツ1203号室"

step "店舗 A: 代金を払わない客 ($NAME、¥48,000) を報告します" \
     "Shop A reports a customer who never paid ($NAME, ¥48,000)"
"$M" report add --data-dir "$DEMO/shop-a" "${L[@]}" --category non-payment --amount 48000 \
    --name "$NAME" --kana "$KANA" --postal-code "$POSTAL" --address "$ADDRESS" --phone "$PHONE" \
    --email "$EMAIL" --order-ref A-1001 --order-date 2026-09-20 --incident-date 2026-10-20
REPORTED=$(now_ms)

step "店舗 B: 同じ人の新しい注文を、別の書き方のまま確かめます" \
     "Shop B checks a new order from the same person, typed another way"
CHECK_B=(--name "見本　太郎様" --phone "０９０（１２３４）５６７８" --postal-code "〒1350045"
         --address "江東区古石場二丁目29-16-1203")
arrived=""
while [ $(( $(now_ms) - REPORTED )) -lt 60000 ]; do
    if "$M" check --data-dir "$DEMO/shop-b" "${CHECK_B[@]}" --json | grep -q '"origin":"shop-a"'; then
        arrived=$(now_ms); break
    fi
    sleep 0.1
done
[ -n "$arrived" ] || { cat "$DEMO/shop-a.err" "$DEMO/hub.err" >&2; fail "店舗 A の報告が 60 秒以内に店舗 B に届きませんでした" "shop A's report did not reach shop B within 60 s"; }
SECONDS_TAKEN=$(awk -v ms=$(( arrived - REPORTED )) 'BEGIN { printf "%.1f", ms / 1000 }')
"$M" check --data-dir "$DEMO/shop-b" "${CHECK_B[@]}" "${L[@]}" || true
say ">> 店舗 A の報告は ${SECONDS_TAKEN} 秒で店舗 B に届きました (ハブ経由)。" \
    ">> Shop A's report reached shop B in ${SECONDS_TAKEN} s (through the hub)."

step "店舗 B とハブのファイルに、この人の氏名・電話番号・メール・住所がないことを確かめます" \
     "Checking that shop B's and the hub's files hold no name, phone, e-mail or address of the person"
# Each value as shop A typed it (its own files must hold these: that shows the search sees text
# inside the SQLite files at all), then the forms the node derives from them (digits only, the
# postal code without its hyphen), which no file may hold either.
TYPED=("見本" "ミホン" "090-1234-5678" "mihon.taro" "古石場" "135-0045")
DERIVED=("09012345678" "1234-5678" "1350045" "ﾐﾎﾝ" "MIHON")
holds() { # dir needle
    grep -r -a -F -q -- "$2" "$1"
}
for needle in "${TYPED[@]}"; do
    holds "$DEMO/shop-a" "$needle" || fail "店舗 A のファイルに「$needle」が見つからず、検査が成り立ちません" \
        "shop A's own files do not hold \"$needle\", so the search proves nothing"
done
for node in shop-b hub; do
    files=$(find "$DEMO/$node" -type f | wc -l)
    bytes=$(du -sk "$DEMO/$node" | cut -f1)
    for needle in "${TYPED[@]}" "${DERIVED[@]}"; do
        if holds "$DEMO/$node" "$needle"; then
            fail "$node のファイルに「$needle」が含まれています" "$node's files hold \"$needle\""
        fi
    done
    say ">> $node: ${files} ファイル (${bytes} KB) のどこにも、氏名・読み・電話番号・メール・住所・郵便番号はありません。" \
        ">> $node: none of its ${files} files (${bytes} KB) holds the name, reading, phone, e-mail, address or postal code."
done
say "   (店舗 A 自身のファイルには、報告した本人として同じ値があります。届くのは鍵付きのハッシュ値だけです。)" \
    "   (Shop A's own files hold those values, as the shop that reported them. Only keyed hashes travel.)"

step "ここからは店舗 A だけで: Shift_JIS の CSV 出力 (3 件) をまとめて確かめます" \
     "From here, shop A alone: a Shift_JIS CSV export of three orders, checked in one go"
CSV="$DEMO/orders.csv"
python3 - "$CSV" <<'PY'
import sys
rows = ["注文番号,氏名,郵便番号,住所,電話番号,メールアドレス",
        "1001,無関係 一郎,100-0001,東京都千代田区千代田1-1,03-3333-4444,ichiro@example.jp",
        "1002,見本 太郎,135-0045,東京都江東区古石場2-29-16-1203,+81 90-1234-5678,MIHON.TARO@docomo.ne.jp",
        "1003,見本 次郎,135-0045,東京都江東区古石場2-29-16 見本ハイツ1203,03-5555-6666,"]
open(sys.argv[1], "wb").write(("\r\n".join(rows) + "\r\n").encode("cp932"))
PY
"$M" check --data-dir "$DEMO/shop-a" "${L[@]}" --csv "$CSV" || true

step "未払いの後払い注文を督促の段階に沿って進めます" "An unpaid pay-later order climbs the dunning ladder"
cat >> "$DEMO/shop-a/mibarai.toml" <<'TOML'

[shop]
name = "山桜珈琲店"
representative = "店主 山桜 一郎"
postal_code = "100-0001"
address = "東京都千代田区千代田1-1"
phone = "03-0000-0000"
bank_account = "見本銀行 本店 普通 0000000"
TOML
"$M" case open --data-dir "$DEMO/shop-a" "${L[@]}" --order-ref A-2001 --amount 12800 --order-date 2026-10-01 \
  --ship-date 2026-10-02 --carrier ヤマト運輸 --tracking 1234-5678-9012 --payment-method 後払い --items "珈琲豆 2kg" \
  --opened-on 2026-10-18 --name "見本 三郎" --postal-code 135-0045 --address "東京都江東区古石場2-29-16" --phone 090-5555-6666
for e in "mail-sent 2026-10-18" "no-answer 2026-10-25" "mail-sent 2026-10-25" "mail-sent 2026-11-01" "letter-sent 2026-11-08"; do
    set -- $e
    "$M" case log 1 --data-dir "$DEMO/shop-a" "${L[@]}" --kind "$1" --date "$2" >/dev/null
done
"$M" case next --data-dir "$DEMO/shop-a" "${L[@]}"
step "内容証明 (1 行 20 字 × 26 行に割り付け済み)" "The 内容証明, laid out 20 characters × 26 lines"
"$M" case letter 1 --data-dir "$DEMO/shop-a" --naiyo-shomei
"$M" case evidence 1 --data-dir "$DEMO/shop-a" "${L[@]}" --format html --output "$DEMO/case1.html"
say "経緯書 (警察・裁判所向けの時系列): $DEMO/case1.html" "The dated record for the police or a court: $DEMO/case1.html"

TOTAL=$(awk -v ms=$(( $(now_ms) - STARTED )) 'BEGIN { printf "%.0f", ms / 1000 }')
step "終わり (${TOTAL} 秒、ビルドを含む)" "Done (${TOTAL} s, the build included)"
say "店舗をまたいだ照合: ${SECONDS_TAKEN} 秒。デモで作ったものはすべて消します (MIBARAI_DEMO_KEEP=1 で残せます)。" \
    "Cross-shop match: ${SECONDS_TAKEN} s. Everything the demo made is removed now (MIBARAI_DEMO_KEEP=1 keeps it)."
