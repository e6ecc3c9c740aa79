// 自查: analyse the draft a second after the drafter stops typing (POST /api/check), show the
// findings and mark their evidence in the text. Nothing is stored; "保存为报告" uploads the text.
(function () {
  "use strict";
  var draft = document.getElementById("draft");
  if (!draft) return;
  var csrf = document.body.getAttribute("data-csrf");
  var statusEl = document.getElementById("check-status");
  var timer = null, seq = 0, last = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function show(res, mine) {
    if (mine !== seq) return;              // an older answer arriving late
    last = res;
    var v = document.getElementById("check-verdict");
    v.textContent = res.verdict || "";
    v.className = "verdict" + (res.verdict ? " v-" + res.verdict : "");
    var meta = [];
    Object.keys(res.meta || {}).forEach(function (k) { if (res.meta[k] != null) meta.push(k + "：" + res.meta[k]); });
    document.getElementById("check-meta").textContent = meta.join("　");
    var parts = document.getElementById("check-parts");
    parts.textContent = "";
    (res.parts || []).forEach(function (p) {
      parts.appendChild(el("li", p.present ? "ok" : "missing", (p.present ? "✓ " : "✗ ") + p.name));
    });
    var list = document.getElementById("check-findings");
    list.textContent = "";
    (res.findings || []).forEach(function (f) {
      var li = el("li", "item sev-" + f.severity);
      li.id = "check-" + f.id;
      li.appendChild(el("b", null, f.id + " " + f.title + "（" + f.severity_name + "）"));
      li.appendChild(el("div", null, f.message));
      if (f.suggestion) li.appendChild(el("div", "suggestion", "建议：" + f.suggestion));
      if (f.spans.length) {
        li.setAttribute("data-target", "mark-" + f.id);
        li.addEventListener("click", function () {
          var m = document.getElementById("mark-" + f.id);
          if (m) m.scrollIntoView({behavior: "smooth", block: "center"});
        });
      }
      list.appendChild(li);
    });
    // the text with the evidence marked (built from text nodes: no HTML from the draft)
    var box = document.getElementById("check-text");
    box.textContent = "";
    var marks = [];
    (res.findings || []).forEach(function (f) {
      f.spans.forEach(function (s, i) { marks.push({a: s[0], b: s[1], f: f, first: i === 0}); });
    });
    marks.sort(function (x, y) { return x.a - y.a || y.b - x.b; });
    var pos = 0, text = res.text || "";
    marks.forEach(function (m) {
      if (m.a < pos) return;                // overlapping evidence: the first one is shown
      box.appendChild(document.createTextNode(text.slice(pos, m.a)));
      var mk = el("mark", "finding sev-" + m.f.severity, text.slice(m.a, m.b));
      mk.title = m.f.title + "：" + m.f.message;
      if (m.first) mk.id = "mark-" + m.f.id;
      box.appendChild(mk);
      pos = m.b;
    });
    box.appendChild(document.createTextNode(text.slice(pos)));
    statusEl.textContent = (res.findings || []).length ? "发现问题 " + res.findings.length + " 项（未保存）" : "未发现问题（未保存）";
    var save = document.getElementById("save-button");
    if (save) save.disabled = !text.trim();
  }

  function post(url, body, headers) {
    var mine = ++seq;
    statusEl.textContent = "检查中…";
    headers["X-CSRF-Token"] = csrf;
    fetch(url, {method: "POST", headers: headers, body: body, credentials: "same-origin"})
      .then(function (r) { return r.json().then(function (j) { return {ok: r.ok, j: j}; }); })
      .then(function (x) {
        if (!x.ok) { statusEl.textContent = (x.j && x.j.message) || "检查失败"; return; }
        if (x.j.text != null && url.indexOf("/file") > 0) draft.value = x.j.text;
        show(x.j, mine);
      })
      .catch(function () { statusEl.textContent = "无法连接服务器"; });
  }

  function check() {
    post("/api/check", JSON.stringify({text: draft.value}), {"Content-Type": "application/json"});
  }

  draft.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 700);
  });
  draft.addEventListener("dragover", function (ev) { ev.preventDefault(); });
  draft.addEventListener("drop", function (ev) {
    var f = ev.dataTransfer && ev.dataTransfer.files && ev.dataTransfer.files[0];
    if (!f) return;
    ev.preventDefault();
    var fd = new FormData();
    fd.append("file", f, f.name);
    post("/api/check/file", fd, {});
  });
  var form = document.getElementById("save-draft");
  if (form) form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var fd = new FormData(form);
    fd.append("files", new Blob([draft.value], {type: "text/plain"}), "自查草稿.txt");
    fetch("/upload", {method: "POST", body: fd, credentials: "same-origin"})
      .then(function (r) { window.location = r.url || "/reports"; });
  });
  if (draft.value.trim()) check();
}());
