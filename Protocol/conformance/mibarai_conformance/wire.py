"""Wire primitives and gossip frames (federation.md sections 1, 6 and 7)."""
from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

MAX_MESSAGE_BYTES = 4_194_304
MAX_ENTRIES = 1_024
MAX_ENTRY_BYTES = 65_536
MAX_PEERS = 64
MAX_RECENT_HEADS = 16
BUCKETS = 64


class Malformed(ValueError):
    """Bytes that do not decode under the spec."""


class TooLarge(ValueError):
    """A frame, list or entry over its limit."""


class Reader:
    def __init__(self, data: bytes) -> None:
        self.data = bytes(data)
        self.pos = 0

    @property
    def remaining(self) -> int:
        return len(self.data) - self.pos

    def raw(self, n: int) -> bytes:
        if n < 0 or self.remaining < n:
            raise Malformed(f"needs {n} bytes, {self.remaining} left")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def u8(self) -> int:
        return self.raw(1)[0]

    def u16(self) -> int:
        return struct.unpack(">H", self.raw(2))[0]

    def u32(self) -> int:
        return struct.unpack(">I", self.raw(4))[0]

    def u64(self) -> int:
        return struct.unpack(">Q", self.raw(8))[0]

    def varint(self) -> int:
        value = 0
        for i in range(10):
            b = self.u8()
            value |= (b & 0x7F) << (7 * i)
            if not b & 0x80:
                if i > 0 and b == 0:
                    raise Malformed("varint not in its shortest form")
                if value >= 1 << 64:
                    raise Malformed("varint over 64 bits")
                return value
        raise Malformed("varint longer than 10 bytes")

    def str8(self) -> str:
        n = self.u8()
        try:
            return self.raw(n).decode("utf-8")
        except UnicodeDecodeError as e:
            raise Malformed("invalid UTF-8") from e

    def end(self) -> None:
        if self.remaining:
            raise Malformed(f"{self.remaining} trailing bytes")


def u8(v: int) -> bytes:
    return struct.pack(">B", v)


def u16(v: int) -> bytes:
    return struct.pack(">H", v)


def u32(v: int) -> bytes:
    return struct.pack(">I", v)


def u64(v: int) -> bytes:
    return struct.pack(">Q", v)


def varint(v: int) -> bytes:
    if v < 0 or v >= 1 << 64:
        raise ValueError("varint out of range")
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def str8(s: str) -> bytes:
    b = s.encode("utf-8")
    if len(b) > 255:
        raise ValueError("str8 over 255 bytes")
    return u8(len(b)) + b


# Messages (section 7): code -> name.
CODES = {1: "hello", 2: "summary", 3: "in_sync", 4: "buckets", 5: "want", 6: "delta", 7: "entries",
         8: "get_peers", 9: "peers", 10: "equivocation", 11: "error", 12: "hinted_summary"}
NAMES = {v: k for k, v in CODES.items()}
ERRORS = {1: "unsupported_version", 2: "malformed", 3: "too_large", 4: "rate_limited", 5: "unexpected_message",
          6: "refused_entries", 7: "closing"}


@dataclass(frozen=True)
class Head:
    """A member-numbered head (section 6)."""
    member: int
    seq: int


def encode_heads(heads: list[Head]) -> bytes:
    out = varint(len(heads))
    previous = 0
    for i, h in enumerate(heads):
        if i and h.member <= previous:
            raise ValueError("heads not strictly ascending")
        out += varint(h.member - previous) + varint(h.seq)
        previous = h.member
    return out


def decode_heads(r: Reader, allow_zero: bool) -> list[Head]:
    n = r.varint()
    if n > r.remaining // 2:
        raise Malformed("head count beyond the bytes present")
    heads: list[Head] = []
    previous = 0
    for i in range(n):
        step = r.varint()
        if i and step == 0:
            raise Malformed("member numbers not strictly ascending")
        member = previous + step
        seq = r.varint()
        if seq == 0 and not allow_zero:
            raise Malformed("head seq 0")
        heads.append(Head(member, seq))
        previous = member
    return heads


def encode_entry_list(entries: list[bytes]) -> bytes:
    return varint(len(entries)) + b"".join(u32(len(e)) + e for e in entries)


def decode_entry_list(r: Reader, max_entries: int = MAX_ENTRIES) -> list[bytes]:
    n = r.varint()
    if n > max_entries:
        raise Malformed("entry list over its cap")
    out = []
    for _ in range(n):
        length = r.u32()
        if length > MAX_ENTRY_BYTES:
            raise TooLarge("entry over 65,536 bytes")
        out.append(r.raw(length))
    return out


@dataclass
class Message:
    """A decoded gossip message: its name and fields (entries are kept as bytes)."""
    name: str
    fields: dict[str, Any]

    @property
    def code(self) -> int:
        return NAMES[self.name]


def encode_payload(m: Message) -> bytes:
    f = m.fields
    if m.name == "hello":
        return (u8(f["min_version"]) + u8(f["max_version"]) + u32(f["max_message_bytes"]) + u16(f["max_entries"])
                + str8(f["listen_address"]))
    if m.name == "summary":
        return f["root"] + varint(f["total_entries"])
    if m.name in ("in_sync", "get_peers"):
        return b""
    if m.name == "buckets":
        return b"".join(u16(d) for d in f["digests"])
    if m.name == "want":
        return u64(f["mask"]) + encode_heads(f["heads"])
    if m.name == "delta":
        return u64(f["mask"]) + encode_heads(f["behind"]) + encode_entry_list(f["entries"])
    if m.name == "entries":
        return encode_entry_list(f["entries"])
    if m.name == "peers":
        return varint(len(f["peers"])) + b"".join(node + str8(addr) for node, addr in f["peers"])
    if m.name == "equivocation":
        return encode_entry_list(f["entries"])
    if m.name == "error":
        return u8(f["code"]) + u8(f["detail"])
    if m.name == "hinted_summary":
        return f["root"] + varint(f["total_entries"]) + encode_heads(f["recent"])
    raise ValueError(m.name)


def frame(m: Message) -> bytes:
    body = u8(m.code) + encode_payload(m)
    return u32(len(body)) + body


def decode_body(body: bytes, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_MESSAGE_BYTES) -> Message:
    """A frame's code and payload (the 4-byte length already read)."""
    if len(body) > max_bytes:
        raise TooLarge("frame over max_message_bytes")
    if not body:
        raise Malformed("empty frame")
    r = Reader(body)
    code = r.u8()
    name = CODES.get(code)
    if name is None:
        raise Malformed(f"unknown message code {code}")
    f: dict[str, Any] = {}
    if name == "hello":
        f["min_version"], f["max_version"] = r.u8(), r.u8()
        f["max_message_bytes"], f["max_entries"], f["listen_address"] = r.u32(), r.u16(), r.str8()
    elif name in ("summary", "hinted_summary"):
        f["root"], f["total_entries"] = r.raw(16), r.varint()
        if name == "hinted_summary":
            f["recent"] = decode_heads(r, allow_zero=False)
            if len(f["recent"]) > MAX_RECENT_HEADS:
                raise Malformed("more than 16 recent heads")
    elif name == "buckets":
        f["digests"] = [r.u16() for _ in range(BUCKETS)]
    elif name == "want":
        f["mask"], f["heads"] = r.u64(), None
        f["heads"] = decode_heads(r, allow_zero=False)
    elif name == "delta":
        f["mask"] = r.u64()
        f["behind"] = decode_heads(r, allow_zero=True)
        f["entries"] = decode_entry_list(r, max_entries)
    elif name in ("entries", "equivocation"):
        f["entries"] = decode_entry_list(r, max_entries)
        if name == "equivocation" and len(f["entries"]) != 2:
            raise Malformed("equivocation carries exactly two entries")
    elif name == "peers":
        n = r.varint()
        if n > MAX_PEERS:
            raise Malformed("more than 64 peers")
        f["peers"] = [(r.raw(32), r.str8()) for _ in range(n)]
    elif name == "error":
        f["code"], f["detail"] = r.u8(), r.u8()
        if f["code"] not in ERRORS:
            raise Malformed(f"unknown error code {f['code']}")
    r.end()
    return Message(name, f)


def split_frame(data: bytes) -> Message:
    """A whole frame, length included."""
    r = Reader(data)
    length = r.u32()
    if length != r.remaining:
        raise Malformed("frame length disagrees with the bytes")
    return decode_body(r.raw(length))
