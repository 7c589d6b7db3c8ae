#!/usr/bin/env bash
# Mibarai demo: builds the node, creates one in a temporary directory, records sample reports and
# checks orders against them (one at a time and as a Shift_JIS CSV export). All people are made up.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-deps.sh
ensure_deps
swift build --product mibarai
M="$(swift build --product mibarai --show-bin-path)/mibarai"
NODE="$(mktemp -d)/node"
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

printf '\nnode: %s\n' "$NODE"
