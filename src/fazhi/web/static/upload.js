// Upload page: one request per file (XHR, for upload progress), one line per file with its
// own progress bar and result or error. Falls back to the plain form without JavaScript.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var input = document.getElementById("files");
  var list = document.getElementById("upload-list");
  var button = document.getElementById("upload-btn");
  var csrf = document.body.getAttribute("data-csrf");

  function line(name) {
    var li = document.createElement("li");
    var b = document.createElement("b"); b.textContent = name;
    var bar = document.createElement("progress"); bar.max = 100; bar.value = 0;
    var status = document.createElement("span"); status.className = "status"; status.textContent = "等待上传";
    li.appendChild(b); li.appendChild(bar); li.appendChild(status);
    list.appendChild(li);
    return {li: li, bar: bar, status: status};
  }

  function show(row, results) {
    row.status.textContent = "";
    results.forEach(function (r, i) {
      var span = document.createElement("span");
      span.className = r.ok ? "ok" : "err";
      if (results.length > 1 || r.name !== row.li.firstChild.textContent) {
        span.appendChild(document.createTextNode(r.name + "："));
      }
      if (r.ok) {
        span.appendChild(document.createTextNode(r.status === "skipped" ? "已入库（未重复保存） " : (r.status === "version" ? "入库（新版本） " : "入库 ")));
        if (r.id) {
          var a = document.createElement("a");
          a.href = "/reports/" + r.id; a.textContent = r.title || ("报告 " + r.id);
          span.appendChild(a);
        }
        if (r.verdict) span.appendChild(document.createTextNode("（" + r.verdict + "）"));
      } else {
        // messages are "中文 / English": the page shows the Chinese part, the whole one on hover
        var full = r.message || "上传失败";
        span.appendChild(document.createTextNode(full.split(" / ")[0]));
        span.title = full;
      }
      row.status.appendChild(span);
      if (i < results.length - 1) row.status.appendChild(document.createElement("br"));
    });
    row.li.className = results.every(function (r) { return r.ok; }) ? "ok" : "err";
  }

  var MB = 1024 * 1024;
  var accept = (form.getAttribute("data-accept") || "").split(",");
  var TEXT = [".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".mht"];

  // The checks the server makes too, done before sending so that a wrong or huge file is
  // reported at once instead of after a long upload.
  function precheck(file) {
    var limits = {file: +form.getAttribute("data-max-mb") || 50, text: +form.getAttribute("data-max-text-mb") || 5,
                  zip: +form.getAttribute("data-max-zip-mb") || 200};
    var i = file.name.lastIndexOf(".");
    var ext = i > 0 ? file.name.slice(i).toLowerCase() : "";
    var size = (file.size / MB).toFixed(1) + " MB";
    if (accept.length && accept[0] && accept.indexOf(ext) < 0) {
      return "不支持的文件类型“" + (ext || "无扩展名") + "”，请上传 TXT、HTML、Word（.docx）、PDF 或 ZIP";
    }
    if (file.size === 0) return "文件是空的";
    if (ext === ".zip" && file.size > limits.zip * MB) return "压缩包过大（" + size + "，上限 " + limits.zip + " MB），请分批上传";
    if (ext !== ".zip" && file.size > limits.file * MB) return "文件过大（" + size + "，上限 " + limits.file + " MB）";
    if (TEXT.indexOf(ext) >= 0 && file.size > limits.text * MB) {
      return "文本文件过大（" + size + "，TXT/HTML 上限 " + limits.text + " MB）；年度报告通常不到 1 MB，请检查是否选错了文件";
    }
    return null;
  }

  function send(file, row) {
    var bad = precheck(file);
    if (bad) {
      row.bar.value = 0;
      show(row, [{name: file.name, ok: false, message: bad}]);
      return Promise.resolve();
    }
    return new Promise(function (resolve) {
      var fd = new FormData();
      fd.append("files", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/upload");
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.setRequestHeader("X-Requested-With", "fetch");
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) row.bar.value = Math.round(100 * e.loaded / e.total);
      };
      xhr.upload.onload = function () { row.bar.value = 100; row.status.textContent = "分析中…"; };
      xhr.onload = function () {
        var data = null;
        try { data = JSON.parse(xhr.responseText); } catch (err) { data = null; }
        if (xhr.status === 200 && data && data.results) {
          show(row, data.results);
        } else {
          var msg = (data && (data.message || data.error)) || ("服务器返回错误 " + xhr.status);
          show(row, [{name: file.name, ok: false, message: msg}]);
        }
        resolve();
      };
      xhr.onerror = function () {
        show(row, [{name: file.name, ok: false, message: "网络错误，未能上传"}]);
        resolve();
      };
      row.status.textContent = "上传中…";
      xhr.send(fd);
    });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) return;
    button.disabled = true;
    list.textContent = "";
    var rows = files.map(function (f) { return line(f.name); });
    var chain = Promise.resolve();
    files.forEach(function (f, i) { chain = chain.then(function () { return send(f, rows[i]); }); });
    chain.then(function () {
      button.disabled = false;
      input.value = "";
      list.setAttribute("data-done", "1");
    });
  });
})();
