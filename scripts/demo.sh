#!/usr/bin/env bash
# Mibarai demo: builds the node, creates one in a temporary directory, records sample reports and
# checks orders against them (one at a time and as a Shift_JIS CSV export). All people are made up,
# and everything the demo made is removed when it ends (MIBARAI_DEMO_KEEP=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-deps.sh
ensure_build_deps
swift build --product mibarai
M="$(swift build --product mibarai --show-bin-path)/mibarai"
DEMO="$(mktemp -d)"
NODE="$DEMO/node"
cleanup() { [ "${MIBARAI_DEMO_KEEP:-0}" = 1 ] || rm -rf "$DEMO"; }
trap cleanup EXIT
LANG_OPT=(--lang "${MIBARAI_DEMO_LANG:-ja}")
step() { printf '\n== %s\n' "$*"; }

step "mibarai init"
"$M" init --data-dir "$NODE" --node-id shop-demo "${LANG_OPT[@]}"

step "report add (未払い / non-payment)"
"$M" report add --data-dir "$NODE" "${LANG_OPT[@]}" --category non-payment --amount 48000 \
  --name "見本 太郎" --kana "ミホン タロウ" --postal-code 135-0045 \
  --address "東京都江東区古石場2丁目29番16号 見本ハイツ1203号室" --phone 090-1234-5678 \
  --email mihon.taro@docomo.ne.jp --order-ref A-1001 --order-date 2026-09-20 --incident-date 2026-10-20
step "report add (受取拒否 / COD refusal)"
"$M" report add --data-dir "$NODE" "${LANG_OPT[@]}" --category cod-refusal --amount 6500 \
  --name "試験 花子" --postal-code 503-8799 --address "岐阜県大垣市 大垣郵便局留め" --phone 080-2222-3333 \
  --incident-date 2026-11-02

step "check: the same person typed differently (全角・括弧・別表記)"
"$M" check --data-dir "$NODE" "${LANG_OPT[@]}" --name "見本　太郎様" --phone "０９０（１２３４）５６７８" \
  --address "江東区古石場二丁目29-16-1203" --postal-code "〒1350045"

step "check: a family member at the same address (住所のみ一致)"
"$M" check --data-dir "$NODE" "${LANG_OPT[@]}" --name "見本 次郎" --postal-code 135-0045 \
  --address "東京都江東区古石場2-29-16 見本ハイツ1203"

step "check --csv: a Shift_JIS export of three orders"
CSV="$(dirname "$NODE")/orders.csv"
python3 - "$CSV" <<'PY'
import sys
rows = ["注文番号,氏名,郵便番号,住所,電話番号,メールアドレス",
        "1001,無関係 一郎,100-0001,東京都千代田区千代田1-1,03-3333-4444,ichiro@example.jp",
        "1002,見本 太郎,135-0045,東京都江東区古石場2-29-16-1203,+81 90-1234-5678,MIHON.TARO@docomo.ne.jp",
        "1003,試験 花子,503-8799,岐阜県大垣市大垣郵便局 局留め,08022223333,"]
open(sys.argv[1], "wb").write(("\r\n".join(rows) + "\r\n").encode("cp932"))
PY
"$M" check --data-dir "$NODE" "${LANG_OPT[@]}" --csv "$CSV"

step "report withdraw → check finds nothing"
ID=$("$M" report list --data-dir "$NODE" --json | python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if r["category"]=="non-payment"][0])')
"$M" report withdraw --data-dir "$NODE" "${LANG_OPT[@]}" "$ID"
"$M" check --data-dir "$NODE" "${LANG_OPT[@]}" --phone 090-1234-5678

step "case: an unpaid 後払い order climbs the dunning ladder (未払い案件の督促)"
cat >> "$NODE/mibarai.toml" <<'TOML'

[shop]
name = "見本珈琲店"
representative = "店主 見本 一郎"
postal_code = "100-0001"
address = "東京都千代田区千代田1-1"
phone = "03-0000-0000"
bank_account = "見本銀行 本店 普通 0000000"
TOML
"$M" case open --data-dir "$NODE" "${LANG_OPT[@]}" --order-ref A-2001 --amount 12800 --order-date 2026-10-01 \
  --ship-date 2026-10-02 --carrier ヤマト運輸 --tracking 1234-5678-9012 --payment-method 後払い --items "珈琲豆 2kg" \
  --opened-on 2026-10-18 --name "見本 三郎" --postal-code 135-0045 --address "東京都江東区古石場2-29-16" --phone 090-5555-6666
"$M" case next --data-dir "$NODE" "${LANG_OPT[@]}"
"$M" case log 1 --data-dir "$NODE" "${LANG_OPT[@]}" --kind mail-sent --date 2026-10-18
"$M" case log 1 --data-dir "$NODE" "${LANG_OPT[@]}" --kind no-answer --date 2026-10-25
"$M" case log 1 --data-dir "$NODE" "${LANG_OPT[@]}" --kind mail-sent --date 2026-10-25
"$M" case log 1 --data-dir "$NODE" "${LANG_OPT[@]}" --kind mail-sent --date 2026-11-01
"$M" case log 1 --data-dir "$NODE" "${LANG_OPT[@]}" --kind letter-sent --date 2026-11-08
step "case letter: the 内容証明, laid out 20 characters × 26 lines"
"$M" case letter 1 --data-dir "$NODE" --naiyo-shomei
step "case evidence: the dated record for the police or a court"
"$M" case evidence 1 --data-dir "$NODE" "${LANG_OPT[@]}" --format html --output "$(dirname "$NODE")/case1.html"
"$M" case show 1 --data-dir "$NODE" "${LANG_OPT[@]}"

if [ "${MIBARAI_DEMO_KEEP:-0}" = 1 ]; then
  printf '\nnode (kept): %s\n' "$NODE"
else
  printf '\nThe demo node (%s) is removed now; MIBARAI_DEMO_KEEP=1 keeps it.\n' "$NODE"
fi
