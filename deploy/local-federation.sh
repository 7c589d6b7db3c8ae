#!/usr/bin/env bash
# A local federation on loopback under the policy replicas = "hubs": an operator, one hub and
# three shops, each a separate `mibarai serve` process with its own data directory and ports, and a
# fourth shop that runs no server and takes part with `mibarai sync` and `mibarai check` only (the
# way a small shop joins). Every member reaches the hub over mutual TLS; a report recorded at one
# shop is found at another through the hub, which holds every shop's blinded records and no key,
# while each shop holds its own reports and the key; the hub's audit shows who asked how much; a
# node of another federation is refused in the handshake. Stops everything on exit.
#
#   ./deploy/local-federation.sh            # builds mibarai (debug) if needed, runs, cleans up
#   KEEP=1 ./deploy/local-federation.sh     # keep the directory to look at
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-deps.sh
ensure_build_deps
command -v curl >/dev/null 2>&1 || install_missing curl
swift build --product mibarai >/dev/null
M="$(swift build --product mibarai --show-bin-path)/mibarai"
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "kept: $WORK"; fi
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

step "operator: federation root and log key; other shops' records are kept at the hubs only (the default)"
"$M" federation init --operator-dir "$WORK/operator" --name local-assoc --lang en
"$M" federation init --operator-dir "$WORK/other-operator" --name other-assoc --lang en >/dev/null

join() { # name role region operator-dir
    "$M" init --data-dir "$WORK/$1" --node-id "$1" --lang en >/dev/null
    "$M" node csr --data-dir "$WORK/$1" --output "$WORK/$1.req" --lang en >/dev/null
    "$M" federation issue "$WORK/$1.req" --operator-dir "$4" --role "$2" --region "$3" --output "$WORK/$1.bundle" --lang en >/dev/null
    "$M" node join "$WORK/$1.bundle" --data-dir "$WORK/$1" --lang en
}
step "members join: one hub, three shops (and a stranger from another federation)"
join hub-kanto hub kanto "$WORK/operator"
join shop-a shop kanto "$WORK/operator"
join shop-b shop kanto "$WORK/operator"
join shop-c shop kinki "$WORK/operator"
join shop-d shop kanto "$WORK/operator"
join shop-stranger shop kanto "$WORK/other-operator"

step "each node serves on its own loopback ports"
declare -A FED GOSSIP
start() { # name [peer]
    local peer=()
    [ -n "${2:-}" ] && peer=(--peer "$2")
    "$M" serve --data-dir "$WORK/$1" --api-port 0 --federation-host 127.0.0.1 --federation-port 0 \
        --gossip-port 0 --gossip-interval 1 "${peer[@]}" >"$WORK/$1.out" 2>"$WORK/$1.err" &
    PIDS+=($!)
    for _ in $(seq 1 200); do
        port=$(sed -n 's|.*federation listener on https://127.0.0.1:\([0-9]*\).*|\1|p' "$WORK/$1.out")
        gossip=$(sed -n 's|.*gossip on 127.0.0.1:\([0-9]*\).*|\1|p' "$WORK/$1.out")
        [ -n "$port" ] && [ -n "$gossip" ] && break
        sleep 0.1
    done
    [ -n "$port" ] && [ -n "$gossip" ] || { echo "$1 did not start"; cat "$WORK/$1.err"; exit 1; }
    FED[$1]=$port
    GOSSIP[$1]=$gossip
    echo "$1: federation listener on 127.0.0.1:$port, gossip on 127.0.0.1:$gossip"
}
start hub-kanto
# Each shop looks other shops' reports up at the hub's federation listener ([federation] hubs).
for n in shop-a shop-b shop-c shop-d; do
    sed -i "s|^hubs = \\[\\]|hubs = [\"hub-kanto@127.0.0.1:${FED[hub-kanto]}\"]|" "$WORK/$n/mibarai.toml"
done
for n in shop-a shop-b shop-c; do start "$n" "hub-kanto@127.0.0.1:${GOSSIP[hub-kanto]}"; done

hello() { # client server
    curl -sS --max-time 10 --cert "$WORK/$1/federation/node.pem" --key "$WORK/$1/tls.key" \
        --cacert "$WORK/$1/federation/root.pem" --resolve "$2:${FED[$2]}:127.0.0.1" \
        "https://$2:${FED[$2]}/v1/federation/hello"
}
step "members reach the hub and one another over mutual TLS"
for c in shop-a shop-b shop-c; do
    out=$(hello "$c" hub-kanto)
    echo "$c → hub-kanto: $out"
    echo "$out" | grep -q "\"name\":\"$c\"" || { echo "unexpected answer"; exit 1; }
done
out=$(hello hub-kanto shop-a); echo "hub-kanto → shop-a: $out"

step "a report recorded at shop-a is found at shop-c through the hub (only blinded tokens travel)"
"$M" report add --data-dir "$WORK/shop-a" --category non-payment --amount 12800 --phone 090-1234-5678 \
    --address "東京都江東区古石場2-29-16" --incident-date 2026-11-01 --lang en
found=""
for _ in $(seq 1 60); do
    if "$M" check --data-dir "$WORK/shop-c" --phone 090-1234-5678 --json | grep -q '"origin":"shop-a"'; then found=1; break; fi
    sleep 0.5
done
[ -n "$found" ] || { echo "shop-c never saw shop-a's report"; cat "$WORK/shop-a.err" "$WORK/hub-kanto.err"; exit 1; }
"$M" check --data-dir "$WORK/shop-c" --phone 090-1234-5678 --address "東京都江東区古石場2-29-16" --lang en || true

step "shop-d runs no server: mibarai sync hands over its report, and its checks ask the hub"
"$M" report add --data-dir "$WORK/shop-d" --category cod-refusal --amount 1800 --phone 080-2468-1357 \
    --incident-date 2026-11-02 --lang en >/dev/null
"$M" sync --data-dir "$WORK/shop-d" --peer "hub-kanto@127.0.0.1:${GOSSIP[hub-kanto]}" --lang en
"$M" check --data-dir "$WORK/shop-d" --phone 090-1234-5678 --json | grep -q '"origin":"shop-a"' \
    || { echo "shop-d does not find shop-a's report"; exit 1; }
echo "shop-d finds shop-a's report through the hub"
found=""
for _ in $(seq 1 60); do
    if "$M" check --data-dir "$WORK/shop-c" --phone 080-2468-1357 --json | grep -q '"origin":"shop-d"'; then found=1; break; fi
    sleep 0.5
done
[ -n "$found" ] || { echo "shop-c never saw shop-d's report"; exit 1; }
echo "shop-c (running serve) finds shop-d's report"

step "the hub's audit: who looked up how much (never what)"
"$M" audit --data-dir "$WORK/hub-kanto" --lang en

step "a node of another federation is refused in the handshake"
if curl -sS --max-time 10 --cert "$WORK/shop-stranger/federation/node.pem" --key "$WORK/shop-stranger/tls.key" \
    --cacert "$WORK/hub-kanto/federation/root.pem" --resolve "hub-kanto:${FED[hub-kanto]}:127.0.0.1" \
    "https://hub-kanto:${FED[hub-kanto]}/v1/federation/hello" 2>"$WORK/stranger.err"; then
    echo "the stranger got in"; exit 1
fi
echo "refused: $(head -c 200 "$WORK/stranger.err")"
step "done"
