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
        span.appendChild(document.createTextNode(r.message || "上传失败"));
      }
      row.status.appendChild(span);
      if (i < results.length - 1) row.status.appendChild(document.createElement("br"));
    });
    row.li.className = results.every(function (r) { return r.ok; }) ? "ok" : "err";
  }

  function send(file, row) {
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
