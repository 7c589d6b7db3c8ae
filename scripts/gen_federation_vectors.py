#!/usr/bin/env python3
"""Writes Protocol/vectors/federation/*.jsonl: federation log entries, a chain with the verdict on
each entry, version-vector digests and one exchange, computed from Protocol/federation.md alone
(independently of the Swift code). Needs python3-cryptography (Ed25519, X25519, ChaCha20-Poly1305).

Ed25519 signatures are deterministic, and the HPKE ephemeral keys here are fixed, so every byte is
reproducible: run it again only when the spec changes (for version 1 it never should).
"""
import hashlib, hmac, json, os, struct
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives import serialization

OUT = os.path.join(os.path.dirname(__file__), "..", "Protocol", "vectors", "federation")
RAW = dict(encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw)

# ---- encodings (federation.md, "Encoding") -------------------------------------------------
def u8(v): return struct.pack(">B", v)
def u16(v): return struct.pack(">H", v)
def u32(v): return struct.pack(">I", v)
def u64(v): return struct.pack(">Q", v)
def varint(v):
    out = b""
    while v >= 0x80:
        out += bytes([(v & 0x7F) | 0x80]); v >>= 7
    return out + bytes([v])
def short(s):
    b = s.encode("utf-8"); assert len(b) <= 255
    return u8(len(b)) + b

KINDS = {"publish": 1, "status": 2, "withdraw": 3, "review_answer": 4, "admit": 64, "epoch_key": 65, "revoke": 66, "suppress": 67,
         "lift": 68, "review_request": 69, "policy": 70, "usage": 6, "quota": 71}
STATUS = {"open": 1, "paid": 2, "settled": 3, "withdrawn": 4, "disputed": 5}
CATEGORY = {"non-payment": 1, "cod-refusal": 2, "chargeback": 3}
TOKEN = {"phone": 1, "email": 2, "name_address": 3, "kana_address": 4, "address": 5}
ROLE = {"shop": 1, "hub": 2}
REASON = {"key_compromise": 1, "left_federation": 2, "misbehaviour": 3}
SUPPRESSION_REASON = {"impersonation": 1}
REQUEST_KIND = {"disclosure": 1, "correction": 2, "stop-use": 3}
ANSWER = {"kept": 1, "corrected": 2, "withdrawn": 3}
POLICY_SETTING = {"replicas": 1, "lookup_daily_quota": 2, "lookup_burst": 3}
REPLICAS = {"all": 1, "hubs": 2}
DOMAIN = b"mibarai/log-entry/v1\x00"

def days_since_epoch(y, m, d):
    import datetime
    return (datetime.date(y, m, d) - datetime.date(1970, 1, 1)).days

def body_publish(f):
    b = bytes.fromhex(f["id"]) + u32(f["epoch"]) + u8(CATEGORY[f["category"]]) + u64(f["amount_yen"])
    y, m = map(int, f["month"].split("-"))
    b += u16(y) + u8(m) + u8(STATUS[f["status"]]) + u32(days_since_epoch(*map(int, f["expires_on"].split("-"))))
    b += u8(len(f["tokens"]))
    for t in f["tokens"]:
        b += u8(TOKEN[t["type"]]) + bytes.fromhex(t["value"])
    return b

def replicas_of(settings):
    """Version 5 ("Policy"): the `replicas` a receiver takes from a valid `policy` body's settings
    (`all` when setting 1 is absent); raises ValueError where the body would not decode."""
    codes = [s["code"] for s in settings]
    if not 1 <= len(settings) <= 32: raise ValueError("count")
    if any(not 1 <= c <= 255 for c in codes): raise ValueError("setting code 0 is reserved")
    if codes != sorted(set(codes)): raise ValueError("settings not strictly ascending")
    if any(not 0 <= s["value"] < 2**64 for s in settings): raise ValueError("value")
    known = {c: n for n, c in REPLICAS.items()}
    for s in settings:
        if s["code"] == POLICY_SETTING["replicas"]:
            if s["value"] not in known: raise ValueError("replicas value")
            return known[s["value"]]
    return "all"  # unknown settings are ignored; settings 2 and 3 take any u64 (checked above)

def body_policy(f):
    """Version 5. `settings` are encoded as given: the refused vectors of chain_policy.jsonl break
    the rules on purpose (so the node's decoder, not this script, must find what is wrong). A
    line of entries.jsonl names `replicas` too, the meaning a receiver takes: checked here."""
    if "replicas" in f:
        assert replicas_of(f["settings"]) == f["replicas"]
    return u8(len(f["settings"])) + b"".join(u8(s["code"]) + u64(s["value"]) for s in f["settings"])

def body_quota(f):
    """Version 5 ("Lookup quotas"): `member (32) || daily u64 || burst u64`, 48 bytes; 0 = no limit."""
    assert 0 <= f["daily"] < 2**64 and 0 <= f["burst"] < 2**64
    return bytes.fromhex(f["member"]) + u64(f["daily"]) + u64(f["burst"])

def check_usage(f):
    """Version 5: raises ValueError where a `usage` body would not decode (1 <= count <= 1,024,
    members strictly ascending by bytes, day <= 2,932,896, identities a u64)."""
    members = [bytes.fromhex(u["member"]) for u in f["usage"]]
    if not 1 <= len(members) <= 1024: raise ValueError("count")
    if members != sorted(set(members)): raise ValueError("members not strictly ascending")
    if any(len(m) != 32 for m in members): raise ValueError("member")
    if not 0 <= days_since_epoch(*map(int, f["day"].split("-"))) <= 2_932_896: raise ValueError("day")
    if any(not 0 <= u["identities"] < 2**64 for u in f["usage"]): raise ValueError("identities")

def body_usage(f):
    """Version 5. Members are encoded as given: the refused vectors of chain_quota.jsonl break the
    rules on purpose (so the node's decoder, not this script, must find what is wrong); the line of
    entries.jsonl is checked with check_usage where it is made."""
    b = u32(days_since_epoch(*map(int, f["day"].split("-")))) + u16(len(f["usage"]))
    return b + b"".join(bytes.fromhex(u["member"]) + u64(u["identities"]) for u in f["usage"])

def body(kind, f):
    if kind == "publish": return body_publish(f)
    if kind == "status": return bytes.fromhex(f["id"]) + u8(STATUS[f["status"]])
    if kind == "withdraw": return bytes.fromhex(f["id"])
    if kind == "admit":
        return (bytes.fromhex(f["member"]) + bytes.fromhex(f["sealing_key"]) + u8(ROLE[f["role"]])
                + short(f["name"]) + short(f["region"]))
    if kind == "epoch_key":
        b = u32(f["epoch"]) + u16(len(f["boxes"]))
        for x in f["boxes"]:
            b += bytes.fromhex(x["member"]) + bytes.fromhex(x["enc"]) + bytes.fromhex(x["ciphertext"])
        return b
    if kind == "revoke":
        return bytes.fromhex(f["member"]) + u8(REASON[f["reason"]]) + u64(f["last_valid_seq"])
    if kind == "suppress":  # version 3: tokens strictly ascending by (epoch, type code, bytes)
        toks = [(t["epoch"], TOKEN[t["type"]], bytes.fromhex(t["value"])) for t in f["tokens"]]
        assert toks == sorted(set(toks)), "suppressed tokens must be strictly ascending"
        b = bytes.fromhex(f["id"]) + u8(SUPPRESSION_REASON[f["reason"]]) + u8(len(toks))
        for e, t, v in toks:
            b += u32(e) + u8(t) + v
        return b
    if kind == "lift":
        return bytes.fromhex(f["id"])
    if kind == "review_request":  # version 3: records strictly ascending by (origin, publication id)
        recs = [bytes.fromhex(r["origin"]) + bytes.fromhex(r["publication"]) for r in f["records"]]
        assert recs == sorted(set(recs)), "records must be strictly ascending"
        b = bytes.fromhex(f["id"]) + u8(REQUEST_KIND[f["kind"]]) + u32(days_since_epoch(*map(int, f["deadline"].split("-"))))
        return b + u8(len(recs)) + b"".join(recs)
    if kind == "review_answer":  # version 3: a reason with kept only
        assert (f["answer"] == "kept") == (f["reason"] != "")
        return bytes.fromhex(f["request"]) + bytes.fromhex(f["publication"]) + u8(ANSWER[f["answer"]]) + short(f["reason"])
    if kind == "policy": return body_policy(f)
    if kind == "quota": return body_quota(f)
    if kind == "usage": return body_usage(f)
    raise ValueError(kind)

# ---- tokens (blinding.md) ------------------------------------------------------------------
def token(key, epoch, type_name, values):
    m = b"mibarai/token/v1\x00" + u32(epoch) + u8(TOKEN[type_name])
    for v in values:
        b = v.encode("utf-8")
        m += u32(len(b)) + b
    return hmac.new(key, m, hashlib.sha256).digest()[:16]

def entry(signer, seq, previous, kind, fields, raw_body=None):
    """`raw_body`, when given, is signed instead of the encoding of `fields` (a body that does not
    decode, for a refused vector)."""
    origin = signer.public_key().public_bytes(**RAW)
    b = body(kind, fields) if raw_body is None else raw_body
    head = u8(1) + u8(KINDS[kind]) + origin + u64(seq) + previous + u32(len(b)) + b
    sig = signer.sign(DOMAIN + head)
    enc = head + sig
    return {"kind": kind, "kind_code": KINDS[kind], "origin": origin.hex(), "seq": seq, "previous": previous.hex(),
            "fields": fields, "body": b.hex(), "signature": sig.hex(), "entry": enc.hex(),
            "hash": hashlib.sha256(enc).hexdigest()}

# ---- HPKE, RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305 ---
def hkdf_extract(salt, ikm): return hmac.new(salt or b"\x00" * 32, ikm, hashlib.sha256).digest()
def hkdf_expand(prk, info, n):
    out, t, i = b"", b"", 1
    while len(out) < n:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest(); out += t; i += 1
    return out[:n]
def labeled_extract(suite, salt, label, ikm): return hkdf_extract(salt, b"HPKE-v1" + suite + label + ikm)
def labeled_expand(suite, prk, label, info, n): return hkdf_expand(prk, u16(n) + b"HPKE-v1" + suite + label + info, n)
KEM_SUITE = b"KEM" + u16(0x0020)
HPKE_SUITE = b"HPKE" + u16(0x0020) + u16(0x0001) + u16(0x0003)
INFO = b"mibarai/epoch-key/v1"

def hpke_seal(pk_r_bytes, sk_e, plaintext, aad):
    pk_r = X25519PrivateKey  # keep the name resolution obvious
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    dh = sk_e.exchange(X25519PublicKey.from_public_bytes(pk_r_bytes))
    enc = sk_e.public_key().public_bytes(**RAW)
    eae_prk = labeled_extract(KEM_SUITE, b"", b"eae_prk", dh)
    shared = labeled_expand(KEM_SUITE, eae_prk, b"shared_secret", enc + pk_r_bytes, 32)
    psk_id_hash = labeled_extract(HPKE_SUITE, b"", b"psk_id_hash", b"")
    info_hash = labeled_extract(HPKE_SUITE, b"", b"info_hash", INFO)
    ctx = u8(0) + psk_id_hash + info_hash
    secret = labeled_extract(HPKE_SUITE, shared, b"secret", b"")
    key = labeled_expand(HPKE_SUITE, secret, b"key", ctx, 32)
    nonce = labeled_expand(HPKE_SUITE, secret, b"base_nonce", ctx, 12)
    return enc, ChaCha20Poly1305(key).encrypt(nonce, plaintext, aad)

def self_check_hpke():
    """Our HPKE against the library's (which takes no AAD: checked with an empty one)."""
    try:
        from cryptography.hazmat.primitives import hpke
    except ImportError:
        return
    sk_r = X25519PrivateKey.from_private_bytes(bytes([7]) * 32)
    enc, ct = hpke_seal(sk_r.public_key().public_bytes(**RAW), X25519PrivateKey.from_private_bytes(bytes([8]) * 32), b"x" * 32, b"")
    suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
    assert suite.decrypt(enc + ct, sk_r, info=INFO) == b"x" * 32, "HPKE self-check failed"

# ---- version vectors (federation.md, "Version vectors") -------------------------------------
def vv_encode(heads):
    out = varint(len(heads))
    for o in sorted(heads):
        out += o + varint(heads[o])
    return out
def bucket(o): return o[0] >> 2
def bucket_digests(heads):
    ds = []
    for b in range(64):
        sub = {o: s for o, s in heads.items() if bucket(o) == b}
        ds.append(hashlib.sha256(b"mibarai/vv-bucket/v1\x00" + u8(b) + vv_encode(sub)).digest()[:8])
    return ds
def root_digest(heads): return hashlib.sha256(b"mibarai/vv-root/v1\x00" + b"".join(bucket_digests(heads))).digest()[:16]

# ---- gossip frames (federation.md, "Messages") ----------------------------------------------
MSG = {"hello": 1, "summary": 2, "in_sync": 3, "buckets": 4, "want": 5, "delta": 6, "entries": 7, "hinted_summary": 12}
def frame(code, payload=b""):
    b = u8(MSG[code]) + payload
    return u32(len(b)) + b
def heads(hs):
    """Member-numbered heads: varint count, then per head varint (member - previous), varint seq."""
    out, prev = varint(len(hs)), 0
    for i, (m, q) in enumerate(sorted(hs)):
        out += varint(m if i == 0 else m - prev) + varint(q); prev = m
    return out
def entry_list(es):
    out = varint(len(es))
    for e in es:
        b = bytes.fromhex(e["entry"]); out += u32(len(b)) + b
    return out

def main():
    self_check_hpke()
    op = Ed25519PrivateKey.from_private_bytes(bytes([0xC0]) * 32)
    op_id = op.public_key().public_bytes(**RAW)
    shop = Ed25519PrivateKey.from_private_bytes(bytes([0x01]) * 32)
    hub = Ed25519PrivateKey.from_private_bytes(bytes([0x02]) * 32)
    shop_id, hub_id = (k.public_key().public_bytes(**RAW) for k in (shop, hub))
    shop_x = X25519PrivateKey.from_private_bytes(bytes([0x11]) * 32)
    hub_x = X25519PrivateKey.from_private_bytes(bytes([0x12]) * 32)

    entries = []
    def add(signer, kind, fields, chain):
        prev = bytes.fromhex(chain[-1]["hash"]) if chain else bytes(32)
        e = entry(signer, len(chain) + 1, prev, kind, fields)
        chain.append(e); entries.append(e); return e

    op_chain, shop_chain = [], []
    add(op, "admit", {"member": shop_id.hex(), "sealing_key": shop_x.public_key().public_bytes(**RAW).hex(),
                      "role": "shop", "name": "shop-osaka-012", "region": "kansai"}, op_chain)
    add(op, "admit", {"member": hub_id.hex(), "sealing_key": hub_x.public_key().public_bytes(**RAW).hex(),
                      "role": "hub", "name": "hub-kansai", "region": "kansai"}, op_chain)
    epoch_key = bytes(range(0x40, 0x60))
    boxes = []
    for i, (mid, mx) in enumerate(sorted([(shop_id, shop_x), (hub_id, hub_x)])):
        aad = op_id + u32(3) + mid
        enc, ct = hpke_seal(mx.public_key().public_bytes(**RAW), X25519PrivateKey.from_private_bytes(bytes([0x21 + i]) * 32), epoch_key, aad)
        boxes.append({"member": mid.hex(), "enc": enc.hex(), "ciphertext": ct.hex()})
    add(op, "epoch_key", {"epoch": 3, "boxes": boxes, "key_for_check": epoch_key.hex()}, op_chain)

    rid = "5a" * 16
    tokens = [{"type": "phone", "value": "15a40fcd306233e8e620d1b0f9ea6427"},
              {"type": "email", "value": "67527b8653b2d66da0aa434d43dd8981"},
              {"type": "address", "value": "03086dee3cbde6b00ac0f33521ec90fd"}]
    add(shop, "publish", {"id": rid, "epoch": 3, "category": "non-payment", "amount_yen": 12800, "month": "2026-10",
                          "status": "open", "expires_on": "2031-10-01", "tokens": tokens}, shop_chain)
    add(shop, "status", {"id": rid, "status": "paid"}, shop_chain)
    add(shop, "withdraw", {"id": rid}, shop_chain)
    add(op, "revoke", {"member": hub_id.hex(), "reason": "left_federation", "last_valid_seq": 0}, op_chain)
    # Version 3: the operator suppresses a victim's phone and name at their address under epoch 3,
    # then lifts it. The values are fictitious (見本 = "sample"); the key is epoch 3's.
    victim = [("phone", ["+819012345678"]), ("name_address", ["見本太郎", "東京都|江東区|古石場|2-29-16|1203"])]
    made = sorted((3, TOKEN[t], token(epoch_key, 3, t, vs), t, vs) for t, vs in victim)
    sid = "5c" * 16
    add(op, "suppress", {"id": sid, "reason": "impersonation",
                         "tokens": [{"epoch": e, "type": t, "value": v.hex()} for e, _, v, t, _ in made],
                         "values_for_check": [vs for *_, vs in made], "key_for_check": epoch_key.hex()}, op_chain)
    add(op, "lift", {"id": sid}, op_chain)
    # Version 3, review requests (federation.md, "Review requests"): a third member, whose record a
    # person asked about; it keeps it with a reason, then withdraws it and answers a second request.
    kobe = Ed25519PrivateKey.from_private_bytes(bytes([0x03]) * 32)
    kobe_id = kobe.public_key().public_bytes(**RAW)
    kobe_x = X25519PrivateKey.from_private_bytes(bytes([0x13]) * 32)
    kobe_chain = []
    add(op, "admit", {"member": kobe_id.hex(), "sealing_key": kobe_x.public_key().public_bytes(**RAW).hex(),
                      "role": "shop", "name": "shop-kobe-031", "region": "kansai"}, op_chain)
    pub = "6b" * 16
    add(kobe, "publish", {"id": pub, "epoch": 3, "category": "cod-refusal", "amount_yen": 5400, "month": "2026-09",
                          "status": "open", "expires_on": "2029-09-01", "tokens": tokens[:1]}, kobe_chain)
    q1, q2 = "7a" * 16, "7b" * 16
    recs = sorted([{"origin": kobe_id.hex(), "publication": pub}, {"origin": shop_id.hex(), "publication": rid}],
                  key=lambda r: bytes.fromhex(r["origin"]) + bytes.fromhex(r["publication"]))
    add(op, "review_request", {"id": q1, "kind": "disclosure", "deadline": "2026-12-21", "records": recs}, op_chain)
    add(kobe, "review_answer", {"request": q1, "publication": pub, "answer": "kept",
                                "reason": "配達記録と督促の記録を確認しました"}, kobe_chain)
    add(op, "review_request", {"id": q2, "kind": "stop-use", "deadline": "2027-01-05",
                               "records": [{"origin": kobe_id.hex(), "publication": pub}]}, op_chain)
    add(kobe, "withdraw", {"id": pub}, kobe_chain)
    add(kobe, "review_answer", {"request": q2, "publication": pub, "answer": "withdrawn", "reason": ""}, kobe_chain)
    # Version 5 ("Policy"): appended after every other entry, so no earlier line changes. The
    # operator sets replicas to hubs, then back to all with a setting no version defines yet.
    add(op, "policy", {"settings": [{"code": 1, "value": 2}], "replicas": "hubs"}, op_chain)
    add(op, "policy", {"settings": [{"code": 1, "value": 1}, {"code": 9, "value": 5}], "replicas": "all"}, op_chain)
    # Version 5 ("Lookup quotas"): appended after those, so no earlier line changes. The operator's
    # quota for the shop (operator seq 12); a hub's usage (seq 1 of the hub's log) naming the shop
    # and the third shop, in ascending order. (In the chain above the hub was revoked from seq 0:
    # this line is only decoded and verified, never appended to a log.)
    add(op, "quota", {"member": shop_id.hex(), "daily": 5000, "burst": 1000}, op_chain)
    hub_chain = []
    usage = {"day": "2026-12-07", "usage": sorted([{"member": shop_id.hex(), "identities": 1234},
                                                   {"member": kobe_id.hex(), "identities": 87}], key=lambda u: bytes.fromhex(u["member"]))}
    check_usage(usage)
    add(hub, "usage", usage, hub_chain)

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "entries.jsonl"), "w", encoding="utf-8") as f:
        for e in entries:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")

    # A chain, in arrival order, with the verdict a node whose operator is `op` gives each entry.
    def flip(hexs, i):
        b = bytearray(bytes.fromhex(hexs)); b[i] ^= 1; return b.hex()
    shop1 = shop_chain[0]
    other = entry(shop, 1, bytes(32), "withdraw", {"id": "77" * 16})  # same seq, other bytes
    hub1 = entry(hub, 1, bytes(32), "publish", dict(shop1["fields"]))
    stranger = entry(Ed25519PrivateKey.from_private_bytes(bytes([0x09]) * 32), 1, bytes(32), "withdraw", {"id": rid})
    steps = [
        ("member entry before its admission", shop1["entry"], "unknown_origin"),
        ("operator admits the shop", op_chain[0]["entry"], "accepted"),
        ("operator admits the hub", op_chain[1]["entry"], "accepted"),
        ("a gap: seq 2 before seq 1", shop_chain[1]["entry"], "gap"),
        ("body altered", flip(shop1["entry"], 78 + 25), "bad_signature"),
        ("signature altered", flip(shop1["entry"], len(bytes.fromhex(shop1["entry"])) - 1), "bad_signature"),
        ("the shop publishes", shop1["entry"], "accepted"),
        ("the same entry again", shop1["entry"], "replay"),
        ("not admitted", stranger["entry"], "unknown_origin"),
        ("status paid", shop_chain[1]["entry"], "accepted"),
        ("operator seals epoch 3", op_chain[2]["entry"], "accepted"),
        ("operator revokes the hub from seq 0", op_chain[3]["entry"], "accepted"),
        ("the revoked hub publishes", hub1["entry"], "revoked_origin"),
        ("a second seq 1 from the shop", other["entry"], "equivocation"),
        ("the shop's withdrawal, after its equivocation", shop_chain[2]["entry"], "equivocating_origin"),
    ]
    # Version 3 (federation.md, "Suppressions"): each refused entry takes the operator's next seq,
    # signed over the right previous hash, so only its body (or its origin) is wrong.
    def op_next(kind, fields, seq, prev_hash):
        return entry(op, seq, bytes.fromhex(prev_hash), kind, fields)
    sup, lift = op_chain[4], op_chain[5]
    tok = sup["fields"]["tokens"]
    steps += [
        ("the shop suppresses (an operator kind)", entry(shop, 4, bytes.fromhex(shop_chain[2]["hash"]), "suppress",
                                                          {"id": "5d" * 16, "reason": "impersonation", "tokens": tok})["entry"], "wrong_kind"),
        ("a lift of a suppression never made", op_next("lift", {"id": "5c" * 16}, 5, op_chain[3]["hash"])["entry"], "invalid_body"),
        ("a suppression under an epoch never sealed",
         op_next("suppress", {"id": "5e" * 16, "reason": "impersonation", "tokens": [dict(t, epoch=4) for t in tok]}, 5, op_chain[3]["hash"])["entry"],
         "invalid_body"),
        ("the operator suppresses a victim's tokens", sup["entry"], "accepted"),
        ("the operator lifts it", lift["entry"], "accepted"),
        ("a second lift of it", op_next("lift", {"id": "5c" * 16}, 7, lift["hash"])["entry"], "invalid_body"),
        ("a new suppression under the lifted id", op_next("suppress", {"id": "5c" * 16, "reason": "impersonation", "tokens": tok}, 7, lift["hash"])["entry"],
         "invalid_body"),
    ]
    # Version 3, review requests: the same way, each refused entry in the place of the next one.
    admit3, rq1, rq2 = op_chain[6], op_chain[7], op_chain[8]
    k_pub, k_kept, k_withdraw, k_withdrawn = kobe_chain
    stranger_id = Ed25519PrivateKey.from_private_bytes(bytes([0x09]) * 32).public_key().public_bytes(**RAW).hex()
    def kobe_next(kind, fields, seq, prev_hash):
        return entry(kobe, seq, bytes.fromhex(prev_hash), kind, fields)
    steps += [
        ("the operator admits a third shop", admit3["entry"], "accepted"),
        ("the third shop publishes", k_pub["entry"], "accepted"),
        ("a review request naming a record of a non-member",
         op_next("review_request", {"id": "7c" * 16, "kind": "correction", "deadline": "2026-12-21",
                                    "records": [{"origin": stranger_id, "publication": pub}]}, 8, admit3["hash"])["entry"], "invalid_body"),
        ("the shop requests a review (an operator kind)",
         kobe_next("review_request", rq1["fields"], 2, k_pub["hash"])["entry"], "wrong_kind"),
        ("an answer before the operator's request reaches the node (allowed)",
         kobe_next("review_answer", {"request": "7f" * 16, "publication": pub, "answer": "kept", "reason": "記録を確認しました"},
                   2, k_pub["hash"])["entry"], "accepted"),
    ]
    # That answer took the shop's seq 2: the rest goes on a node that never saw it.
    with open(os.path.join(OUT, "chain.jsonl"), "w", encoding="utf-8") as f:
        for what, e, verdict in steps:
            f.write(json.dumps({"operator": op_id.hex(), "step": what, "entry": e, "expect": verdict}) + "\n")
    steps = [
        ("the operator asks for a review of two records", rq1["entry"], "accepted"),
        ("a second request under the same id", op_next("review_request", dict(rq2["fields"], id=q1), 9, rq1["hash"])["entry"], "invalid_body"),
        ("an answer for a record the shop never published",
         kobe_next("review_answer", {"request": q1, "publication": rid, "answer": "kept", "reason": "記録を確認しました"}, 2, k_pub["hash"])["entry"],
         "invalid_body"),
        ("withdrawn, for a record still published",
         kobe_next("review_answer", {"request": q1, "publication": pub, "answer": "withdrawn", "reason": ""}, 2, k_pub["hash"])["entry"],
         "invalid_body"),
        ("the shop keeps its record, with a reason", k_kept["entry"], "accepted"),
        ("a second answer to the same request for the same record",
         kobe_next("review_answer", {"request": q1, "publication": pub, "answer": "kept", "reason": "再確認しました"}, 3, k_kept["hash"])["entry"],
         "invalid_body"),
        ("a stop-of-use request", rq2["entry"], "accepted"),
        ("the shop withdraws the record", k_withdraw["entry"], "accepted"),
        ("kept, for a record withdrawn",
         kobe_next("review_answer", {"request": q2, "publication": pub, "answer": "kept", "reason": "記録を確認しました"}, 4, k_withdraw["hash"])["entry"],
         "invalid_body"),
        ("and answers the second request: withdrawn", k_withdrawn["entry"], "accepted"),
    ]
    prefix = [json.loads(l) for l in open(os.path.join(OUT, "chain.jsonl"), encoding="utf-8")]
    cut = next(i for i, l in enumerate(prefix) if l["step"].startswith("an answer before"))
    with open(os.path.join(OUT, "chain_reviews.jsonl"), "w", encoding="utf-8") as f:
        # The node of chain.jsonl up to the step before that answer, then these steps.
        for l in prefix[:cut]:
            f.write(json.dumps(l) + "\n")
        for what, e, verdict in steps:
            f.write(json.dumps({"operator": op_id.hex(), "step": what, "entry": e, "expect": verdict}) + "\n")

    # Version 5 (federation.md, "Policy"): a node whose operator is `op`, from an empty log. Each
    # refused operator entry takes the operator's next seq over the right previous hash, so only its
    # body (or its signer) is wrong; `replicas_after` is the federation's setting after the step.
    admit_shop = op_chain[0]
    def settings(*pairs): return [{"code": c, "value": v} for c, v in pairs]
    def policy(signer, seq, prev_hash, *pairs):
        return entry(signer, seq, bytes.fromhex(prev_hash), "policy", {"settings": settings(*pairs)})
    p_hubs = policy(op, 2, admit_shop["hash"], (1, 2))
    p_unknown = policy(op, 3, p_hubs["hash"], (7, 42))
    p_all = policy(op, 4, p_unknown["hash"], (1, 1), (9, 5))
    steps = [
        ("the operator admits the shop", admit_shop["entry"], "accepted", "all"),
        ("the shop signs a policy (an operator kind)", policy(shop, 1, "00" * 32, (1, 2))["entry"], "wrong_kind", "all"),
        ("replicas 3 (no such value)", policy(op, 2, admit_shop["hash"], (1, 3))["entry"], "invalid_body", "all"),
        ("settings not ascending", policy(op, 2, admit_shop["hash"], (9, 5), (1, 2))["entry"], "invalid_body", "all"),
        ("setting code 0 (reserved)", policy(op, 2, admit_shop["hash"], (0, 1), (1, 2))["entry"], "invalid_body", "all"),
        ("no settings", policy(op, 2, admit_shop["hash"])["entry"], "invalid_body", "all"),
        ("a setting repeated", policy(op, 2, admit_shop["hash"], (1, 2), (1, 2))["entry"], "invalid_body", "all"),
        ("the operator sets replicas to hubs", p_hubs["entry"], "accepted", "hubs"),
        ("a policy of an unknown setting alone (replicas back to its default)", p_unknown["entry"], "accepted", "all"),
        ("replicas all, with an unknown setting", p_all["entry"], "accepted", "all"),
    ]
    # The expected settings again, from the spec's rules: the latest accepted policy, in full.
    replicas = "all"
    for what, e, verdict, after in steps:
        d = bytes.fromhex(e)
        if d[1] != KINDS["policy"]:
            assert replicas == after, what
            continue
        b = d[78:-64]
        decoded = [{"code": b[1 + 9 * i], "value": int.from_bytes(b[2 + 9 * i:10 + 9 * i], "big")} for i in range(b[0])]
        if verdict == "accepted":
            replicas = replicas_of(decoded)
        if verdict == "invalid_body":  # each refused body breaks a rule of "Policy"
            try: replicas_of(decoded)
            except ValueError: pass
            else: raise AssertionError(what)
        assert replicas == after, what
    with open(os.path.join(OUT, "chain_policy.jsonl"), "w", encoding="utf-8") as f:
        for what, e, verdict, after in steps:
            f.write(json.dumps({"operator": op_id.hex(), "step": what, "entry": e, "expect": verdict, "replicas_after": after}) + "\n")

    # Version 5 (federation.md, "Lookup quotas"): a node whose operator is `op`, from an empty log,
    # as chain_policy.jsonl. A second hub (seed 0x0A, sealing key 0x1A: not the revoked hub of
    # chain.jsonl) signs `usage` entries. Each refused entry takes its signer's next seq over the
    # right previous hash, so only its body (or its signer) is wrong; `quota_after` is the
    # per-member overrides the log holds after the step (member hex -> daily, burst).
    hub2 = Ed25519PrivateKey.from_private_bytes(bytes([0x0A]) * 32)
    hub2_id = hub2.public_key().public_bytes(**RAW)
    hub2_x = X25519PrivateKey.from_private_bytes(bytes([0x1A]) * 32)
    admit_hub2 = entry(op, 2, bytes.fromhex(admit_shop["hash"]), "admit", {
        "member": hub2_id.hex(), "sealing_key": hub2_x.public_key().public_bytes(**RAW).hex(),
        "role": "hub", "name": "hub-kyoto", "region": "kansai"})
    def quota(signer, seq, prev_hash, member, daily, burst, raw_body=None):
        return entry(signer, seq, bytes.fromhex(prev_hash), "quota", {"member": member.hex(), "daily": daily, "burst": burst}, raw_body)
    def usage(signer, seq, prev_hash, *counts):
        return entry(signer, seq, bytes.fromhex(prev_hash), "usage",
                     {"day": "2026-12-07", "usage": [{"member": m.hex(), "identities": n} for m, n in counts]})
    q_shop = quota(op, 3, admit_hub2["hash"], shop_id, 5000, 1000)
    q_none = quota(op, 4, q_shop["hash"], shop_id, 0, 0)
    short_body = bytes.fromhex(q_shop["body"])[:-1]  # 47 bytes: the burst's last byte missing
    unsorted = sorted([(shop_id, 1234), (kobe_id, 87)], key=lambda c: c[0], reverse=True)
    u_hub = usage(hub2, 1, "00" * 32, (shop_id, 1234))
    q5000, q0 = {shop_id.hex(): {"daily": 5000, "burst": 1000}}, {shop_id.hex(): {"daily": 0, "burst": 0}}
    steps = [
        ("the operator admits the shop", admit_shop["entry"], "accepted", {}),
        ("the operator admits a hub", admit_hub2["entry"], "accepted", {}),
        ("a quota for a node never admitted", quota(op, 3, admit_hub2["hash"], bytes.fromhex(stranger_id), 5000, 1000)["entry"],
         "invalid_body", {}),
        ("a quota body one byte short (47 bytes)", quota(op, 3, admit_hub2["hash"], shop_id, 5000, 1000, short_body)["entry"],
         "invalid_body", {}),
        ("the operator's quota for the shop", q_shop["entry"], "accepted", q5000),
        ("a second quota for the shop: no limit (the latest wins)", q_none["entry"], "accepted", q0),
        ("the shop signs a usage (only a hub may)", usage(shop, 1, "00" * 32, (shop_id, 1234))["entry"], "invalid_body", q0),
        ("the hub's usage with its members not ascending", usage(hub2, 1, "00" * 32, *unsorted)["entry"], "invalid_body", q0),
        ("the hub's usage naming no member", usage(hub2, 1, "00" * 32)["entry"], "invalid_body", q0),
        ("the hub's usage naming the shop", u_hub["entry"], "accepted", q0),
        ("the operator signs a usage (a member kind)", usage(op, 5, q_none["hash"], (shop_id, 1234))["entry"], "wrong_kind", q0),
        ("the hub signs a quota (an operator kind)", quota(hub2, 2, u_hub["hash"], shop_id, 1, 1)["entry"], "wrong_kind", q0),
    ]
    # The expected overrides again, from the spec's rules: per member, the latest accepted quota.
    overrides = {}
    for what, e, verdict, after in steps:
        d = bytes.fromhex(e)
        b = d[78:-64]
        if d[1] == KINDS["quota"] and verdict == "accepted":
            assert len(b) == 48, what
            overrides[b[:32].hex()] = {"daily": int.from_bytes(b[32:40], "big"), "burst": int.from_bytes(b[40:48], "big")}
        if d[1] == KINDS["quota"] and verdict == "invalid_body":  # not admitted, or does not decode
            assert len(b) != 48 or b[:32] not in (shop_id, hub2_id), what
        if d[1] == KINDS["usage"] and verdict == "invalid_body" and d[2:34] == hub2_id:  # the body breaks a rule
            n = int.from_bytes(b[4:6], "big")
            fields = {"day": "2026-12-07", "usage": [{"member": b[6 + 40 * i:38 + 40 * i].hex(),
                                                      "identities": int.from_bytes(b[38 + 40 * i:46 + 40 * i], "big")} for i in range(n)]}
            try: check_usage(fields)
            except ValueError: pass
            else: raise AssertionError(what)
        assert overrides == after, what
    with open(os.path.join(OUT, "chain_quota.jsonl"), "w", encoding="utf-8") as f:
        for what, e, verdict, after in steps:
            f.write(json.dumps({"operator": op_id.hex(), "step": what, "entry": e, "expect": verdict, "quota_after": after}) + "\n")

    # Version vectors: digests of a few vectors.
    vvs = [{}, {op_id: 4}, {op_id: 4, shop_id: 3}, {op_id: 4, shop_id: 3, hub_id: 300, bytes([0xFF]) * 32: 2**40}]
    with open(os.path.join(OUT, "version_vectors.jsonl"), "w") as f:
        for h in vvs:
            f.write(json.dumps({"heads": [{"origin": o.hex(), "seq": s} for o, s in sorted(h.items())],
                                "encoding": vv_encode(h).hex(),
                                "bucket_digests": [d.hex() for d in bucket_digests(h)],
                                "root": root_digest(h).hex()}) + "\n")

    # One exchange. X holds the operator's log to seq 3 and the shop's to seq 3; Y holds the
    # operator's to seq 3 and the shop's to seq 1. X opens.
    x = {op_id: 3, shop_id: 3}
    y = {op_id: 3, shop_id: 1}
    dx, dy = bucket_digests(x), bucket_digests(y)
    mask = sum(1 << b for b in range(64) if dx[b][:2] != dy[b][:2]) or (1 << 64) - 1
    sub = lambda h: {o: s for o, s in h.items() if (mask >> bucket(o)) & 1}
    # Member numbers: 0 the operator, else the seq of the member's admission.
    number = {op_id: 0, shop_id: 1, hub_id: 2}
    want = [(number[o], s) for o, s in sub(x).items()]
    behind = [(number[o], y.get(o, 0)) for o, s in sub(x).items() if y.get(o, 0) < s]
    lacking_y = [e for e in shop_chain if e["seq"] > y[shop_id]]
    exchange = [
        ("X", "summary", frame("summary", root_digest(x) + varint(sum(x.values())))),
        ("Y", "buckets", frame("buckets", b"".join(d[:2] for d in dy))),
        ("X", "want", frame("want", u64(mask) + heads(want))),
        ("Y", "delta", frame("delta", u64(mask) + heads(behind) + entry_list([]))),
        ("X", "entries", frame("entries", entry_list(lacking_y))),
    ]
    with open(os.path.join(OUT, "exchange.jsonl"), "w") as f:
        f.write(json.dumps({"node": "X", "heads": [{"origin": o.hex(), "seq": s} for o, s in sorted(x.items())]}) + "\n")
        f.write(json.dumps({"node": "Y", "heads": [{"origin": o.hex(), "seq": s} for o, s in sorted(y.items())]}) + "\n")
        for sender, msg, fr in exchange:
            f.write(json.dumps({"from": sender, "message": msg, "frame": fr.hex()}) + "\n")
        # In sync: Y after storing X's entries.
        f.write(json.dumps({"from": "Y", "message": "summary", "frame": frame("summary", root_digest(x) + varint(sum(x.values()))).hex()}) + "\n")
        f.write(json.dumps({"from": "X", "message": "in_sync", "frame": frame("in_sync").hex()}) + "\n")
    # The same exchange in version 2 (federation.md, "Exchange"): X opens with a hinted_summary
    # naming its heads of the origins it advanced last (here both). Y puts them into its own
    # vector, gets X's root and entry count, so it knows X's vector and answers with the delta
    # at once: Y is behind on the shop's log (mask = that origin's bucket, behind = Y's head,
    # no entries), and X sends what Y lacks. Then Y opens, naming its own last heads: in sync.
    def recent(h): return [(number[o], s) for o, s in h.items()]
    cand = dict(y); cand.update({o: s for o, s in x.items()})
    assert root_digest(cand) == root_digest(x) and sum(cand.values()) == sum(x.values())
    differ = [o for o in x if x[o] != y.get(o, 0)]
    mask2 = sum(1 << bucket(o) for o in set(differ))
    behind2 = [(number[o], y.get(o, 0)) for o in differ if y.get(o, 0) < x[o]]
    exchange2 = [
        ("X", "hinted_summary", frame("hinted_summary", root_digest(x) + varint(sum(x.values())) + heads(recent(x)))),
        ("Y", "delta", frame("delta", u64(mask2) + heads(behind2) + entry_list([]))),
        ("X", "entries", frame("entries", entry_list(lacking_y))),
        ("Y", "hinted_summary", frame("hinted_summary", root_digest(x) + varint(sum(x.values())) + heads(recent(x)))),
        ("X", "in_sync", frame("in_sync")),
    ]
    with open(os.path.join(OUT, "exchange_v2.jsonl"), "w") as f:
        f.write(json.dumps({"node": "X", "heads": [{"origin": o.hex(), "seq": s} for o, s in sorted(x.items())]}) + "\n")
        f.write(json.dumps({"node": "Y", "heads": [{"origin": o.hex(), "seq": s} for o, s in sorted(y.items())]}) + "\n")
        for sender, msg, fr in exchange2:
            f.write(json.dumps({"from": sender, "message": msg, "frame": fr.hex()}) + "\n")
    # Publication ids (OwnLogPlan): H("mibarai/publication-id/v1" || 0x00 || report id || u32 epoch)[:16] for
    # revision 0; a later revision appends its u32 after the epoch.
    with open(os.path.join(OUT, "publication_ids.jsonl"), "w") as f:
        for rid, epoch in [(bytes(range(16)), 1), (bytes(range(16)), 2), (bytes([0xff] * 16), 4294967295)]:
            pid = hashlib.sha256(b"mibarai/publication-id/v1\x00" + rid + epoch.to_bytes(4, "big")).digest()[:16]
            f.write(json.dumps({"report_id": rid.hex(), "epoch": epoch, "publication_id": pid.hex()}) + "\n")
        for rid, epoch, rev in [(bytes(range(16)), 1, 1), (bytes(range(16)), 1, 2), (bytes([0xff] * 16), 4294967295, 4294967295)]:
            pid = hashlib.sha256(b"mibarai/publication-id/v1\x00" + rid + epoch.to_bytes(4, "big") + rev.to_bytes(4, "big")).digest()[:16]
            f.write(json.dumps({"report_id": rid.hex(), "epoch": epoch, "revision": rev, "publication_id": pid.hex()}) + "\n")
    print("wrote", os.path.normpath(OUT))

if __name__ == "__main__":
    main()
