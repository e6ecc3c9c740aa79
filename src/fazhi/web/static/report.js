// Report page: jump to a highlight and flash it; turn a text selection into offsets for
// "补充问题". Offsets count characters of the report text only: the labels of zero-width
// markers (removed residue, <mark class="... removed">) are not part of the text.
(function () {
  "use strict";
  var text = document.getElementById("fulltext");
  if (!text) return;

  function flash(el) {
    el.classList.remove("flash");
    void el.offsetWidth;            // restart the animation
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 2100);
  }

  function jump(id) {
    var el = document.getElementById(id);
    if (!el) return false;
    el.scrollIntoView({behavior: "smooth", block: "center"});
    var group = el.getAttribute("data-finding");
    if (group) {
      text.querySelectorAll('[data-finding="' + group + '"]').forEach(flash);
    } else {
      flash(el);
    }
    return true;
  }

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("[data-jump]");
    if (a && jump(a.getAttribute("data-jump"))) {
      ev.preventDefault();
      history.replaceState(null, "", "#" + a.getAttribute("data-jump"));
      return;
    }
    var item = ev.target.closest(".item[data-target]");
    if (item && !ev.target.closest("form, a, button, textarea")) jump(item.getAttribute("data-target"));
    var mark = ev.target.closest("mark.finding[data-finding]");
    if (mark) {
      var panel = document.getElementById("item-" + mark.getAttribute("data-finding"));
      if (panel) { panel.scrollIntoView({behavior: "smooth", block: "nearest"}); flash(panel); }
    }
  });

  if (location.hash.length > 1) {
    var target = decodeURIComponent(location.hash.slice(1));
    if (target.indexOf("item-") === 0) {
      var it = document.getElementById(target);
      if (it) { it.scrollIntoView({block: "center"}); flash(it); }
    } else {
      setTimeout(function () { jump(target); }, 50);
    }
  }

  // -- selection -> offsets ------------------------------------------------------------
  function skipped(node) {
    var p = node.parentNode;
    return p && p.closest && p.closest("mark.removed");
  }

  function offsetOf(container, node, offset) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, null);
    var n = 0, cur;
    if (node.nodeType !== Node.TEXT_NODE) {
      // a boundary between children: count the text before child number `offset`
      var r = document.createRange();
      r.setStart(container, 0);
      r.setEnd(node, offset);
      var frag = r.cloneContents();
      frag.querySelectorAll("mark.removed").forEach(function (m) { m.remove(); });
      return frag.textContent.length;
    }
    while ((cur = walker.nextNode())) {
      if (cur === node) return skipped(cur) ? n : n + offset;
      if (!skipped(cur)) n += cur.nodeValue.length;
    }
    return -1;
  }

  var form = document.getElementById("add-finding");
  if (!form) return;
  var fStart = document.getElementById("sel-start"), fEnd = document.getElementById("sel-end");
  var fQuote = document.getElementById("sel-quote"), preview = document.getElementById("sel-preview");
  var button = document.getElementById("add-finding-btn");

  function onSelect() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    var r = sel.getRangeAt(0);
    if (!text.contains(r.startContainer) || !text.contains(r.endContainer)) return;
    var s = offsetOf(text, r.startContainer, r.startOffset);
    var e = offsetOf(text, r.endContainer, r.endOffset);
    if (s < 0 || e <= s) return;
    var base = parseInt(text.getAttribute("data-offset") || "0", 10) || 0;   // a page of a long text
    s += base; e += base;
    var frag = r.cloneContents();
    frag.querySelectorAll("mark.removed").forEach(function (m) { m.remove(); });
    var q = frag.textContent;
    fStart.value = s; fEnd.value = e; fQuote.value = q;
    preview.textContent = "已选中（第 " + s + "–" + e + " 字）：「" + (q.length > 80 ? q.slice(0, 80) + "…" : q) + "」";
    preview.classList.remove("muted");
    button.disabled = false;
  }
  text.addEventListener("mouseup", onSelect);
  text.addEventListener("keyup", onSelect);
})();
