"""Keys, the join request and the join bundle (membership.md, "Keys", "Joining", "Member certificates")."""
from __future__ import annotations

import base64
import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from cryptography.x509.oid import NameOID

from . import log, sealing

JOIN_CONTEXT = b"mibarai/join/v1\x00"
NAME_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")


class BundleRefused(Exception):
    """A join bundle that fails a check of membership.md, step 3."""


def raw(public_key: Any) -> bytes:
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass
class Keys:
    """A member's three keys (membership.md, "Keys")."""
    node: Ed25519PrivateKey
    sealing: X25519PrivateKey
    tls: ec.EllipticCurvePrivateKey

    @property
    def node_id(self) -> bytes:
        return raw(self.node.public_key())

    @property
    def sealing_public(self) -> bytes:
        return raw(self.sealing.public_key())

    @staticmethod
    def generate(seed: int | None = None) -> "Keys":
        """Fresh keys, or fixed ones from a one-byte seed (for reproducible transcripts only)."""
        if seed is None:
            return Keys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate(), ec.generate_private_key(ec.SECP256R1()))
        return Keys(Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32),
                    X25519PrivateKey.from_private_bytes(bytes([(seed + 0x10) % 256]) * 32),
                    ec.derive_private_key(int.from_bytes(bytes([(seed + 0x20) % 256]) * 31, "big"), ec.SECP256R1()))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        secret = {"node": self.node.private_bytes(Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()).hex(),
                  "sealing": self.sealing.private_bytes(Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()).hex()}
        write_private(directory / "keys.json", json.dumps(secret).encode())
        write_private(directory / "tls.key", self.tls.private_bytes(Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))

    @staticmethod
    def load(directory: Path) -> "Keys":
        secret = json.loads((directory / "keys.json").read_text())
        tls = serialization.load_pem_private_key((directory / "tls.key").read_bytes(), password=None)
        assert isinstance(tls, ec.EllipticCurvePrivateKey)
        return Keys(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(secret["node"])),
                    X25519PrivateKey.from_private_bytes(bytes.fromhex(secret["sealing"])), tls)


def write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def join_request(keys: Keys, name: str) -> dict[str, Any]:
    """Step 1: the JSON join request, with its PKCS #10 CSR signed by the TLS key and the CSR's DER
    signed again by the node log key."""
    if not 1 <= len(name) <= 64 or set(name) - NAME_CHARS:
        raise ValueError("a node name is 1-64 of A-Z a-z 0-9 - _ .")
    node_hex, sealing_hex = keys.node_id.hex(), keys.sealing_public.hex()
    csr = (x509.CertificateSigningRequestBuilder()
           .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
           .add_extension(x509.SubjectAlternativeName([
               x509.UniformResourceIdentifier(f"urn:mibarai:node:{node_hex}"),
               x509.UniformResourceIdentifier(f"urn:mibarai:sealing:{sealing_hex}")]), critical=False)
           .sign(keys.tls, hashes.SHA256()))
    der = csr.public_bytes(Encoding.DER)
    return {"version": 1, "name": name, "node_id": node_hex, "sealing_key": sealing_hex,
            "csr": csr.public_bytes(Encoding.PEM).decode(), "signature": keys.node.sign(JOIN_CONTEXT + der).hex()}


def uris(cert: x509.Certificate) -> dict[str, str]:
    """`urn:mibarai:<kind>:<value>` names of a certificate's subjectAltName, by kind."""
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return {}
    out = {}
    for u in san.get_values_for_type(x509.UniformResourceIdentifier):
        parts = u.split(":", 3)
        if len(parts) == 4 and parts[0] == "urn" and parts[1] == "mibarai":
            out[parts[2]] = parts[3]
    return out


def signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    key = issuer.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or cert.signature_hash_algorithm is None:
        return False
    try:
        key.verify(cert.signature, cert.tbs_certificate_bytes, ec.ECDSA(cert.signature_hash_algorithm))
        return True
    except Exception:
        return False


def validity(cert: x509.Certificate) -> tuple[datetime.datetime, datetime.datetime]:
    if hasattr(cert, "not_valid_before_utc"):
        return cert.not_valid_before_utc, cert.not_valid_after_utc
    return (cert.not_valid_before.replace(tzinfo=datetime.timezone.utc), cert.not_valid_after.replace(tzinfo=datetime.timezone.utc))


def fingerprint(cert: x509.Certificate) -> str:
    h = cert.fingerprint(hashes.SHA256()).hex()
    return " ".join(h[i:i + 4] for i in range(0, len(h), 4))


@dataclass
class Joined:
    federation: str
    operator: bytes
    root: x509.Certificate
    certificate: x509.Certificate
    log: log.Log
    epoch_keys: dict[int, bytes]
    member_number: int


def read_bundle(bundle: dict[str, Any], keys: Keys, now: datetime.datetime | None = None) -> Joined:
    """Step 3: every check a joining node makes, then the operator's log verified from its first
    entry, which must admit this node and seal it at least one epoch key (opened here)."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    if bundle.get("version") != 1:
        raise BundleRefused("bundle version")
    root = x509.load_pem_x509_certificate(bundle["root"].encode())
    cert = x509.load_pem_x509_certificate(bundle["certificate"].encode())
    try:
        ca = root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        ca = False
    if not (root.issuer == root.subject and ca and signed_by(root, root)):
        raise BundleRefused("the root is not a self-signed CA")
    if cert.issuer != root.subject or not signed_by(cert, root):
        raise BundleRefused("the root did not sign the certificate")
    start, end = validity(cert)
    if not start <= now <= end:
        raise BundleRefused("the certificate is not valid now")
    names = uris(cert)
    if not {"node", "sealing", "role", "region"} <= names.keys():
        raise BundleRefused("not a member certificate (a URI is missing)")
    if names["node"] != keys.node_id.hex():
        raise BundleRefused("the certificate names another node key")
    if names["sealing"] != keys.sealing_public.hex():
        raise BundleRefused("the certificate names another sealing key")
    if cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo) != \
            keys.tls.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo):
        raise BundleRefused("the certificate is not for this TLS key")
    operator_hex = bundle["operator_key"]
    if uris(root).get("operator") != operator_hex:
        raise BundleRefused("the operator key differs from the root's")
    operator = bytes.fromhex(operator_hex)
    state = log.Log(operator)
    for line in bundle.get("operator_log") or []:
        state.append(base64.b64decode(line, validate=True))  # raises log.Refused
    me = keys.node_id
    if me not in state.members or me in state.revoked:
        raise BundleRefused("the operator's log does not admit this node")
    opened: dict[int, bytes] = {}
    for body in state.sealed:
        k = sealing.open_epoch_key(body, operator, me, keys.sealing)
        if k is not None:
            opened[body["epoch"]] = k
    if not opened:
        raise BundleRefused("the operator's log seals no epoch key to this node")
    return Joined(bundle["federation"], operator, root, cert, state, opened, state.members[me].number)
