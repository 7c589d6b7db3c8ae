"""Opening a sealed epoch key (federation.md section 4, "Sealed epoch keys"): HPKE (RFC 9180) base
mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305, written out from the RFC so it
runs on any `cryptography` release with X25519 and ChaCha20-Poly1305."""
from __future__ import annotations

import hashlib
import hmac

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

INFO = b"mibarai/epoch-key/v1"
KEM_ID, KDF_ID, AEAD_ID = 0x0020, 0x0001, 0x0003
KEM_SUITE = b"KEM" + KEM_ID.to_bytes(2, "big")
HPKE_SUITE = b"HPKE" + KEM_ID.to_bytes(2, "big") + KDF_ID.to_bytes(2, "big") + AEAD_ID.to_bytes(2, "big")


def _extract(salt: bytes, ikm: bytes) -> bytes:
    return hmac.new(salt, ikm, hashlib.sha256).digest()


def _expand(prk: bytes, info: bytes, length: int) -> bytes:
    out, block, i = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([i]), hashlib.sha256).digest()
        out += block
        i += 1
    return out[:length]


def _labeled_extract(suite: bytes, salt: bytes, label: bytes, ikm: bytes) -> bytes:
    return _extract(salt, b"HPKE-v1" + suite + label + ikm)


def _labeled_expand(suite: bytes, prk: bytes, label: bytes, info: bytes, length: int) -> bytes:
    return _expand(prk, length.to_bytes(2, "big") + b"HPKE-v1" + suite + label + info, length)


def raw_public(key: X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def open_base(recipient: X25519PrivateKey, enc: bytes, info: bytes, aad: bytes, ciphertext: bytes) -> bytes:
    """SetupBaseR + Open of the first message (sequence number 0). Raises InvalidTag."""
    dh = recipient.exchange(X25519PublicKey.from_public_bytes(enc))
    kem_context = enc + raw_public(recipient)
    eae_prk = _labeled_extract(KEM_SUITE, b"", b"eae_prk", dh)
    shared = _labeled_expand(KEM_SUITE, eae_prk, b"shared_secret", kem_context, 32)
    psk_id_hash = _labeled_extract(HPKE_SUITE, b"", b"psk_id_hash", b"")
    info_hash = _labeled_extract(HPKE_SUITE, b"", b"info_hash", info)
    context = b"\x00" + psk_id_hash + info_hash
    secret = _labeled_extract(HPKE_SUITE, shared, b"secret", b"")
    key = _labeled_expand(HPKE_SUITE, secret, b"key", context, 32)
    nonce = _labeled_expand(HPKE_SUITE, secret, b"base_nonce", context, 12)
    return ChaCha20Poly1305(key).decrypt(nonce, ciphertext, aad)


def open_epoch_key(body: dict, operator: bytes, member: bytes, sealing: X25519PrivateKey) -> bytes | None:
    """This member's 32-byte blinding key from an `epoch_key` body (decoded fields), or None if it
    has no box or the box does not open."""
    for box in body["boxes"]:
        if bytes.fromhex(box["member"]) != member:
            continue
        aad = operator + body["epoch"].to_bytes(4, "big") + member
        try:
            key = open_base(sealing, bytes.fromhex(box["enc"]), INFO, aad, bytes.fromhex(box["ciphertext"]))
        except (InvalidTag, ValueError):
            return None
        return key if len(key) == 32 else None
    return None
