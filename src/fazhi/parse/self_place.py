"""The level and the place a text speaks of itself as: the suffix of 我市/全县/县人民政府/镇党委
(`self_level`), township names written in a text, the place of a level the text names most
often (`level_place`), a city named only by its short name (`city_short_place`); per report (`c`,
the meta component's context): the level of a reporter never named or masked, and the place of
the level the report speaks of itself as (`_self_level_place`)."""
from __future__ import annotations

import re
from collections import Counter

from ..zh.cjk import CJK
from ..zh.masks import MASK_RX, SOME_RX
from . import place as M  # the place helpers of the meta component
from .clean_view import Clean, _view
from .place_forms import _INSTRUCTED, _autonomous_of_head
from .provinces import province_subject
from .units import _SUBJECT_VERB


# -- places of a level named in the text -------------------------------------------
_WE = re.compile(r"(?:我|全|本)(省|自治区|市|州|县|区|旗|盟|镇|乡|街道)")
_ORGAN_SELF = re.compile(r"(?:^|(?<=[,，。:：;；\s、])|(?<=现将)|(?<=年))(省|市|州|县|区|镇|乡|街道)"
                         r"(?:人民政府|政府|党委|党工委|办事处)(?!办|研究室|法制办)")
# the government of a level, with or without its name (市政府党组, 湘西州政府, 自治区政府)
_GOV_OF = re.compile(r"(自治区|省|市|州|县|区|镇|乡|街道)(?:人民政府|政府)(?!办|研究室|法制办|网站|门户)")
_SUFFIX_OF = {"自治区": "省", "街道": "街道"}
# a league (盟) speaks of itself by its organs, never with 盟人民政府: 盟委 and 行署 (the league's
# 行政公署), 依法治盟, 盟本级, 盟直 (its departments); not on an addressee line (盟委、行署：)
_LEAGUE_SELF = re.compile(r"盟委(?!员会办)|(?<=盟委、)行署|盟行署|依法治盟|盟本级|盟直(?:各|部门|单位)")
_AUTONOMOUS_ORGAN = re.compile(r"自治区(?:人民政府|政府|党委)")


_SUPERIOR_CLAUSE = re.compile(r"在[^，,。；;\n]{0,40}?(?:领导|指导|关心|支持|帮助)下|"
                              r"(?:落实|贯彻|按照)[^，,。；;\n]{0,12}?(?:关于|的)[^，,。；;\n]{0,30}?(?:部署|要求|安排)")


_SCOPE_OF_HONOUR = re.compile(r"[^，,。；;、\n]{0,14}?(?:示范|先进|优秀|第一|前列|首批|标兵)")


def self_level(norm: str) -> str | None:
    """The suffix of the place the report speaks of itself as: 我市/全县/县人民政府/镇党委."""
    cnt: Counter = Counter()
    # the organs of the clause naming who leads or guides the reporter (在县委、县政府的领导下,
    # 认真落实县委、县政府关于…的部署) are its superiors, not itself
    norm = _SUPERIOR_CLAUSE.sub(lambda m: " " * len(m.group()), norm)
    spans = set()
    for m in _ORGAN_SELF.finditer(norm):
        cnt[m.group(1)] += 1
        spans.add(m.start(1))
    for line in norm.split("\n"):
        n_league = 0 if re.search(r"[:：]\s*$", line) else len(_LEAGUE_SELF.findall(line))
        if n_league:
            cnt["盟"] += n_league
    for m in _GOV_OF.finditer(norm):
        if m.start(1) not in spans and not (m.group(1) == "区" and norm[max(0, m.start() - 2):m.start()] == "自治"):
            cnt[_SUFFIX_OF.get(m.group(1), m.group(1))] += 1
    # 全区 / 我区 of a text that speaks of 自治区人民政府 and of no district's organs: the region
    region = cnt["省"] > 0 and cnt["区"] == 0 and _AUTONOMOUS_ORGAN.search(norm) is not None
    for m in _WE.finditer(norm):
        if m.group(0)[0] == "全" and _SCOPE_OF_HONOUR.match(norm, m.end()):
            continue          # 创建全省法治政府建设示范县, 全市先进: the scope of an honour
        suf = _SUFFIX_OF.get(m.group(1), m.group(1))
        # 我县/本县 is the text speaking as itself; 全省 may be a superior's scope (创建全省…
        # 示范县) and 省政府 a superior named outside the leadership clause: 我 counts double
        cnt["省" if region and suf == "区" else suf] += 2 if m.group(0)[0] in "我本" else 1
    if not cnt:
        return None
    (suf, n), *rest = cnt.most_common(2) + [(None, 0)]
    if rest and rest[0][1] == n:
        return None
    return suf


def _blank(s: str, a: int, b: int) -> str:
    return s[:a] + " " * (b - a) + s[b:]


def _inside_place(s: str, a: int, b: int, gaz) -> bool:
    """s[a:b] lies inside a longer gazetteer name (the 镇 of a city named X镇市)."""
    lo = max(0, a - 6)
    return any(lo + st <= a and b < lo + en for st, en, _ in gaz.find(s[lo:b + 4], free_text=False))


# a particle, or a place word after a verb or preposition (促进了全镇, 对全乡, 把我镇): no town's name;
# nor the self-reference 我镇 / 本乡 after any word (推进我镇, 一年来我镇): no name ends in 我 or 本
_NOT_TOWN = re.compile(r"[了的]|[把将对从向让使被由给是为在到][全我本该各此](?:镇|乡|街道|苏木)$|"
                       r"[我本](?:镇|乡|街道|苏木)$")


def _township_names(s: str, gaz=None) -> Counter:
    """Township names (X镇, X乡, X街道) in a text: the longest left extension of each suffix
    occurrence that is as frequent as the shortest one, written at least twice. A 镇 that is
    part of a county or city name (a city named X镇市) is not a township."""
    counts: Counter = Counter()
    for m in re.finditer(r"(?:镇|乡|街道|苏木)", s):
        if gaz is not None and _inside_place(s, m.start(), m.end(), gaz):
            continue
        for k in (2, 3, 4):
            a = m.start() - k
            if a < 0:
                break
            stem = s[a:m.start()]
            if not re.fullmatch(rf"[{CJK}]+", stem):
                break
            counts[stem + m.group()] += 1
    out: Counter = Counter()
    for name, n in counts.items():
        if re.match(r"[我全本该各驻到在乡城村集重强小大各个每该和与及、的]", name) or \
                _NOT_TOWN.search(name) is not None or \
                name.endswith(("乡镇", "城镇", "村镇", "城乡")) or \
                re.search(r"法治(?:镇|乡|街道|苏木)$", name) is not None:
            # 依法治镇, 全面依法治乡: a slogan, not a town
            continue
        stem = re.sub(r"(?:镇|乡|街道|苏木)$", "", name)
        if n < 2:
            # a town written once in full and once by its stem in its slogan (推进“法治X”建设)
            # …unless the stem is a county's or a city's as well (法治X of X县, whose seat is X镇)
            # and only for the town opening a sentence (。X镇深入贯彻…) as the subject
            if len(stem) >= 2 and not re.search(rf"{re.escape(stem)}(?:县|市|区|旗|州|盟)", s) and \
                    not (gaz is not None and stem in gaz.city_shorts) and \
                    re.search(rf"(?:^|[。\n])\s*{re.escape(name)}", s):
                n += len(re.findall(rf"(?:法治|平安){re.escape(stem)}(?!镇|乡|街道|苏木)", s))
            if n < 2:
                continue
            counts[name] = n
        longer = [o for o in counts if o.endswith(name) and len(o) == len(name) + 1 and counts[o] == n]
        if longer:
            continue
        out[name] = n
    # drop a name contained in a longer kept one with the same count
    for name in list(out):
        if any(o != name and o.endswith(name) and out[o] == out[name] for o in out):
            del out[name]
    return out


_SELF_PROVINCE = re.compile(r"(?:我|本)(?:省|自治区)|(?<![市县区州镇乡])(?:省|自治区)(?:人民)?政府(?!办|网)")
# the span of a place inferred, not written (the one province of the places a text names)
INFERRED = -2


def level_place(view: Clean, gaz, suffix: str, year, exclude: str | None = None) -> tuple[str, int, int] | None:
    """The place of the level `suffix` (省/市/县/区/镇…) the text names most often — unique,
    else None. For 省: a province's full name, else its short name (法治江西), else the one
    province of the unique places the text names."""
    s = view.s
    if exclude:
        for m in re.finditer(re.escape(exclude), s):
            s = _blank(s, m.start(), m.end())
    if suffix in ("镇", "乡", "街道"):
        names = {n: c for n, c in _township_names(s, gaz).items() if n.endswith(suffix)}
        if not names:
            return None
        best = sorted(names.items(), key=lambda kv: -kv[1])
        if len(best) > 1 and best[1][1] == best[0][1]:
            return None
        name = best[0][0]
        i = s.find(name)
        return (name, *view.span(i, i + len(name)))
    hits = gaz.find(s)
    counts: Counter = Counter()
    first: dict[str, tuple[int, int]] = {}
    for st, en, name in hits:
        places = gaz.lookup(name, year)
        if suffix == "省":
            ok = any(p.rank == "province" for p in places)
        elif suffix == "市":
            ok = name.endswith("市")      # prefecture, municipality or county-level city
        elif suffix in ("州", "盟"):
            ok = name.endswith(suffix) and any(p.rank == "city" for p in places)
        else:
            ok = name.endswith(suffix) and any(p.rank == "county" for p in places)
        if ok:
            counts[name] += 1
            first.setdefault(name, (st, en))
    if suffix in ("州", "市"):
        for m in re.finditer(rf"([{CJK}]{{2,4}}?)州(?=人民政府|政府|委|党委|本级|级|[,，。、])", s):
            fulls = gaz.city_shorts.get(m.group(1)) or set()
            if len(fulls) == 1 and next(iter(fulls)).endswith("州"):
                counts[m.group()] += 1
                first.setdefault(m.group(), m.span())
        if "自治州" in s:
            # a text speaking of its 自治州 names it by a one-character head in its slogan
            # (法治X州、法治政府、法治社会一体建设): the one autonomous 州 of that head
            for m in re.finditer(rf"{_SHORT_BEFORE}(([{CJK}])州)(?=[、,，。]|建设)", s):
                if _autonomous_of_head(gaz, m.group(2)) is not None:
                    counts[m.group(1)] += 1
                    first.setdefault(m.group(1), m.span(1))
    if not counts and suffix == "省":
        # no province written in full: its short name (法治江西, 《江西日报》)
        for short in gaz.province_shorts:
            n = len(re.findall(re.escape(short) + r"(?![省市])", s))
            if n and len(short) >= 2:
                counts[short] += n
                first.setdefault(short, (s.find(short), s.find(short) + len(short)))
        if not counts:
            # nor by its short name: the one province of the unique places the text names
            provs = {p.province for st, en, n in hits for p in [gaz.resolve(n, year)] if p is not None}
            if len(provs) == 1:
                prov = provs.pop()
                return prov, INFERRED, INFERRED
            return None
    if not counts:
        return None
    (name, n), *rest = counts.most_common(2) + [(None, 0)]
    if rest and rest[0][1] == n:
        tied = [nm for nm, k in counts.items() if k == n]
        name = _prefecture_of_tied(gaz, tied, year) if suffix == "市" else None
        if name is None:
            return None
    if suffix == "省" and name in gaz.province_shorts:
        st, en = first[name]
        return gaz.province_shorts[name], *view.span(st, en)
    st, en = first[name]
    return name, *view.span(st, en)


_SHORT_BEFORE = r"(?:法治|平安|美丽|幸福|魅力|建设|服务|助力|推动|全面建设)"
_SHORT_AFTER = r"(?:振兴|发展|高质量|经济社会|经济|建设|特色|实际)"


def city_short_place(view: Clean, gaz) -> tuple[str, int, int] | None:
    """The city of a text that names no city in full but one by its short name (为大连振兴…):
    the one city of that short name, when it is the only city short name the text writes."""
    s = view.s
    found = {}
    for short, fulls in gaz.city_shorts.items():
        if len(short) < 2 or short not in s or short in gaz.province_shorts:
            continue                   # (吉林: the province's short name as well)
        # a place by its use (为大连振兴发展, 法治大连, 建设美丽大连), not a word (社会长治久安)
        # …or in the set phrase of the instructions to it (在湖北武汉考察时的重要讲话)
        m = re.search(rf"{_SHORT_BEFORE}{re.escape(short)}(?![市州县区盟])|"
                      rf"{re.escape(short)}(?={_SHORT_AFTER})|"
                      rf"(?:视察|考察|对|在)(?:[{CJK}]{{2,3}}、?)?{re.escape(short)}{_INSTRUCTED}", s)
        if m:
            found[short] = (fulls, m.start() + m.group().find(short))
    if len(found) != 1:
        return None
    short, (fulls, i) = found.popitem()
    cities = [f for f in fulls if f.endswith("市")]
    # one city of that name (a former X地区 of the same name is the city's predecessor)
    if len(cities) != 1 or any(f not in cities and not f.endswith("地区") for f in fulls):
        return None
    return (cities[0], *view.span(i, i + len(short)))


def _prefecture_of_tied(gaz, names: list[str], year) -> str | None:
    """Of 市 names named equally often, the one prefecture when all the others are
    county-level cities inside it (全市 of 商丘市 naming 永城市 once): else None."""
    places = {nm: gaz.resolve(nm, year) for nm in names}
    prefs = [nm for nm, p in places.items() if p is not None and p.rank == "city"]
    if len(prefs) != 1:
        return None
    pref = prefs[0]
    others = [p for nm, p in places.items() if nm != pref]
    if all(p is not None and p.rank == "county" and p.parent == pref for p in others):
        return pref
    return None


def _self_suffix(c) -> str | None:
    """`self_level` of the report's text (through `_view`), computed once per report."""
    if not hasattr(c, "_self_suffix"):
        c._self_suffix = self_level(_view(c).s)
    return c._self_suffix


def _masked_level(c) -> str | None:
    """A township report whose name is masked or never given (我镇, 全乡, *乡): township."""
    suf = _self_suffix(c)
    if suf in ("镇", "乡", "街道"):
        n = len(re.findall(rf"(?:我|全|本){suf}|{suf}(?:党委|政府|人民政府)", c.norm))
        if n >= 2:
            return "township"
    return None


_UNNAMED_LEVEL = {"省": "province", "市": "city", "州": "city", "盟": "city", "县": "county", "旗": "county"}


def _unnamed_level(c) -> str | None:
    """The level of a reporter never named, from the level it speaks of itself as (市政府,
    我县): a 市 is read as a prefecture (the county-level city's own texts name it); 区 is left
    unknown (a district or an autonomous region)."""
    view = _view(c)
    if c.body_start is not None:
        vs = view.inv(c.body_start)
        m = _MASKED_SUBJECT.search(view.s, vs, vs + 200)
        if m:
            # the opening's subject is a masked place (xx市人民政府坚持…): the level of its suffix
            return _MASKED_LEVEL.get(m.group(1))
    suf = _self_suffix(c)
    if suf == "市" and _CAPITAL_SELF.search(view.s):
        return "province"     # 我市 of a text speaking as the capital (首都经济社会发展): a municipality
    return _UNNAMED_LEVEL.get(suf or "")


# the capital speaking of itself (首善之区, 首都经济社会发展), not a neighbour serving it (服务首都, 环首都)
_CAPITAL_SELF = re.compile(r"首善之区|(?<!服务)(?<!环)(?<!拱卫)(?<!护卫)(?<!对接)(?<!保障)(?<!融入)"
                           r"首都(?=经济社会|高质量发展|法治|治理|各项事业)")


_MASKED_LEVEL = {"省": "province", "自治区": "province", "市": "city", "州": "city", "盟": "city",
                 "县": "county", "区": "county", "旗": "county", "镇": "township", "乡": "township",
                 "街道": "township"}
_MASKED_SUBJECT = re.compile(rf"(?:^|[,，]|下)\s*(?:{MASK_RX.pattern}|{SOME_RX.pattern})"
                             rf"(自治区|省|市|州|盟|县|区|旗|镇|乡|街道)(?:人民政府|政府|党委)?\s*(?={_SUBJECT_VERB})")


_REGION_ORGAN = re.compile(r"自治区(?:党委|人民政府|政府|主席|直属)")
_REGION_ORGAN_MIN = 3


def _self_level_place(c, view) -> tuple[str, int, int] | None:
    """The place of the level the report speaks of itself as (我市/全县/县人民政府), named in the
    text; the older rule (the most frequent place with the 我/全 suffix) otherwise."""
    if c.body_start is not None:
        vs = view.inv(c.body_start)
        end = view.s.find("。", vs)
        ps = province_subject(view.s[vs:end if end > vs else vs + 200], c.g())
        if ps is not None:
            return ps[0], *view.span(vs + ps[1], vs + ps[2])
    suf = _self_suffix(c)
    if suf:
        found = level_place(view, c.g(), "市" if suf == "州" else suf, c.meta.report_year)
        if found is None and suf == "区" and _AUTONOMOUS_ORGAN.search(view.s):
            # 我区/全区 of an autonomous region's own report
            found = level_place(view, c.g(), "省", c.meta.report_year)
        if found is None and suf == "市":
            # 我市 named nowhere in full but by its short name in its slogan (法治X建设)
            found = city_short_place(view, c.g())
        return found
    if len(_REGION_ORGAN.findall(view.s)) >= _REGION_ORGAN_MIN:
        # a text that speaks of no level of its own but of the region's organs throughout
        # (自治区党委…, 自治区主席…, 自治区直属部门): the region, named in full or by its short
        # name (法治内蒙古建设)
        found = level_place(view, c.g(), "省", c.meta.report_year)
        if found is not None and found[1] != INFERRED:
            return found
    return M._we_place(c) or _township_subject(view)


def _township_subject(view: Clean) -> tuple[str, int, int] | None:
    """A text that speaks of no level of its own (no 我镇, no 街道党工委) but opens its
    sentences with one township's name (X街道始终坚持…。X街道深入…): that township."""
    names = _township_names(view.s)
    opens: Counter = Counter()
    for name, n in names.items():
        if n >= _TOWNSHIP_SUBJECT_MIN:
            opens[name] = sum(1 for m in re.finditer(re.escape(name), view.s)
                              if m.start() == 0 or view.s[m.start() - 1] in "。\n")
    good = [nm for nm, k in opens.items() if k >= _TOWNSHIP_OPENS_MIN]
    if len(good) != 1:
        return None
    i = view.s.find(good[0])
    return good[0], *view.span(i, i + len(good[0]))


_TOWNSHIP_SUBJECT_MIN = 3     # written at least this often
_TOWNSHIP_OPENS_MIN = 2       # …opening at least this many sentences
