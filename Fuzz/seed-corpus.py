#!/usr/bin/env python3
"""Writes the seed inputs that come from files in the repository into Fuzz/Corpus/<target>/.

Seeds the project's own code must make (signed entries, certificates, join bundles) are written
by `scripts/fuzz.sh --seed`, which runs each target with MIBARAI_FUZZ_SEEDS set. Run this once
after adding a vector or fixture; then minimise with `scripts/fuzz.sh --merge`.
"""
import base64
import hashlib
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "Corpus"
VECTORS = ROOT / "Protocol" / "vectors"


def put(target, data):
    """Writes one seed, named by its SHA-1 as libFuzzer names corpus files."""
    if isinstance(data, str):
        data = data.encode()
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def jsonl(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def main():
    # The web page's forms: a sign-in (even first byte: URL-encoded) and a CSV upload (odd: the
    # boundary parameter on the first line, then the multipart body).
    put("WebFormFuzz", b"\x00csrf=" + b"ab" * 32 + b"&password=correct+horse%20battery&lang=ja")
    put("WebFormFuzz", b"\x00name=%E5%B1%B1%E7%94%B0&phone=080-2468-1357&amount=%C2%A512%2C800&=&a&b=")
    put("WebFormFuzz", b"\x01boundary=----b0undary\n------b0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
        + b"ab" * 32 + b"\r\n------b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"orders.csv\"\r\n"
        + b"Content-Type: text/csv\r\n\r\n\x92\x8d\x95\xb6ID,TEL1\r\n201,011\r\n\r\n------b0undary--\r\n")
    # Gossip frames (length prefix cut: the target reads code and payload) and log entries.
    for name in ("exchange.jsonl", "exchange_v2.jsonl"):
        for row in jsonl(VECTORS / "federation" / name):
            if "frame" in row:
                put("GossipMessageFuzz", bytes.fromhex(row["frame"])[4:])
    for name in ("entries.jsonl", "chain.jsonl"):
        for row in jsonl(VECTORS / "federation" / name):
            if "entry" in row:
                put("LogEntryFuzz", bytes.fromhex(row["entry"]))
    # Sealed messages' plaintexts (valid ones and those their recipient ignores) and their entries.
    for row in jsonl(VECTORS / "federation" / "sealed_messages.jsonl"):
        put("ContactMessageFuzz", bytes.fromhex(row["fields"]["plaintext_for_check"]))
        put("LogEntryFuzz", bytes.fromhex(row["entry"]))
    for row in jsonl(VECTORS / "federation" / "version_vectors.jsonl"):
        put("VersionVectorFuzz", bytes.fromhex(row["encoding"]))

    # Normalisation vectors: each in its own field of the identity (NUL-separated, in the order
    # name, kana, postal code, address, phone, e-mail); addresses with their postal code.
    fields = ["name", "name_kana", "postal_code", "address", "phone", "email"]
    for field in fields:
        for row in jsonl(VECTORS / "normalization" / f"{field}.jsonl"):
            values = [""] * 6
            values[fields.index(field)] = row["input"]
            if field == "address" and row.get("postal_code"):
                values[2] = row["postal_code"]
            put("NormalizerFuzz", "\0".join(values))
    for row in jsonl(VECTORS / "identity_tokens.jsonl"):
        ident = row["identity"]
        put("NormalizerFuzz", "\0".join(ident.get(f) or "" for f in fields))

    # Order CSV exports (synthetic test fixtures).
    for path in sorted((ROOT / "Tests" / "Fixtures" / "orders").glob("*.csv")):
        put("OrderCSVFuzz", path.read_bytes())

    # Screening API bodies: the examples of Protocol/screening-api.*.
    put("ScreenRequestFuzz", json.dumps({
        "reference": "#1002", "payment": "NP後払い",
        "billing": {"name": "見本 太郎", "phone": "090-2222-3333", "email": "taro@yahoo.co.jp",
                    "address": "岐阜県大垣市 大垣郵便局留め", "postal_code": "503-8799"}}, ensure_ascii=False))
    put("ScreenRequestFuzz", json.dumps({
        "reference": "#1002", "placed_at": "2026-11-21T10:00:00+09:00", "payment": "NP後払い",
        "billing": {"name": "見本 太郎", "phone": "090-0000-0000", "email": "taro@example.jp",
                    "postal_code": "135-0045", "address": "東京都江東区古石場2-29-16"},
        "shipping": {"name": "見本 花子", "name_kana": "ミホン ハナコ", "address": "大阪府大阪市北区梅田1-1-1"},
        "items": [{"sku": "KETTLE-1", "name": "やかん", "quantity": 1, "unit_price_yen": 12800}],
        "delivery_method": "宅配便"}, ensure_ascii=False))

    # The node's configuration file.
    put("NodeConfigurationFuzz", (ROOT / "deploy" / "mibarai.example.toml").read_bytes())
    put("NodeConfigurationFuzz", 'node_id = "shop-example"\n')

    # The node's own files (selector byte, then the file or two files cut at NUL).
    key = bytes(range(32))
    keys = {"primary": 2, "epochs": [
        {"epoch": 1, "key": base64.b64encode(key).decode(), "adopted_on": "2026-01-01"},
        {"epoch": 2, "key": base64.b64encode(key[::-1]).decode()}]}
    put("NodeFilesFuzz", b"\x00" + json.dumps(keys).encode())
    put("NodeFilesFuzz", b"\x01" + base64.b64encode(key) + b"\n")
    # The membership files (selectors 2 and 3) are written by the target itself (--seed).



if __name__ == "__main__":
    main()
