"""Build eval/data/html/: government-portal pages around report texts, with the known body.

    python eval/data/build_html.py

For each page NAME: NAME.html (the page bytes, UTF-8 or GBK as the page declares) and
NAME.body.txt (the article as a reader sees it: title line, then the report text). The
layouts imitate what portals use: TRS_Editor / #zoom / #UCAP-CONTENT containers in div
CMS layouts, an old nested-table layout with <font> tags, 信息公开 metadata tables
(索引号/发文机关/成文日期), breadcrumbs, date banners, share widgets, related-article lists,
上一篇/下一篇 links and footers with ICP/公网安备 numbers. All names and numbers are invented.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHROME = re.compile(r"^(当前位置|首页\s*>|发布时间|【字体|分享到|网站地图|主办|备案号|网站标识码|"
                    r"（本报告为|\(本报告为)")


def body_of(path: Path) -> tuple[str, list[str]]:
    """Title and body paragraphs of a report text (portal residue lines dropped)."""
    lines = [ln.strip() for ln in path.read_text("utf-8").splitlines()]
    lines = [ln for ln in lines if ln and not CHROME.match(ln)]
    lines = [ln for ln in lines if not ln.startswith(("主办", "承办", "备案号", "网站标识码"))]
    title = next(ln for ln in lines if ("报告" in ln or "報告" in ln) and len(ln) < 40)
    paras = lines[lines.index(title) + 1:]
    # a title repeated at the top of the body is dropped
    paras = [p for i, p in enumerate(paras) if not (i == 0 and p == title)]
    return title, paras


NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进{site}", "专题专栏")
RELATED = ["关于印发{site}2024年政务公开工作要点的通知", "{site}召开2024年第一次常务会议",
           "{site}开展安全生产大检查", "{site}2023年政府信息公开工作年度报告",
           "关于公布{site}行政执法主体名单的公告", "{site}深入开展“八五”普法中期评估"]
FOOTER = ("<p>主办单位：{site}人民政府办公室 承办单位：{site}大数据中心</p>"
          "<p>网站标识码：1234560000 <a href='#'>X ICP备12345678号-1</a> "
          "<img src='ga.png'>X公网安备 12345602000123号</p><p>联系电话：0000-1234567 "
          "地址：{site}人民路1号</p><p>建议使用1366*768分辨率浏览本网站</p>")


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def ps(paras: list[str], indent: bool = True) -> str:
    style = " style=\"text-indent:2em\"" if indent else ""
    return "\n".join(f"<p{style}>{esc(p)}</p>" for p in paras)


def nav(site: str) -> str:
    items = "".join(f"<li><a href='#'>{n.format(site=site)}</a></li>" for n in NAV)
    return f"<div class='nav'><ul>{items}</ul></div>"


def related(site: str) -> str:
    items = "".join(f"<li><a href='#'>{esc(t.format(site=site))}</a><span>2024-03-1{i}</span></li>"
                    for i, t in enumerate(RELATED))
    return f"<div class='related'><h3>相关文章</h3><ul>{items}</ul></div>"


def share() -> str:
    return ("<div class='share'>分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div>"
            "<div class='tools'>【字体：<a>大</a> <a>中</a> <a>小</a>】【<a>打印本页</a>】【<a>关闭窗口</a>】</div>")


def page_trs(site, title, paras, date):
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}_{site}人民政府</title>
<meta name="ArticleTitle" content="{esc(title)}"><meta name="PubDate" content="{date} 09:30"></head><body>
<div class="top">今天是：{date} 星期五 <a>无障碍</a> <a>长者模式</a> <a>English</a></div>{nav(site)}
<div class="crumb">当前位置：<a>首页</a> &gt; <a>政务公开</a> &gt; <a>法治政府建设</a></div>
<div class="article"><h1>{esc(title)}</h1>
<div class="info">发布时间：{date} 09:30 来源：{site}司法局 浏览次数：1,208</div>{share()}
<div class="TRS_Editor"><div class="Custom_UnionStyle">
{ps(paras)}
</div></div></div>
<div class="pagelink"><p>上一篇：<a>{site}召开2024年第一次常务会议</a></p><p>下一篇：<a>{site}开展安全生产大检查</a></p></div>
{related(site)}<div class="footer">{FOOTER.format(site=site)}</div></body></html>"""


def page_zoom_gbk(site, title, paras, date):
    meta = (f"<table class='xxgk'><tr><td>索引号：</td><td>11141024MB0000000X/2024-00123</td>"
            f"<td>主题分类：</td><td>政务公开</td></tr><tr><td>发文机关：</td><td>{site}人民政府</td>"
            f"<td>成文日期：</td><td>{date}</td></tr><tr><td>标题：</td><td colspan='3'>{esc(title)}</td></tr>"
            f"<tr><td>发文字号：</td><td></td><td>发布日期：</td><td>{date}</td></tr></table>")
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{esc(title)}</title></head><body>{nav(site)}
<div class="position">您现在的位置：<a>首页</a>&gt;&gt;<a>信息公开</a>&gt;&gt;<a>法定主动公开内容</a></div>
{meta}<div class="title"><h2>{esc(title)}</h2></div>
<div id="zoom">{ps(paras)}</div>
<div class="tools">【<a>打印</a>】【<a>关闭</a>】 扫一扫在手机打开当前页</div>
<div class="foot">{FOOTER.format(site=site)}</div></body></html>"""


def page_ucap(site, title, paras, date):
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>
<header>{nav(site)}<div class="search"><input placeholder="请输入关键字"><button>搜索</button></div></header>
<div class="bread">首页 &gt; 政务公开 &gt; 重点领域信息公开 &gt; 法治政府建设</div>
<div class="main"><div class="left">{related(site)}</div><div class="right">
<div class="con-title">{esc(title)}</div>
<div class="con-info"><span>日期：{date}</span><span>来源：{site}人民政府</span><span>【字号：大 中 小】</span></div>
<div id="UCAP-CONTENT">{ps(paras)}</div>{share()}
<div class="attach">附件：无</div></div></div>
<footer>{FOOTER.format(site=site)}</footer></body></html>"""


def page_table_gbk(site, title, paras, date):
    body = "".join(f"<font face='仿宋_GB2312' size='3'>{esc(p)}</font><br><br>" for p in paras)
    links = "".join(f"<tr><td><a>{esc(t.format(site=site))}</a></td></tr>" for t in RELATED)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>{site}政府网</title></head>
<body><table width="1000" align="center"><tr><td><img src="banner.jpg"></td></tr>
<tr><td><table><tr><td><a>首页</a></td><td><a>机构设置</a></td><td><a>政务公开</a></td><td><a>办事指南</a></td><td><a>公众参与</a></td></tr></table></td></tr>
<tr><td><table width="100%"><tr><td width="220" valign="top"><table>{links}</table></td>
<td valign="top"><table width="100%"><tr><td align="center"><b><font size="4">{esc(title)}</font></b></td></tr>
<tr><td align="center">发布日期：{date}　　点击数：356</td></tr>
<tr><td class="bt_content">{body}</td></tr></table></td></tr></table></td></tr>
<tr><td align="center">版权所有：{site}人民政府 X ICP备05001234号 技术支持：某某网络公司</td></tr></table></body></html>"""


def page_plain(site, title, paras, date):
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)} - {site}</title></head><body>
<div class="header"><div class="date">今天是2024年3月22日 星期五 农历二月十三</div><div class="weather">晴 12℃~23℃</div>{nav(site)}</div>
<div class="wrap"><div class="location">当前位置：首页 &gt; 通知公告</div>
<div class="main-text"><h1 class="article-title">{esc(title)}</h1>
<div class="meta">{date}　来源：本站　作者：{site}司法局　阅读：88</div>
{ps(paras, indent=False)}
<div class="print">【打印本页】【关闭窗口】</div></div>
<div class="side"><h4>热点新闻</h4>{related(site)}</div></div>
<div class="copyright">{FOOTER.format(site=site)}</div></body></html>"""


def page_div_br(site, title, paras, date):
    body = "<br>\n".join("　　" + esc(p) for p in paras)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title>
<meta name="description" content="{esc(paras[0][:60])}"></head><body>{nav(site)}
<div class="sub-nav"><a>首页</a> / <a>政府信息公开</a> / <a>法治政府建设年度报告</a></div>
<div class="detail"><div class="detail-title">{esc(title)}</div>
<div class="detail-source">信息来源：{site}人民政府办公室　发布时间：{date}　【<a>我要纠错</a>】</div>
<div class="detail-content"><div class="view TRS_UEDITOR trs_paper_default">{body}</div></div>
<div class="detail-share">分享：<a>微信</a><a>微博</a></div></div>
{related(site)}<div class="foot">{FOOTER.format(site=site)}</div></body></html>"""


LAYOUTS = {"trs": (page_trs, "utf-8"), "zoom_gbk": (page_zoom_gbk, "gbk"), "ucap": (page_ucap, "utf-8"),
           "table_gbk": (page_table_gbk, "gbk"), "plain": (page_plain, "utf-8"), "div_br": (page_div_br, "utf-8")}

SOURCES = [  # (report path, site name, date)
    ("eval/data/reports/city_justice_bureau.txt", "云川市", "2024-02-28"),
    ("eval/data/reports/township_report.txt", "松台县", "2023-02-10"),
    ("eval/data/reports/traditional_county.txt", "岚溪县", "2024-03-05"),
    ("eval/data/reports/web_fused.txt", "清河口区", "2024-03-22"),
    ("examples/青禾县2023年法治政府建设年度报告.txt", "青禾县", "2024-03-20"),
]
PAGES = [  # (layout, source index)
    ("trs", 0), ("trs", 4), ("zoom_gbk", 1), ("zoom_gbk", 3), ("ucap", 2), ("ucap", 0),
    ("table_gbk", 4), ("table_gbk", 1), ("plain", 3), ("plain", 2), ("div_br", 0), ("div_br", 4),
]


def main() -> None:
    out = HERE / "html"
    out.mkdir(exist_ok=True)
    for i, (layout, si) in enumerate(PAGES, 1):
        path, site, date = SOURCES[si]
        title, paras = body_of(ROOT / path)
        fn, enc = LAYOUTS[layout]
        name = f"p{i:02d}_{layout}"
        page = fn(site, title, paras, date)
        (out / f"{name}.html").write_bytes(page.encode(enc, errors="strict"))
        (out / f"{name}.body.txt").write_text(title + "\n" + "\n".join(paras) + "\n", "utf-8")
    print(f"{len(PAGES)} pages in {out}")


if __name__ == "__main__":
    main()
