#!/usr/bin/env python3
"""Generate Protocol/data/itaiji.tsv (the node ships a byte-identical copy in Resources/): variant kanji (異体字) -> representative.

Sources (all public, named in Protocol/normalization.md § name):
  1. geolonia normalize-japanese-addresses, src/lib/dictionaries/jisDai2.ts (MIT): 290 pairs
     old form / JIS level 2 -> new form / JIS level 1, copied to scripts/data/geolonia-jisDai2.tsv.
  2. SKK-JISYO.itaiji (public domain; Debian package `skkdic-extra`,
     /usr/share/skk/SKK-JISYO.itaiji, EUC-JP, JIS X 0208 characters only). It also lists
     characters that are merely related (広/弘/宏, 恵/慧, 坂/阪, 一/壱), and those write different
     names, so a pair from it is kept only when a second source confirms it (jisDai2, or the same
     family in ja-itaiji) AND either side's entry marks the other as <人名用漢字> (the form allowed
     in personal names, e.g. 島/嶋, 野/埜, 富/冨) or at most one of the two is a JIS level-1
     kanji (a rare level-2 glyph folded to a common one, e.g. 嶌→島, 邉→辺). Candidates annotated
     with a question mark are dropped.
  3. PyPI `ja-itaiji` 1.0.2 (MIT), data/term/ja-itaiji.json. Its families are loose (simplified
     Chinese forms, and chains that would join unrelated characters), so it only contributes
     variants that lie outside JIS X 0208 (glyphs such as 髙 﨑 德 濵 瀨 郞 桒, which a plain
     Shift_JIS system cannot hold): such a variant maps to the JIS X 0208 characters of its
     families only when those all belong to one class already; an ambiguous variant is dropped.
  4. MANUAL below: pairs none of the sources has, each a well-known variant in Japanese names.

Sources 1, 2 and 4 are merged into equivalence classes (union-find), then 3 attaches its variants;
each class maps every member to one
representative: the preferred form in PREFERRED if the class has one, else a jisDai2 target, else
a JIS X 0208 level-1 character, else level 2, else the lowest code point. Classes that would join
two or more JIS X 0208 level-1 characters are listed on stderr for review.
Only single ideographs (CJK Unified, Ext A-H, compatibility) take part; every key and value is
NFKC-stable (compatibility ideographs with a canonical decomposition are left to NFKC).

usage: python3 scripts/gen_itaiji_table.py > Protocol/data/itaiji.tsv
       cp Protocol/data/itaiji.tsv Sources/MibaraiCore/Resources/
then raise the version line if the content changed, and update its SHA-256 in Protocol/normalization.md.
"""
import json
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SKK = "/usr/share/skk/SKK-JISYO.itaiji"
JISDAI2 = os.path.join(HERE, "data", "geolonia-jisDai2.tsv")

# Name-practice variants no source above pairs. Each is the same name written with another glyph.
MANUAL = [
    ("𠮷", "吉"),  # U+20BB7 "tsuchi-yoshi", the best-known variant in surnames (𠮷田, 𠮷野)
    ("斉", "斎"),  # 斎藤/斉藤/齋藤/齊藤 are one surname (Saitō) in everyday practice
    ("\uFA11", "崎"),  # 﨑 "tatsu-saki" (IBM extension); ja-itaiji puts it in both 崎 and 埼 families
    ("嵜", "崎"),  # 山嵜/山崎; SKK links it to 埼 and 碕 as well
    ("濵", "浜"),  # ja-itaiji also lists it under 頻
]
# Pairs the table must contain (checked at the end): the best-known variants in Japanese names.
MUST = ["髙高", "\uFA11崎", "嵜崎", "邊辺", "邉辺", "齋斎", "齊斎", "斉斎", "澤沢", "濱浜", "濵浜", "德徳",
        "𠮷吉", "嶋島", "嶌島", "眞真", "埜野", "穗穂", "繪絵", "萬万", "彌弥", "龍竜", "瀨瀬", "郞郎", "桒桑"]
# The representative a class should fold to when it holds one of these.
PREFERRED = set("高崎島吉斎辺沢浜徳真野竜滝弥万絵桑瀬郎隆祐祥福穂広国栄恵桜富峰曽園祢亘駆杯")


def is_ideograph(c):
    if len(c) != 1:
        return False
    o = ord(c)
    return (0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x3134F or 0x2F800 <= o <= 0x2FA1F)


def jis_level(c):
    """1 or 2 for JIS X 0208 level-1/level-2 kanji, 0 otherwise."""
    try:
        b = c.encode("euc_jp")
    except UnicodeEncodeError:
        return 0
    if len(b) != 2:
        return 0  # 3-byte EUC-JP = JIS X 0212
    row = b[0] - 0xA0
    return 1 if 16 <= row <= 47 else 2 if 48 <= row <= 84 else 0


def nfkc_stable(c):
    return unicodedata.normalize("NFKC", c) == c


def load_jisdai2():
    pairs = []
    with open(JISDAI2, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            s, d = line.rstrip("\n").split("\t")
            pairs.append((s, d))
    return pairs


def load_skk():
    pairs = []
    with open(SKK, encoding="euc_jp") as f:
        for line in f:
            if line.startswith(";") or " /" not in line:
                continue
            head, rest = line.rstrip("\n").split(" /", 1)
            for cand in rest.split("/"):
                if not cand:
                    continue
                word, _, note = cand.partition(";")
                if "？" in note or "?" in note:
                    continue
                pairs.append((head, word, note))
    return pairs


def load_ja_itaiji():
    import ja_itaiji
    path = os.path.join(os.path.dirname(ja_itaiji.__file__), "data", "term", "ja-itaiji.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def classes_of(root, parent, find):
    return [c for c in list(parent) if find(c) == root]


def main():
    jd2 = load_jisdai2()
    fam = load_ja_itaiji()
    jd2set = {frozenset(p) for p in jd2}

    def in_ja(a, b):
        return b in fam.get(a, ()) or a in fam.get(b, ())

    skk = load_skk()
    annotated = {frozenset((h, c)) for h, c, note in skk if "人名用漢字" in note}
    trusted = [(s, d, "jisDai2") for s, d in jd2] + [(a, b, "manual") for a, b in MANUAL]
    loose = []
    skk_dropped = 0
    for a, b, _ in skk:
        if not (is_ideograph(a) and is_ideograph(b)) or a == b:
            continue
        confirmed = frozenset((a, b)) in jd2set or in_ja(a, b)
        if confirmed and frozenset((a, b)) in annotated:
            trusted.append((a, b, "SKK"))
        elif confirmed and not (jis_level(a) == 1 and jis_level(b) == 1):
            loose.append((a, b, "SKK"))
        else:
            skk_dropped += 1

    def nfkc_pairs(pairs):
        out = []
        for a, b, src in pairs:
            a2, b2 = unicodedata.normalize("NFKC", a), unicodedata.normalize("NFKC", b)
            if a2 != b2 and len(a2) == 1 and len(b2) == 1:
                out.append((a2, b2, src))
        return out

    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def level1_roots(chars):
        return {find(c) for c in chars if jis_level(c) == 1}

    # 1. trusted pairs may join two common (level-1) characters
    for a, b, _ in nfkc_pairs(trusted):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    # 2. confirmed SKK pairs through a rare character: never join two classes that each hold a
    #    level-1 character, and drop every such pair of a character linked to two of them
    loose = nfkc_pairs(loose)
    links = {}
    for a, b, _ in loose:
        links.setdefault(a, set()).add(b)
        links.setdefault(b, set()).add(a)
    skk_kept = 0
    for a, b, _ in loose:
        if len(level1_roots(links[a] | {a})) > 1 or len(level1_roots(links[b] | {b})) > 1:
            skk_dropped += 1
            continue
        ra, rb = find(a), find(b)
        if ra != rb and level1_roots(classes_of(ra, parent, find)) and level1_roots(classes_of(rb, parent, find)):
            skk_dropped += 1
            continue
        parent[ra] = rb
        skk_kept += 1
    # 3. ja-itaiji: variants outside JIS X 0208 attach to a single existing class
    candidates = {}
    for head, members in fam.items():
        group = [unicodedata.normalize("NFKC", c) for c in [head] + list(members)]
        group = [c for c in group if len(c) == 1 and is_ideograph(c)]
        std = {c for c in group if jis_level(c) > 0}
        for v in group:
            if jis_level(v) == 0 and nfkc_stable(v):
                candidates.setdefault(v, set()).update(std)
    ja_kept = ja_ambiguous = 0
    for v, std in sorted(candidates.items()):
        roots = {find(c) for c in std}
        if len(roots) == 1:
            parent[find(v)] = roots.pop()
            ja_kept += 1
        elif roots:
            ja_ambiguous += 1
    classes = {}
    for x in list(parent):
        classes.setdefault(find(x), set()).add(x)

    jd2_targets = {d for _, d in jd2}

    def rank(c):
        return (c not in PREFERRED, c not in jd2_targets, {1: 0, 2: 1, 0: 2}[jis_level(c)], ord(c))

    rows = []
    for members in classes.values():
        rep = min(members, key=rank)
        l1 = sorted(c for c in members if jis_level(c) == 1)
        if len(l1) >= 2:
            print("review: %s -> %s  (level-1: %s)" % ("".join(sorted(members)), rep, "".join(l1)), file=sys.stderr)
        for c in members:
            if c != rep and nfkc_stable(c):
                rows.append((c, rep))
    rows.sort(key=lambda r: ord(r[0]))
    table = dict(rows)
    for pair in MUST:
        v, rep = pair[0], pair[1]
        assert table.get(v, v) == table.get(rep, rep), "missing variant pair %s" % pair
    print("# mibarai-data itaiji.tsv version 1")
    print("# variant\trepresentative. GENERATED by scripts/gen_itaiji_table.py; do not edit.")
    print("# Sources: geolonia normalize-japanese-addresses jisDai2 (MIT), SKK-JISYO.itaiji (public domain),")
    print("# PyPI ja-itaiji 1.0.2 (MIT), manual pairs in the script. %d rows." % len(rows))
    for c, rep in rows:
        print("%s\t%s" % (c, rep))
    print("pairs: jisDai2=%d SKK kept=%d dropped=%d ja-itaiji variants kept=%d ambiguous=%d manual=%d; "
          "classes=%d rows=%d" % (len(jd2), skk_kept, skk_dropped, ja_kept, ja_ambiguous, len(MANUAL),
                                  len(classes), len(rows)), file=sys.stderr)


if __name__ == "__main__":
    main()
