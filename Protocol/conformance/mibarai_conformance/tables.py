"""Loads the normative data files of Protocol/data/ (see Protocol/normalization.md, "Data files").

Only the files under Protocol/data/ (and the SHA-256 list of Protocol/normalization.md) are read.
Each file must have the SHA-256 that normalization.md lists and start with the line
`# mibarai-data <name> version <n>`; a file with another hash or version, a malformed line or an
empty table raises TableError naming the file and the line number (never the line's content).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from dataclasses import dataclass, field

PROTOCOL_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA_DIR = os.path.join(PROTOCOL_DIR, "data")

# The versions this normaliser implements (normalization.md, "Data files").
VERSIONS = {
    "dashes.tsv": 1,
    "white-space.tsv": 1,
    "itaiji.tsv": 1,
    "place-variant-kanji.tsv": 1,
    "numbering-plan.tsv": 1,
    "postal.tsv": 1,
    "unicode-15.1-additions.tsv": 1,
}


class TableError(Exception):
    """A data file is missing, of another version, or malformed."""


@functools.cache
def listed_hashes() -> dict[str, str]:
    """File name -> SHA-256 (hex) from the table of normalization.md, section "Data files"."""
    try:
        with open(os.path.join(PROTOCOL_DIR, "normalization.md"), encoding="utf-8") as f:
            spec = f.read()
    except OSError as e:
        raise TableError("normalization.md cannot be read") from e
    hashes = {}
    for m in re.finditer(r"^\| `([^`]+)` \|.*`([0-9a-f]{64})` \|$", spec, re.MULTILINE):
        hashes[m.group(1)] = m.group(2)
    return hashes


def _rows(name: str):
    """Yields (line number, tab-separated fields) of the data lines of a file."""
    path = os.path.join(DATA_DIR, name)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise TableError(f"data file {name} cannot be read") from e
    if hashlib.sha256(raw).hexdigest() != listed_hashes().get(name):
        raise TableError(f"data file {name} does not have the SHA-256 that normalization.md lists")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise TableError(f"data file {name} is not UTF-8") from e
    lines = text.split("\n")
    expected = f"# mibarai-data {name} version {VERSIONS[name]}"
    if lines[0] != expected:
        raise TableError(f"data file {name}: line 1 is not the version line of version {VERSIONS[name]}")
    count = 0
    for n, line in enumerate(lines, start=1):
        if not line or line.startswith("#"):
            continue
        count += 1
        yield n, line.split("\t")
    if count == 0:
        raise TableError(f"data file {name} has no data lines")


def _code_point(name: str, n: int, text: str) -> int:
    if not text.startswith("U+") or not 4 <= len(text) - 2 <= 6:
        raise TableError(f"data file {name}: line {n} is malformed")
    try:
        return int(text[2:], 16)
    except ValueError as e:
        raise TableError(f"data file {name}: line {n} is malformed") from e


def _single(name: str, n: int, text: str) -> str:
    if len(text) != 1:
        raise TableError(f"data file {name}: line {n} is malformed")
    return text


@functools.cache
def dashes() -> dict[str, str]:
    """Dash character -> its class (`dash` or `prolonged`)."""
    out = {}
    for n, f in _rows("dashes.tsv"):
        if len(f) != 3 or f[1] not in ("dash", "prolonged"):
            raise TableError(f"data file dashes.tsv: line {n} is malformed")
        out[chr(_code_point("dashes.tsv", n, f[0]))] = f[1]
    return out


@functools.cache
def white_space() -> frozenset[str]:
    out = set()
    for n, f in _rows("white-space.tsv"):
        if len(f) != 2:
            raise TableError(f"data file white-space.tsv: line {n} is malformed")
        out.add(chr(_code_point("white-space.tsv", n, f[0])))
    return frozenset(out)


def _pairs(name: str) -> dict[str, str]:
    out = {}
    for n, f in _rows(name):
        if len(f) != 2:
            raise TableError(f"data file {name}: line {n} is malformed")
        out[_single(name, n, f[0])] = _single(name, n, f[1])
    return out


@functools.cache
def variant_kanji() -> dict[str, str]:
    """The name variant-kanji table (itaiji.tsv): variant -> representative."""
    return _pairs("itaiji.tsv")


@functools.cache
def place_variant_kanji() -> dict[str, str]:
    """The place-key variant list: variant -> common form."""
    return _pairs("place-variant-kanji.tsv")


@functools.cache
def numbering_plan() -> dict[tuple[int, str], str]:
    """(NSN length, prefix) -> type letter."""
    out = {}
    for n, f in _rows("numbering-plan.tsv"):
        if (len(f) != 3 or not f[0].isascii() or not f[0].isdigit() or not 1 <= len(f[0]) <= 5
                or f[0][0] == "0" or not f[1].isascii() or not f[1].isdigit() or len(f[2]) != 1):
            raise TableError(f"data file numbering-plan.tsv: line {n} is malformed")
        out[(int(f[1]), f[0])] = f[2]
    return out


@functools.cache
def unicode_additions() -> dict[str, tuple[int, str]]:
    """Character -> (canonical combining class, full NFKD mapping) for the Unicode 15.x additions."""
    out = {}
    name = "unicode-15.1-additions.tsv"
    for n, f in _rows(name):
        if len(f) != 3:
            raise TableError(f"data file {name}: line {n} is malformed")
        try:
            ccc = int(f[1])
        except ValueError as e:
            raise TableError(f"data file {name}: line {n} is malformed") from e
        mapping = "".join(chr(_code_point(name, n, x)) for x in f[2].split(" ") if x)
        out[chr(_code_point(name, n, f[0]))] = (ccc, mapping)
    return out


@dataclass
class Area:
    code: str
    municipality: int
    town: str
    flags: str
    town_key: tuple = ()


@dataclass
class Directory:
    prefectures: list = field(default_factory=list)       # prefecture names, in order of first use
    municipalities: list = field(default_factory=list)    # (prefecture index, prefecture, city)
    areas: list = field(default_factory=list)             # Area, ordered by postal code (stable)
    offices: list = field(default_factory=list)           # (code3, municipality, office name)


@functools.cache
def postal_directory() -> Directory:
    d = Directory()
    pref_index: dict[str, int] = {}
    muni_index: dict[str, int] = {}
    name = "postal.tsv"

    def digits(s: str, count: int) -> bool:
        return len(s) == count and s.isascii() and s.isdigit()

    for n, f in _rows(name):
        kind = f[0]
        if kind == "M":
            if len(f) != 4 or not digits(f[1], 5) or not f[2] or not f[3]:
                raise TableError(f"data file {name}: line {n} is malformed")
            if f[2] not in pref_index:
                pref_index[f[2]] = len(d.prefectures)
                d.prefectures.append(f[2])
            muni_index[f[1]] = len(d.municipalities)
            d.municipalities.append((pref_index[f[2]], f[2], f[3]))
        elif kind == "A":
            if len(f) != 5 or not digits(f[1], 7):
                raise TableError(f"data file {name}: line {n} is malformed")
            if f[2] not in muni_index:
                raise TableError(f"data file {name}: line {n} names an undefined municipality")
            d.areas.append(Area(f[1], muni_index[f[2]], f[3], f[4]))
        elif kind == "P":
            if len(f) != 4 or not digits(f[1], 3) or not f[3]:
                raise TableError(f"data file {name}: line {n} is malformed")
            if f[2] not in muni_index:
                raise TableError(f"data file {name}: line {n} names an undefined municipality")
            d.offices.append((f[1], muni_index[f[2]], f[3]))
        else:
            raise TableError(f"data file {name}: line {n} is malformed")
    d.areas.sort(key=lambda a: a.code)  # stable: file order within a code
    return d
