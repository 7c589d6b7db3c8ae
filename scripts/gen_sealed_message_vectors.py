#!/usr/bin/env python3
"""Writes Protocol/vectors/federation/sealed_messages.jsonl: `sealed_message` entries (member kind 5,
version 4), each with its plaintext and the recipient's X25519 key so that it can be opened,
computed from Protocol/federation.md ("Sealed messages") alone, with the encodings, signatures and
HPKE of gen_federation_vectors.py. The HPKE ephemeral keys are fixed, so every byte is reproducible.
"""
import hashlib, importlib.util, json, os
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

HERE = os.path.dirname(__file__)
spec = importlib.util.spec_from_file_location("fed", os.path.join(HERE, "gen_federation_vectors.py"))
fed = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fed)
u8, u16, u32, u64, short, RAW = fed.u8, fed.u16, fed.u32, fed.u64, fed.short, fed.RAW

INFO = b"mibarai/sealed-message/v1"
MESSAGE_KIND = {"contact_request": 1, "contact_answer": 2}
CONTACT_ANSWER = {"shares": 1, "declines": 2}
CATEGORY = {"non-payment": 1, "cod-refusal": 2, "chargeback": 3, "malicious-complaint": 4, "fraudulent-order": 5, "other": 99}
STAGE = {"inquiry": 1, "reminder": 2, "firm_notice": 3, "formal_demand": 4, "legal_action": 5, "police_report": 6}

def long(s):
    b = s.encode("utf-8"); assert len(b) <= 65535
    return u16(len(b)) + b

def day(text):
    return fed.days_since_epoch(*map(int, text.split("-")))

def content(m):
    """A message's plaintext before padding (federation.md, "Sealed messages")."""
    if m["kind"] == "contact_request":
        assert 1 <= len(m["shop"].encode()) <= 64 and 1 <= len(m["contact"].encode()) <= 128 and len(m["text"].encode()) <= 1000
        return u8(1) + bytes.fromhex(m["report_id"]) + short(m["shop"]) + short(m["contact"]) + long(m["text"])
    out = u8(2) + bytes.fromhex(m["in_reply_to"]) + u8(CONTACT_ANSWER[m["answer"]]) + short(m["shop"]) + short(m["contact"])
    out += long(m["text"]) + u8(len(m["damage"]))
    for d in m["damage"]:
        assert d["paid_yen"] <= d["amount_yen"]
        out += bytes.fromhex(d["report_id"]) + u8(CATEGORY[d["category"]]) + u64(d["amount_yen"]) + u64(d["paid_yen"]) + u32(day(d["incident"]))
        out += u8(len(d["steps"])) + b"".join(u8(STAGE[s["stage"]]) + u32(day(s["day"])) for s in d["steps"])
    return out

def padded(b):
    return b + bytes((256 - len(b) % 256) % 256)

def seal(pk_r, sk_e, plaintext, aad):
    """HPKE base mode as gen_federation_vectors.hpke_seal, with this message's `info`."""
    dh = sk_e.exchange(X25519PublicKey.from_public_bytes(pk_r))
    enc = sk_e.public_key().public_bytes(**RAW)
    eae_prk = fed.labeled_extract(fed.KEM_SUITE, b"", b"eae_prk", dh)
    shared = fed.labeled_expand(fed.KEM_SUITE, eae_prk, b"shared_secret", enc + pk_r, 32)
    ctx = u8(0) + fed.labeled_extract(fed.HPKE_SUITE, b"", b"psk_id_hash", b"") + fed.labeled_extract(fed.HPKE_SUITE, b"", b"info_hash", INFO)
    secret = fed.labeled_extract(fed.HPKE_SUITE, shared, b"secret", b"")
    key = fed.labeled_expand(fed.HPKE_SUITE, secret, b"key", ctx, 32)
    nonce = fed.labeled_expand(fed.HPKE_SUITE, secret, b"base_nonce", ctx, 12)
    return enc, ChaCha20Poly1305(key).encrypt(nonce, plaintext, aad)

def sealed_entry(signer, seq, previous, message_id, recipient_id, recipient_x, ephemeral_seed, plaintext, message, opens):
    sender_id = signer.public_key().public_bytes(**RAW)
    aad = sender_id + message_id + recipient_id
    enc, ct = seal(recipient_x.public_key().public_bytes(**RAW), X25519PrivateKey.from_private_bytes(bytes([ephemeral_seed]) * 32), plaintext, aad)
    body = message_id + recipient_id + enc + u16(len(ct)) + ct
    head = u8(1) + u8(5) + sender_id + u64(seq) + previous + u32(len(body)) + body
    sig = signer.sign(fed.DOMAIN + head)
    e = head + sig
    fields = {"id": message_id.hex(), "to": recipient_id.hex(), "enc": enc.hex(), "ciphertext": ct.hex(),
              "recipient_key_for_check": recipient_x.private_bytes_raw().hex(), "plaintext_for_check": plaintext.hex(),
              "message_for_check": message if opens else None}
    return {"kind": "sealed_message", "kind_code": 5, "origin": sender_id.hex(), "seq": seq, "previous": previous.hex(),
            "fields": fields, "body": body.hex(), "signature": sig.hex(), "entry": e.hex(), "hash": hashlib.sha256(e).hexdigest()}

def main():
    # The shop of gen_federation_vectors (0x01, its X25519 key 0x11) and a second shop (0x03, 0x13).
    osaka = Ed25519PrivateKey.from_private_bytes(bytes([0x01]) * 32)
    kobe = Ed25519PrivateKey.from_private_bytes(bytes([0x03]) * 32)
    osaka_id, kobe_id = (k.public_key().public_bytes(**RAW) for k in (osaka, kobe))
    osaka_x = X25519PrivateKey.from_private_bytes(bytes([0x11]) * 32)
    kobe_x = X25519PrivateKey.from_private_bytes(bytes([0x13]) * 32)

    request_id = bytes([0x3c]) * 16
    request = {"kind": "contact_request", "report_id": "5a" * 16, "shop": "神戸珈琲店",
               "contact": "078-000-0000 / shop@kobe-coffee.example", "text": "同じ方と思われる未払いがあります。ご連絡いただけますか。"}
    answer = {"kind": "contact_answer", "in_reply_to": request_id.hex(), "answer": "shares", "shop": "大阪雑貨店",
              "contact": "06-0000-0000", "text": "被害届を一緒に出しましょう。",
              "damage": [{"report_id": "5a" * 16, "category": "non-payment", "amount_yen": 12800, "paid_yen": 3000,
                          "incident": "2026-10-01", "steps": [{"stage": "inquiry", "day": "2026-10-08"},
                                                              {"stage": "reminder", "day": "2026-10-15"},
                                                              {"stage": "formal_demand", "day": "2026-11-02"}]}]}
    declined = {"kind": "contact_answer", "in_reply_to": bytes([0x3d]) * 16, "answer": "declines", "shop": "", "contact": "",
                "text": "", "damage": []}
    declined["in_reply_to"] = declined["in_reply_to"].hex()
    lines = []
    # 1. Kobe asks Osaka (Kobe's first entry).
    lines.append(sealed_entry(kobe, 1, bytes(32), request_id, osaka_id, osaka_x, 0x31, padded(content(request)), request, True))
    # 2. Osaka answers, sharing its damage.
    lines.append(sealed_entry(osaka, 4, bytes([0xAB]) * 32, bytes([0x3e]) * 16, kobe_id, kobe_x, 0x32, padded(content(answer)), answer, True))
    # 3. A declined answer: 256 bytes like any short message.
    lines.append(sealed_entry(osaka, 5, bytes([0xAC]) * 32, bytes([0x3f]) * 16, kobe_id, kobe_x, 0x33, padded(content(declined)), declined, True))
    # 4. A valid entry whose plaintext has a padding byte that is not zero: the recipient ignores it.
    bad = bytearray(padded(content(request))); bad[-1] = 1
    lines.append(sealed_entry(kobe, 2, bytes.fromhex(lines[0]["hash"]), bytes([0x40]) * 16, osaka_id, osaka_x, 0x34, bytes(bad), request, False))
    # Plaintexts the spec does not allow, each sealed in a valid entry: its recipient ignores it.
    d = bytes.fromhex("5a" * 16) + u8(1) + u64(12800)
    day = u32(fed.days_since_epoch(2026, 10, 1))
    answer_head = lambda a, shop, contact: u8(2) + request_id + u8(a) + short(shop) + short(contact) + long("")
    invalid = [
        ("a declining answer with damage", answer_head(2, "", "") + u8(1) + d + u64(0) + day + u8(0)),
        ("ladder steps out of order", answer_head(1, "大阪雑貨店", "06-6000-0000") + u8(1) + d + u64(0) + day + u8(2)
         + u8(2) + day + u8(1) + day),
        ("more paid than owed", answer_head(1, "大阪雑貨店", "06-6000-0000") + u8(1) + bytes.fromhex("5a" * 16) + u8(1)
         + u64(100) + u64(101) + day + u8(0)),
        ("a sharing answer without a shop name", answer_head(1, "", "06-6000-0000") + u8(0)),
        ("a text over 1,000 bytes", u8(1) + bytes.fromhex("5a" * 16) + short("神戸珈琲店") + short("078-300-0000") + long("あ" * 334)),
        ("an escape sequence in the text", u8(1) + bytes.fromhex("5a" * 16) + short("神戸珈琲店") + short("078-300-0000") + long("\x1b[2J偽の行")),
        ("an unknown message kind", u8(3) + bytes(16)),
    ]
    for n, (what, raw) in enumerate(invalid):
        line = sealed_entry(osaka, 10 + n, bytes([0xB0 + n]) * 32, bytes([0x50 + n]) * 16, kobe_id, kobe_x, 0x40 + n, padded(raw), None, False)
        line["fields"]["invalid_for_check"] = what
        lines.append(line)
    for l in lines:
        assert len(bytes.fromhex(l["fields"]["ciphertext"])) in range(272, 4113, 256)
    path = os.path.join(fed.OUT, "sealed_messages.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for l in lines:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print("wrote", os.path.normpath(path))

    # Step 10's rules for sealed messages (federation.md section 5), as a chain: the operator admits
    # both shops; Kobe writes to Osaka; then to itself, and again under the same message id (both
    # invalid_body); then under a new id to a node no one admitted (accepted: that is another log).
    op = Ed25519PrivateKey.from_private_bytes(bytes([0xC0]) * 32)
    op_id = op.public_key().public_bytes(**RAW)
    admit = lambda seq, prev, k, x, name: fed.entry(op, seq, prev, "admit", {
        "member": k.public_key().public_bytes(**RAW).hex(), "sealing_key": x.public_key().public_bytes(**RAW).hex(),
        "role": "shop", "name": name, "region": "kansai"})
    a1 = admit(1, bytes(32), osaka, osaka_x, "shop-osaka-012")
    a2 = admit(2, bytes.fromhex(a1["hash"]), kobe, kobe_x, "shop-kobe-007")
    first = lines[0]
    to_self = sealed_entry(kobe, 2, bytes.fromhex(first["hash"]), bytes([0x41]) * 16, kobe_id, kobe_x, 0x35, padded(content(request)), request, True)
    same_id = sealed_entry(kobe, 2, bytes.fromhex(first["hash"]), request_id, osaka_id, osaka_x, 0x36, padded(content(request)), request, True)
    stranger = bytes([0x77]) * 32
    new_id = sealed_entry(kobe, 2, bytes.fromhex(first["hash"]), bytes([0x42]) * 16, stranger, osaka_x, 0x37, padded(content(request)), request, True)
    steps = [("the operator admits Osaka", a1["entry"], "accepted"), ("and Kobe", a2["entry"], "accepted"),
             ("Kobe writes to Osaka", first["entry"], "accepted"),
             ("Kobe writes to itself", to_self["entry"], "invalid_body"),
             ("Kobe uses its message id again", same_id["entry"], "invalid_body"),
             ("Kobe writes, under a new id, to a node no one admitted", new_id["entry"], "accepted")]
    path = os.path.join(fed.OUT, "chain_messages.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for what, e, verdict in steps:
            f.write(json.dumps({"operator": op_id.hex(), "step": what, "entry": e, "expect": verdict}) + "\n")
    print("wrote", os.path.normpath(path))

if __name__ == "__main__":
    main()
