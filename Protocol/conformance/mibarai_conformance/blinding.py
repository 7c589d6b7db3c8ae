"""Tokens from canonical strings (blinding.md, "Token derivation" and "Token types")."""
from __future__ import annotations

import hashlib
import hmac
from typing import Any

TOKEN_TYPES = {"phone": 1, "email": 2, "name_address": 3, "kana_address": 4, "address": 5}
HOLD_PREFIX = "KYOKUDOME|"


def token(key: bytes, epoch: int, type_code: int, values: list[str]) -> bytes:
    m = b"mibarai/token/v1\x00" + epoch.to_bytes(4, "big") + bytes([type_code])
    for v in values:
        b = v.encode("utf-8")
        m += len(b).to_bytes(4, "big") + b
    return hmac.new(key, m, hashlib.sha256).digest()[:16]


def is_post_office_hold(identity: dict[str, Any]) -> bool:
    address = identity.get("address")
    return bool(identity.get("post_office_hold")) or (address is not None and address.startswith(HOLD_PREFIX))


def identity_tokens(key: bytes, epoch: int, identity: dict[str, Any]) -> list[tuple[str, bytes]]:
    """The tokens a normalised identity yields, in emission order: phone, email, name_address,
    kana_address, address (the last only for a home, not a 局留め). Absent or None = no value."""
    def value(name: str) -> str | None:
        v = identity.get(name)
        return v if isinstance(v, str) and v else None

    phone, email, name, kana, address = (value(n) for n in ("phone", "email", "name", "name_kana", "address"))
    wanted: list[tuple[str, list[str]]] = []
    if phone:
        wanted.append(("phone", [phone]))
    if email:
        wanted.append(("email", [email]))
    if name and address:
        wanted.append(("name_address", [name, address]))
    if kana and address:
        wanted.append(("kana_address", [kana, address]))
    if address and not is_post_office_hold(identity):
        wanted.append(("address", [address]))
    return [(t, token(key, epoch, TOKEN_TYPES[t], vs)) for t, vs in wanted]


def canonical_identity(raw: dict[str, Any]) -> dict[str, Any]:
    """A raw identity through the Python normaliser (`normalize.py`), when this package has it."""
    from . import normalize  # imported late: the module is optional
    return normalize.normalize_identity(raw)


def strength(types: set[str]) -> str:
    """blinding.md, "Match strength": independent identifiers among phone, e-mail, person at the address."""
    n = ("phone" in types) + ("email" in types) + bool(types & {"name_address", "kana_address"})
    return "strong" if n >= 2 else "probable" if n == 1 else "household"
