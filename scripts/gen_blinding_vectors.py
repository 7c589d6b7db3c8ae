#!/usr/bin/env python3
"""Writes Protocol/vectors/blinding.jsonl: token vectors computed independently of the Swift code.

token = HMAC-SHA256(key, b"mibarai/token/v1" + b"\\0" + epoch (u32 BE) + type (u8)
                        + for each value: len (u32 BE) + UTF-8 bytes)[:16]
The inputs are fixed, made-up values; run it again only when the spec changes (it never should
for version 1: tokens made by one node must match tokens made by another).
"""
import hashlib, hmac, json, struct, os

DOMAIN = b"mibarai/token/v1\x00"
TYPES = {"phone": 1, "email": 2, "name_address": 3, "kana_address": 4, "address": 5}

def token(key: bytes, epoch: int, ttype: int, values):
    msg = DOMAIN + struct.pack(">I", epoch) + bytes([ttype])
    for v in values:
        b = v.encode("utf-8")
        msg += struct.pack(">I", len(b)) + b
    return hmac.new(key, msg, hashlib.sha256).digest()[:16].hex()

key1 = bytes(range(32))
key2 = bytes.fromhex("c0ffee" * 10 + "ab12")
cases = [
    (key1, 1, "phone", ["+819012345678"]),
    (key1, 1, "email", ["taro.example@docomo.ne.jp"]),
    (key1, 1, "name_address", ["見本太郎", "東京都|江東区|古石場|2-29-16|1203"]),
    (key1, 1, "kana_address", ["ミホンタロウ", "東京都|江東区|古石場|2-29-16|1203"]),
    (key1, 1, "address", ["東京都|江東区|古石場|2-29-16|1203"]),
    (key1, 2, "phone", ["+819012345678"]),
    (key2, 7, "phone", ["+819012345678"]),
    (key2, 7, "name_address", ["", ""]),
    # Length prefixes keep ("ab","c") and ("a","bc") apart.
    (key2, 7, "name_address", ["ab", "c"]),
    (key2, 7, "name_address", ["a", "bc"]),
]
out = os.path.join(os.path.dirname(__file__), "..", "Protocol", "vectors", "blinding.jsonl")
with open(out, "w", encoding="utf-8") as f:
    for key, epoch, t, values in cases:
        f.write(json.dumps({"key": key.hex(), "epoch": epoch, "type": t, "type_code": TYPES[t],
                            "values": values, "token": token(key, epoch, TYPES[t], values)},
                           ensure_ascii=False) + "\n")
print("wrote", out)

# Which tokens a normalised identity yields (blinding.md, "Token types"): phone, email,
# name+address and kana+address when both parts are present, address alone unless it is a
# post-office hold. A name alone yields nothing.
def identity_tokens(key, epoch, ident):
    out = []
    if ident.get("phone"): out.append(("phone", [ident["phone"]]))
    if ident.get("email"): out.append(("email", [ident["email"]]))
    addr = ident.get("address")
    if addr:
        if ident.get("name"): out.append(("name_address", [ident["name"], addr]))
        if ident.get("name_kana"): out.append(("kana_address", [ident["name_kana"], addr]))
        if not ident.get("post_office_hold"): out.append(("address", [addr]))
    return [{"type": t, "token": token(key, epoch, TYPES[t], v)} for t, v in out]

identities = [
    {"name": "見本太郎", "name_kana": "ミホンタロウ", "address": "東京都|江東区|古石場|2-29-16|1203",
     "phone": "+819012345678", "email": "mihon.taro@docomo.ne.jp"},
    {"name": "見本太郎", "name_kana": "ミホンタロウ", "address": "KYOKUDOME|岐阜県|大垣市|大垣", "post_office_hold": True},
    {"name": "見本太郎", "name_kana": "ミホンタロウ"},
    {"name_kana": "ミホンタロウ", "address": "北海道|札幌市東区|北四十九条東|1-9-20|304"},
    {"email": "mihon@gmail.com"},
]
out2 = os.path.join(os.path.dirname(__file__), "..", "Protocol", "vectors", "identity_tokens.jsonl")
with open(out2, "w", encoding="utf-8") as f:
    for ident in identities:
        f.write(json.dumps({"key": key1.hex(), "epoch": 1, "identity": ident,
                            "tokens": identity_tokens(key1, 1, ident)}, ensure_ascii=False) + "\n")
print("wrote", out2)
