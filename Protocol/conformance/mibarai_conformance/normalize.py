"""A second implementation of Mibarai identity normalisation, written from Protocol/normalization.md.

Standard library only (Python 3.11). Reads the normative tables of Protocol/data/ and nothing else.
Section and step numbers in the comments are those of normalization.md.

    normalize_identity({"name": ..., "name_kana": ..., "postal_code": ..., "address": ...,
                        "phone": ..., "email": ...}) -> the six canonical strings (None: no usable value)

Command line: JSON lines of records on stdin, one JSON line of canonical fields per record on stdout
(an `id` and a `variant` member of the record are copied through).
"""

from __future__ import annotations

import functools
import json
import sys
import unicodedata

from . import tables

FIELDS = ("name", "name_kana", "postal_code", "address", "phone", "email")

# ---------------------------------------------------------------------------------------------
# § Character classes and common folding
# ---------------------------------------------------------------------------------------------


def is_white_space(c: str) -> bool:
    return c in tables.white_space()


def is_dash(c: str) -> bool:
    """Any member of the dash set, the prolonged sound marks included."""
    return c in tables.dashes()


def is_strict_dash(c: str) -> bool:
    """A member of the dash set of class `dash` (not the prolonged sound marks)."""
    return tables.dashes().get(c) == "dash"


def is_variation_selector(c: str) -> bool:
    v = ord(c)
    return 0xFE00 <= v <= 0xFE0F or 0xE0100 <= v <= 0xE01EF


def _ccc(c: str) -> int:
    extra = tables.unicode_additions().get(c)
    return extra[0] if extra else unicodedata.combining(c)


def _compose_pair(a: str, b: str) -> str | None:
    r = unicodedata.normalize("NFC", a + b)
    return r if len(r) == 1 else None


def _nfkc_15_1(s: str) -> str:
    """NFKC with the Unicode 15.1 data: Python 3.11's unicodedata is Unicode 14.0, so the characters
    added in 15.0/15.1 that NFKC touches (unicode-15.1-additions.tsv) are decomposed, ordered and
    composed here by the algorithm of UAX #15; every other character has the same data in 14.0 and
    15.1 (normalisation stability), so unicodedata answers for it."""
    additions = tables.unicode_additions()
    if not any(c in additions for c in s):
        return unicodedata.normalize("NFKC", s)
    # Full compatibility decomposition.
    chars: list[str] = []
    for c in s:
        if c in additions:
            mapping = additions[c][1]
            chars.extend(unicodedata.normalize("NFKD", mapping) if mapping else c)
        else:
            chars.extend(unicodedata.normalize("NFKD", c))
    # Canonical ordering: stable sort of each run of non-starters by combining class.
    i = 0
    while i < len(chars):
        if _ccc(chars[i]) == 0:
            i += 1
            continue
        j = i
        while j < len(chars) and _ccc(chars[j]) != 0:
            j += 1
        chars[i:j] = sorted(chars[i:j], key=_ccc)
        i = j
    # Canonical composition.
    if not chars:
        return ""
    starter_pos = 0
    starter = chars[0]
    last_class = _ccc(starter)
    if last_class != 0:
        last_class = 256
    out_pos = 1
    for k in range(1, len(chars)):
        ch = chars[k]
        ch_class = _ccc(ch)
        composite = _compose_pair(starter, ch) if _ccc(starter) == 0 else None
        if composite is not None and (last_class < ch_class or last_class == 0):
            chars[starter_pos] = composite
            starter = composite
            continue
        if ch_class == 0:
            starter_pos = out_pos
            starter = ch
        last_class = ch_class
        chars[out_pos] = ch
        out_pos += 1
    return "".join(chars[:out_pos])


def fold(s: str) -> str:
    """Common folding steps 1-2: variation selectors removed, then NFKC (Unicode 15.1)."""
    return _nfkc_15_1("".join(c for c in s if not is_variation_selector(c)))


# ---------------------------------------------------------------------------------------------
# § name
# ---------------------------------------------------------------------------------------------

def _is_hiragana(c: str) -> bool:
    return 0x3041 <= ord(c) <= 0x3096


def _is_katakana_letter(c: str) -> bool:
    v = ord(c)
    return 0x30A1 <= v <= 0x30FA or 0x31F0 <= v <= 0x31FF or v in (0x30FD, 0x30FE)


def normalize_name(raw: str | None) -> str | None:
    if raw is None:
        return None
    s: list[str] = []
    for c in fold(raw):
        if is_white_space(c):
            if s and s[-1] != " ":
                s.append(" ")
        elif c == "\u30FB":
            continue
        else:
            s.append(c)
    while s and s[-1] == " ":
        s.pop()
    # Step 3: trailing honorifics.
    while True:
        if s and s[-1] in ("様", "殿"):
            s.pop()
        elif s[-2:] == ["御", "中"]:
            del s[-2:]
        elif s[-2:] == ["さ", "ま"] and (len(s) == 2 or not _is_hiragana(s[-3])):
            del s[-2:]
        elif s[-2:] == ["サ", "マ"] and (len(s) == 2 or not _is_katakana_letter(s[-3])):
            del s[-2:]
        else:
            break
        while s and s[-1] == " ":
            s.pop()
    variants = tables.variant_kanji()
    out = []
    for c in s:
        if c == " ":
            continue
        if "a" <= c <= "z":
            out.append(c.upper())
        else:
            out.append(variants.get(c, c))
    return "".join(out) or None


# ---------------------------------------------------------------------------------------------
# § name_kana
# ---------------------------------------------------------------------------------------------

SMALL_KANA = {
    "ァ": "ア", "ィ": "イ", "ゥ": "ウ", "ェ": "エ", "ォ": "オ", "ッ": "ツ", "ャ": "ヤ", "ュ": "ユ", "ョ": "ヨ",
    "ヮ": "ワ", "ヵ": "カ", "ヶ": "ケ",
}
SMALL_KANA.update(zip((chr(v) for v in range(0x31F0, 0x3200)), "クシストヌハヒフヘホムラリルレロ"))

KANA_HONORIFIC_WORDS = ("サマ", "様", "殿", "ドノ")


def _to_katakana(c: str) -> str:
    v = ord(c)
    if 0x3041 <= v <= 0x3096 or v in (0x309D, 0x309E):
        return chr(v + 0x60)
    return c


def _unvoiced(c: str) -> str:
    return unicodedata.normalize("NFD", c)[0]


def _voiced(c: str) -> str | None:
    r = unicodedata.normalize("NFC", c + "\u3099")
    return r if len(r) == 1 else None


def normalize_name_kana(raw: str | None) -> str | None:
    if raw is None:
        return None
    pre = raw.replace("\u309B", "\u3099").replace("\u309C", "\u309A")
    words: list[list[str]] = []
    in_word = False
    for c in fold(pre):
        if is_white_space(c) or c in ("\u30FB", "="):
            in_word = False
            continue
        if not in_word:
            in_word = True
            words.append([])
        word = words[-1]
        if is_dash(c):
            word.append("ー")
            continue
        k = SMALL_KANA.get(_to_katakana(c), _to_katakana(c))
        if k in ("ヽ", "ヾ"):
            if not word or word[-1] == "ー":
                return None
            base = _unvoiced(word[-1])
            if k == "ヾ":
                v = _voiced(base)
                if v is None:
                    return None
                k = v
            else:
                k = base
        word.append(k)
    if len(words) >= 2 and "".join(words[-1]) in KANA_HONORIFIC_WORDS:
        words.pop()
    letters = [c for w in words for c in w]
    if words and letters and letters[-1] in ("様", "殿"):
        letters.pop()
    count = 0
    for c in letters:
        if c == "ー":
            continue
        if not _is_katakana_letter(c):
            return None
        count += 1
    return "".join(letters) if count else None


# ---------------------------------------------------------------------------------------------
# § postal_code
# ---------------------------------------------------------------------------------------------


def normalize_postal_code(raw: str | None) -> str | None:
    if raw is None:
        return None
    digits = []
    state = 0  # 0 before the number, 1 inside, 2 after
    for c in fold(raw):
        if "0" <= c <= "9":
            if state == 2:
                return None
            state = 1
            digits.append(c)
            if len(digits) > 7:
                return None
        elif state == 1 and (is_dash(c) or is_white_space(c)):
            continue
        elif state == 1:
            state = 2
    return "".join(digits) if len(digits) == 7 else None


# ---------------------------------------------------------------------------------------------
# § phone
# ---------------------------------------------------------------------------------------------


def _plan_valid(nsn: str) -> bool:
    plan = tables.numbering_plan()
    if not 8 <= len(nsn) <= 12 or nsn[0] == "0":
        return False
    return any((len(nsn), nsn[:k]) in plan for k in range(1, 6))


EXTENSION_MARKERS = ("内線", "EXT.", "EXT", "X")


def _is_extension(s: str, i: int) -> bool:
    """Whether s[i:] (where the number ended) is an extension (normalization.md, phone step 2)."""
    while i < len(s) and (is_white_space(s[i]) or s[i] == "("):
        i += 1
    upper = "".join(c.upper() if "a" <= c <= "z" else c for c in s[i:])
    marker = next((m for m in EXTENSION_MARKERS if upper.startswith(m)), None)
    if marker is None:
        return False
    i += len(marker)
    while i < len(s) and (is_white_space(s[i]) or s[i] in ":."):
        i += 1
    return i < len(s) and "0" <= s[i] <= "9"


def normalize_phone(raw: str | None) -> str | None:
    if raw is None:
        return None
    digits = []
    plus = False
    state = 0
    folded = fold(raw)
    for k, c in enumerate(folded):
        if "0" <= c <= "9":
            if state == 2:
                return None
            state = 1
            digits.append(c)
            if len(digits) > 20:
                return None
        elif c == "+":
            if state != 0:
                return None
            plus = True
            state = 1
        elif state == 1:
            if is_white_space(c) or is_dash(c) or c in "().":
                continue
            state = 2
            if _is_extension(folded, k):
                break
    d = "".join(digits)
    if plus and not d:
        return None
    if plus:
        if not d.startswith("81"):
            return None
        nsn = d[2:]
        if nsn.startswith("0"):
            nsn = nsn[1:]
    elif d.startswith("0081"):
        nsn = d[4:]
        if nsn.startswith("0"):
            nsn = nsn[1:]
    elif d.startswith("01081"):
        nsn = d[5:]
        if nsn.startswith("0"):
            nsn = nsn[1:]
    elif d.startswith("0"):
        nsn = d[1:]
    else:
        return None
    return "+81" + nsn if _plan_valid(nsn) else None


# ---------------------------------------------------------------------------------------------
# § email
# ---------------------------------------------------------------------------------------------

LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.!#$%&'*+-/=?^_`{|}~")
LABEL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def _is_domain(d: str) -> bool:
    labels = d.split(".")
    if len(labels) < 2:
        return False
    for label in labels:
        if not 1 <= len(label) <= 63 or label[0] == "-" or label[-1] == "-":
            return False
        if any(c not in LABEL_CHARS for c in label):
            return False
    return not labels[-1].isdigit()


def _unwrapped_email(s: str) -> str:
    """The address inside what was typed around it (normalization.md, email step 1)."""
    open_ = s.find("<")
    if open_ >= 0:
        close = s.find(">", open_)
        if close >= 0:
            s = s[open_ + 1:close]
    while s and is_white_space(s[0]):
        s = s[1:]
    while s and is_white_space(s[-1]):
        s = s[:-1]
    if "".join(c.lower() if "A" <= c <= "Z" else c for c in s[:7]) == "mailto:":
        s = s[7:]
    if s.endswith(")") and "@" in s:
        at = s.rfind("@")
        open_ = s.rfind("(", at)
        if open_ >= 0:
            s = s[:open_]
    return s


def normalize_email(raw: str | None) -> str | None:
    if raw is None:
        return None
    chars = []
    for c in _unwrapped_email(fold(raw)):
        if is_white_space(c):
            continue
        if ord(c) > 0x7F:
            return None
        chars.append(c.lower() if "A" <= c <= "Z" else c)
    s = "".join(chars)
    if "@" not in s:
        return None
    local, domain = s.split("@", 1)
    if not local or any(c not in LOCAL_CHARS for c in local) or not _is_domain(domain):
        return None
    if domain in ("gmail.com", "googlemail.com"):
        local = local.split("+", 1)[0].replace(".", "")
        return local + "@gmail.com" if local else None
    return s


# ---------------------------------------------------------------------------------------------
# § address
# ---------------------------------------------------------------------------------------------

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
KANJI_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000}
NUMBER_CEILING = 10**12


def _is_digit(c: str) -> bool:
    return "0" <= c <= "9"


def _is_kanji_numeral(c: str) -> bool:
    return c in KANJI_DIGITS or c in KANJI_MULTIPLIERS


def _is_kanji(c: str) -> bool:
    v = ord(c)
    return 0x4E00 <= v <= 0x9FFF or 0x3400 <= v <= 0x4DBF or 0x20000 <= v <= 0x3FFFF or v in (0x3005, 0x3006)


def kanji_number_value(run: str) -> int:
    """§ address, kanji numerals: positional without 十百千, else additive; bounded by the ceiling."""
    def push(value: int, digit: int) -> int:
        return value if value >= NUMBER_CEILING else value * 10 + digit

    if not any(c in KANJI_MULTIPLIERS for c in run):
        value = 0
        for c in run:
            value = push(value, KANJI_DIGITS[c])
        return value
    total = 0
    current = 0
    for c in run:
        if c in KANJI_DIGITS:
            current = push(current, KANJI_DIGITS[c])
        else:
            total = min(total + min(current or 1, NUMBER_CEILING) * KANJI_MULTIPLIERS[c], NUMBER_CEILING)
            current = 0
    return min(total + current, NUMBER_CEILING)


def prepare_address(raw: str) -> str:
    """Step 1: fold; white-space runs -> one space (none at the ends); dashes -> '-'; the prolonged
    sound mark -> '-' only between two ASCII digits."""
    t = fold(raw)
    out: list[str] = []
    pending = False
    for k, c in enumerate(t):
        if is_white_space(c):
            pending = bool(out)
            continue
        if pending:
            out.append(" ")
            pending = False
        if is_strict_dash(c):
            c = "-"
        elif is_dash(c):  # a prolonged sound mark
            if out and _is_digit(out[-1]) and k + 1 < len(t) and _is_digit(t[k + 1]):
                c = "-"
        out.append(c)
    return "".join(out)


class PlaceKey:
    """§ address, place keys: `key` (folded characters), `end[k]` (index in the text after the
    characters that gave key[k]) and `boundary[k]` (a name may end after key[k])."""

    __slots__ = ("key", "end", "boundary")

    def __init__(self, s: str, start: int = 0, numerals: bool = True):
        self.key: list[str] = []
        self.end: list[int] = []
        self.boundary: list[bool] = []
        variants = tables.place_variant_kanji()
        i, n = start, len(s)
        while i < n:
            c = s[i]
            if c == " ":
                i += 1
                continue
            if numerals and _is_kanji_numeral(c):
                j = i
                while j < n and _is_kanji_numeral(s[j]):
                    j += 1
                digits = str(kanji_number_value(s[i:j]))
                for d, ch in enumerate(digits):
                    self.key.append(ch)
                    self.end.append(j)
                    self.boundary.append(d == len(digits) - 1)
                i = j
                continue
            self.key.append(place_fold(c, variants))
            self.end.append(i + 1)
            self.boundary.append(not (_is_digit(c) and i + 1 < n and _is_digit(s[i + 1])))
            i += 1

    def has_prefix(self, name: tuple) -> bool:
        m = len(name)
        return 0 < m <= len(self.key) and self.boundary[m - 1] and tuple(self.key[:m]) == name


def place_fold(c: str, variants: dict[str, str]) -> str:
    if c in ("ヶ", "ヵ", "が"):
        return "ケ"
    if c == "の":
        return "ノ"
    return variants.get(c, c)


def place_key(name: str) -> tuple:
    return tuple(PlaceKey(name).key)


class _Index:
    """The lookups of § address over the postal directory."""

    def __init__(self) -> None:
        d = tables.postal_directory()
        self.d = d
        self.prefecture_keys = [place_key(p) for p in d.prefectures]
        self.by_code: dict[str, list[int]] = {}
        self.town_index: dict[tuple, int] = {}
        by_prefix: dict[str, set[int]] = {}
        for i, a in enumerate(d.areas):
            a.town_key = place_key(a.town)
            self.by_code.setdefault(a.code, []).append(i)
            by_prefix.setdefault(a.code[:3], set()).add(a.municipality)
            if a.town_key:
                k = (a.municipality, a.town_key)
                seen = self.town_index.get(k)
                if seen is None or ("j" in d.areas[seen].flags and "j" not in a.flags):
                    self.town_index[k] = i
        self.by_prefix = {k: sorted(v) for k, v in by_prefix.items()}
        self.city_index: dict[tuple, list[int]] = {}
        for m, (_, _, city) in enumerate(d.municipalities):
            names = [city]
            g = city.find("郡")
            if g >= 0 and g + 1 < len(city):
                names.append(city[g + 1:])
            if city.endswith("区"):
                shi = city[:-1].rfind("市")
                if shi >= 0 and len(city) - (shi + 1) > 1:
                    names.append(city[:shi + 1])
                    names.append(city[shi + 1:])
            for name in names:
                self.city_index.setdefault(place_key(name), []).append(m)
        self.offices: dict[tuple, tuple[int, str]] = {}
        for code3, m, name in d.offices:
            self.offices.setdefault((code3, place_key(name)), (m, name))

    def longest_city(self, key: PlaceKey, accept) -> tuple[list[int], int] | None:
        best = None
        for k in range(len(key.key)):
            if not key.boundary[k]:
                continue
            found = self.city_index.get(tuple(key.key[:k + 1]))
            if found:
                ok = [m for m in found if accept(m)]
                if ok:
                    best = (ok, k + 1)
        return best

    def longest_town(self, key: PlaceKey, municipality: int) -> tuple[int, int] | None:
        best = None
        for k in range(len(key.key)):
            if key.boundary[k]:
                i = self.town_index.get((municipality, tuple(key.key[:k + 1])))
                if i is not None:
                    best = (i, k + 1)
        return best


@functools.cache
def _index() -> _Index:
    return _Index()


KYOTO_DIRECTIONS = ["上がる", "上ル", "上る", "下がる", "下ル", "下る", "西入ル", "西入る", "西入", "東入ル", "東入る", "東入"]


def _kyoto_town_start(s: str, i: int) -> int | None:
    """After the last Kyoto direction word before the first ASCII digit (and its spaces), if
    something follows it there (normalization.md, address step 6)."""
    limit = next((k for k in range(i, len(s)) if "0" <= s[k] <= "9"), len(s))
    last = None
    p = i
    while p < limit:
        word = next((w for w in KYOTO_DIRECTIONS if s.startswith(w, p) and p + len(w) <= limit), None)
        if word is not None:
            p += len(word)
            last = p
        else:
            p += 1
    if last is None:
        return None
    start = _skip_spaces(s, last)
    return start if start < limit else None


def _skip_spaces(s: str, i: int) -> int:
    while i < len(s) and s[i] == " ":
        i += 1
    return i


def leading_postal_code(s: str) -> tuple[str | None, int]:
    """Step 2."""
    i = 0
    marked = s[:1] == "〒"
    if marked:
        i = 1
    i = _skip_spaces(s, i)
    digits = ""
    j = i
    while j < len(s) and len(digits) < 7:
        c = s[j]
        if _is_digit(c):
            digits += c
        elif c == "-" and len(digits) == 3:
            pass
        else:
            break
        j += 1
    if len(digits) == 7 and not (j < len(s) and _is_digit(s[j])):
        return digits, j
    return None, (i if marked else 0)


# Blocks (steps 7-8).

def _number(s: str, start: int):
    """(value, end, is_kanji) of a number at `start` (a leading 第 skipped), or None."""
    i = start
    if i < len(s) and s[i] == "第":
        i += 1
    if i >= len(s):
        return None
    if _is_digit(s[i]):
        j = i
        while j < len(s) and _is_digit(s[j]):
            j += 1
        if j - i > 12:
            return None
        return int(s[i:j]), j, False
    if _is_kanji_numeral(s[i]):
        j = i
        while j < len(s) and _is_kanji_numeral(s[j]):
            j += 1
        return kanji_number_value(s[i:j]), j, True
    return None


def _unit(s: str, i: int) -> tuple[str, int]:
    if i >= len(s):
        return "none", i
    c = s[i]
    nxt = s[i + 1] if i + 1 < len(s) else ""
    if c == "丁" and nxt == "目":
        return "chome", i + 2
    if c == "番":
        if nxt == "地":
            return "banchi", i + 2
        if nxt in ("町", "丁"):
            return "none", i
        return "ban", i + 1
    if c == "号":
        if nxt == "室":
            return "goshitsu", i + 2
        return "go", i + 1
    if c == "地" and nxt == "割":
        return "chiwari", i + 2
    if c == "-" and i + 1 < len(s) and _number(s, i + 1) is not None:
        return "dash", i + 1
    if c in ("の", "ノ") and i + 1 < len(s) and _number(s, i + 1) is not None:
        return "no", i + 1
    return "none", i


def _is_block_follower(s: str, i: int, kanji: bool) -> bool:
    if i >= len(s):
        return True
    c = s[i]
    if c in (" ", "-", "#"):
        return True
    if _is_kanji(c) or c in ("ヶ", "ケ", "ノ", "の", "が"):
        return False
    return not kanji


def block_start(s: str, start: int, after_known_town: bool = False) -> int | None:
    i = start
    while i < len(s):
        if _is_digit(s[i]) or _is_kanji_numeral(s[i]):
            n = _number(s, i)
            if n is not None:
                value, end, kanji = n
                if after_known_town and not kanji:
                    return i
                unit, _ = _unit(s, end)
                if unit != "none" or _is_block_follower(s, end, kanji):
                    return i
                i = end
                continue
        i += 1
    return None


def _last_number(s: str, start: int) -> int | None:
    j = len(s)
    while j > start and not _is_digit(s[j - 1]):
        j -= 1
    if j <= start:
        return None
    k = j
    while k > start and _is_digit(s[k - 1]):
        k -= 1
    return int(s[k:j]) if j - k <= 12 else None


def parse_blocks(s: str, start: int, arity: int) -> tuple[list[int], int | None]:
    block: list[int] = []
    saw_chome = False
    i = start
    expect_more = False
    room_from_unit = None
    while i < len(s):
        if s[i] == " ":
            break
        n = _number(s, i)
        if n is None:
            break
        value, end, kanji = n
        unit, after = _unit(s, end)
        if kanji and unit == "none" and not (expect_more and _is_block_follower(s, end, False)):
            break
        if unit == "chome":
            saw_chome = True
            block.append(value)
            i = after
            expect_more = True
        elif unit in ("banchi", "ban", "dash", "no", "chiwari"):
            block.append(value)
            i = after
            expect_more = True
            if (unit in ("banchi", "ban") and i < len(s) and s[i] in ("-", "の")
                    and i + 1 < len(s) and _number(s, i + 1) is not None):
                i += 1
        elif unit == "go":
            block.append(value)
            i = after
            break
        elif unit == "goshitsu":
            room_from_unit = value
            i = after
            break
        else:
            block.append(value)
            i = end
            break
    limit = max(arity, 3) if saw_chome else arity
    room = None
    if len(block) > limit:
        room = block[-1]
        del block[limit:]
    if room_from_unit is not None:
        room = room_from_unit
    elif room is None:
        room = _last_number(s, i)
    return block, room


# Post-office holds (step 5).

HOLD_MARKERS = ("局留", "局止", "留置", "局どめ", "局とめ")
HOLD_WORDS = ("郵便局留め", "郵便局留置", "郵便局留", "郵便局止め", "郵便局止", "局留置き", "局留置", "局留め", "局留",
              "局止め", "局止", "局どめ", "局とめ", "留置き", "留置", "留め", "止め")


def is_hold(s: str) -> bool:
    t = s.replace(" ", "")
    return any(m in t for m in HOLD_MARKERS)


def office_name(s: str, start: int) -> str:
    t = s[start:].replace(" ", "")
    for w in HOLD_WORDS:
        if t.startswith(w):
            t = t[len(w):]
            break
    for stop in ("郵便局", "局"):
        k = t.find(stop)
        if k >= 0:
            return _without_street(t[:k])
    ks = [k for k in (t.find("留"), t.find("止")) if k >= 0]
    return _without_street(t[:min(ks)] if ks else t)


def _without_street(name: str) -> str:
    """The office without a street address typed before it (normalization.md, hold step 1)."""
    last = max((k for k, ch in enumerate(name) if "0" <= ch <= "9"), default=None)
    if last is None:
        return name
    rest = name[last + 1:]
    while True:
        word = next((w for w in ("番地", "番", "号", "の", "-") if rest.startswith(w)), None)
        if word is None:
            break
        rest = rest[len(word):]
    return rest if rest else name


def _canonical(parts: list[str]) -> str:
    return "|".join(parts)


def normalize_address(raw: str | None, postal_code: str | None = None) -> str | None:
    """The canonical address; `postal_code` is the normalised postal code typed beside it."""
    if raw is None:
        return None
    ix = _index()
    d = ix.d
    s = prepare_address(raw)
    if not s:
        return None
    leading_code, i = leading_postal_code(s)
    code = postal_code if postal_code is not None and len(postal_code) == 7 else None
    if code is None:
        code = leading_code

    # Step 3: prefecture.
    i = _skip_spaces(s, i)
    typed_pref = None
    pk = PlaceKey(s, i)
    for p, k in enumerate(ix.prefecture_keys):
        if pk.has_prefix(k):
            typed_pref = p
            i = pk.end[len(k) - 1]
            break

    # Step 4: city.
    code_areas = ix.by_code.get(code, []) if code else []
    code_munis: list[int] = []
    for a in code_areas:
        m = d.areas[a].municipality
        if m not in code_munis:
            code_munis.append(m)
    prefix_munis = ix.by_prefix.get(code[:3], []) if code else []
    muni = None
    city_typed = False
    i = _skip_spaces(s, i)
    ck = PlaceKey(s, i)
    ambiguous: list[int] = []
    typed_city = ""

    def accept(m: int) -> bool:
        return typed_pref is None or d.municipalities[m][0] == typed_pref

    found = ix.longest_city(ck, accept)
    if found:
        munis, length = found
        typed_city = "".join(ck.key[:length])
        pick = next((m for m in munis if m in code_munis), None)
        if pick is None:
            pick = next((m for m in munis if m in prefix_munis), None)
        if pick is None and len(munis) == 1:
            pick = munis[0]
        if pick is not None:
            muni = pick
        else:
            ambiguous = munis
        city_typed = True
        i = ck.end[length - 1]

    # Step 5: hold.
    if is_hold(s):
        hold_muni = muni if muni is not None else (prefix_munis[0] if len(prefix_munis) == 1 else None)
        typed = office_name(s, i)
        if not typed:
            return None
        office_key = place_key(typed)
        name = "".join(office_key)
        if code:
            office = ix.offices.get((code[:3], office_key))
            if office:
                hold_muni, name = office
        if hold_muni is not None:
            _, pref, city = d.municipalities[hold_muni]
            return _canonical(["KYOKUDOME", pref, city, name])
        pref = d.prefectures[typed_pref] if typed_pref is not None else ""
        return _canonical(["KYOKUDOME", pref, "", name])

    # Step 6: town.
    i = _skip_spaces(s, i)
    town_area = None
    unmatched_town = ""
    candidates = [muni] if muni is not None else (ambiguous or code_munis)
    starts = [i]
    if s.startswith("大字", i):
        starts.append(i + 2)
    elif s.startswith("字", i):
        starts.append(i + 1)
    if candidates and all(d.municipalities[m][2].startswith("京都市") for m in candidates):
        kyoto = _kyoto_town_start(s, i)
        if kyoto is not None:
            starts.insert(0, kyoto)
    for start in starts:
        key = PlaceKey(s, start)
        best = None
        for a in code_areas:
            area = d.areas[a]
            if (muni is None or area.municipality == muni) and key.has_prefix(area.town_key):
                if best is None or len(area.town_key) > best[1]:
                    best = (a, len(area.town_key))
        if best is None:
            hits = [t for t in (ix.longest_town(key, m) for m in candidates) if t is not None]
            if len(hits) == 1 or (muni is not None and hits):
                best = hits[0]
        if best is None:
            best = _fuzzy_town(key, code_areas, muni)
        if best is not None and typed_pref is None and not city_typed:
            after = _skip_spaces(s, key.end[best[1] - 1])
            if after < len(s) and not _is_digit(s[after]) and not _is_kanji_numeral(s[after]):
                best = None
        if best is not None:
            town_area = best[0]
            i = key.end[best[1] - 1]
            break
    if town_area is None:
        i = starts[-1]
        end = block_start(s, i)
        if end is None:
            end = len(s)
        unmatched_town = "".join(PlaceKey(s[i:end], numerals=False).key)
        i = end
    if town_area is not None:
        muni = d.areas[town_area].municipality
    if muni is None and code_munis:
        muni = code_munis[0]
    if not city_typed and town_area is None:
        return None
    if muni is not None:
        _, prefecture, city = d.municipalities[muni]
    else:
        prefecture = d.prefectures[typed_pref] if typed_pref is not None else ""
        city = typed_city

    # Steps 7-8: blocks and room.
    if town_area is not None:
        arity = 3 if "c" in d.areas[town_area].flags else 2
    elif code_areas:
        arity = 3 if "c" in d.areas[code_areas[0]].flags else 2
    else:
        arity = 3
    block_from = block_start(s, i, town_area is not None)
    if block_from is None:
        block_from = len(s)
    block, room = parse_blocks(s, block_from, arity)
    town = d.areas[town_area].town if town_area is not None else unmatched_town
    if not town and not block:
        return None
    return _canonical([prefecture, city, town, "-".join(str(n) for n in block), "" if room is None else str(room)])


def _fuzzy_town(key: PlaceKey, code_areas: list[int], muni: int | None) -> tuple[int, int] | None:
    d = _index().d
    found = None
    for a in code_areas:
        area = d.areas[a]
        t = area.town_key
        if len(t) < 2 or (muni is not None and area.municipality != muni):
            continue
        if len(t) > len(key.key) or not key.boundary[len(t) - 1]:
            continue
        diff = 0
        for k in range(len(t)):
            if t[k] != key.key[k]:
                if not (_is_kanji(t[k]) and _is_kanji(key.key[k])):
                    diff = 2
                    break
                diff += 1
        if diff != 1:
            continue
        if found is not None:
            return None
        found = (a, len(t))
    return found


# ---------------------------------------------------------------------------------------------
# Whole identity and command line
# ---------------------------------------------------------------------------------------------


def _text(v):
    return v if isinstance(v, str) else None


def normalize_identity(record: dict) -> dict:
    """The six canonical strings of a record (None: no usable value)."""
    postal = normalize_postal_code(_text(record.get("postal_code")))
    return {
        "name": normalize_name(_text(record.get("name"))),
        "name_kana": normalize_name_kana(_text(record.get("name_kana"))),
        "postal_code": postal,
        "address": normalize_address(_text(record.get("address")), postal),
        "phone": normalize_phone(_text(record.get("phone"))),
        "email": normalize_email(_text(record.get("email"))),
    }


def load_tables() -> None:
    """Loads and checks every data file now (raises tables.TableError), instead of at first use."""
    tables.white_space()
    tables.dashes()
    tables.variant_kanji()
    tables.place_variant_kanji()
    tables.numbering_plan()
    tables.unicode_additions()
    _index()


def main(argv: list[str] | None = None) -> int:
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    try:
        load_tables()
    except tables.TableError as e:
        print(f"error: {e}", file=sys.stderr)
        return 3
    out = sys.stdout
    for n, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            print(f"line {n}: not JSON", file=sys.stderr)
            return 2
        if not isinstance(record, dict):
            print(f"line {n}: not a JSON object", file=sys.stderr)
            return 2
        result = {k: record[k] for k in ("id", "variant") if k in record}
        result.update(normalize_identity(record))
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
