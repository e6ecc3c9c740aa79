"""`fazhi rules [--format text|json|markdown] [--family F]`: list every review rule."""
from __future__ import annotations

import json
import sys
from ..labels import SEVERITY_NAMES



def register(sub) -> None:
    p = sub.add_parser("rules", help="列出全部审核规则 / list the review rules")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text",
                   help="text（默认）、json、markdown（即 docs/rules.md）")
    p.add_argument("--family", help="只列出一个规则族：structure、years、figures、provenance、quality、language、corpus")
    p.add_argument("--config", help="配置文件（YAML）：显示哪些规则已停用、严重程度是否被改写")
    p.set_defaults(func=run)


def _rules(family: str | None = None):
    from ..checks import all_rules
    return [r for r in all_rules() if family is None or r.family == family]


def rules_json(config=None, family: str | None = None) -> list[dict]:
    out = []
    for r in _rules(family):
        d = r.to_json()
        if config is not None:
            d["enabled"] = config.rule_enabled(r.id)
            override = (config.get("rules.severity", {}) or {}).get(r.id)
            if override:
                d["severity"] = override
        out.append(d)
    return out


def rules_markdown() -> str:
    from ..checks import FAMILIES
    lines = ["# 审核规则 / Review rules", "",
             "本文件由 `fazhi rules --format markdown` 生成，与代码中的规则注册表一致；请勿手工修改。",
             "This file is generated from the rule registry (`fazhi rules --format markdown`).", "",
             "规则编号为 `族.名称`，规则族是固定的词汇表（structure、years、figures、provenance、quality、language、corpus），"
             "脚本可以依赖它们。在配置文件中用 `rules.disabled` 停用规则或整个规则族，用 `rules.severity` "
             "改写严重程度；阈值和时限见 `thresholds:`、`deadlines:`。", ""]
    rules = _rules()
    for fam, fam_name in FAMILIES.items():
        members = [r for r in rules if r.family == fam]
        if not members:
            continue
        lines += [f"## {fam} — {fam_name}", ""]
        for r in members:
            sev = "、".join(f"{SEVERITY_NAMES[s]}（{s}）" for s in (r.severities or (r.severity,)))
            lines += [f"### `{r.id}` — {r.title}", "",
                      f"- 严重程度：{sev}；默认 {r.severity}",
                      f"- 为什么：{r.why}",
                      f"- 依据：{r.basis}",
                      f"- 示例：{r.example}", ""]
    return "\n".join(lines).rstrip() + "\n"


def rules_text(config=None, family: str | None = None) -> str:
    lines = []
    for d in rules_json(config, family):
        off = "" if d.get("enabled", True) else "  （已停用）"
        lines.append(f"{d['id']}  [{SEVERITY_NAMES.get(d['severity'], d['severity'])}] {d['title']}{off}")
        lines.append(f"    为什么：{d['why']}")
        lines.append(f"    依据：{d['basis']}")
        lines.append(f"    示例：{d['example']}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def run(args) -> int:
    from ..config import Config
    config = Config.load(args.config)
    from ..checks import FAMILIES
    if args.family and args.family not in FAMILIES:
        print(f"未知的规则族 {args.family!r}；可选：{'、'.join(FAMILIES)} / unknown family", file=sys.stderr)
        return 2
    if args.format == "json":
        json.dump(rules_json(config, args.family), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "markdown":
        sys.stdout.write(rules_markdown())
    else:
        sys.stdout.write(rules_text(config, args.family))
    return 0
