// Dashboard charts (ECharts, vendored from npm). Data comes from <script id="dash-data">.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dash-data").textContent);
  var charts = [];
  if (!window.echarts) {
    document.querySelectorAll(".chart").forEach(function (el) {
      el.classList.add("no-chart");
      el.textContent = "图表库未安装，请查看下方数据表格。";
    });
    return;
  }
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) return;
    var c = echarts.init(el, null, {renderer: "canvas"});
    option.animation = false;
    option.tooltip = option.tooltip || {trigger: "axis"};
    c.setOption(option);
    el.setAttribute("data-rendered", "1");
    charts.push(c);
  }
  var pct = function (v) { return v == null ? "—" : (v * 100).toFixed(1) + "%"; };

  var py = data.per_province_year;
  chart("chart-province-year", {
    legend: {top: 0, type: "scroll"}, grid: {left: 50, right: 40, top: 50, bottom: 70},
    xAxis: {type: "category", name: "省份", nameLocation: "end", data: py.provinces,
            axisLabel: {interval: 0, rotate: py.provinces.length > 6 ? 40 : 0}},
    yAxis: {type: "value", name: "报告数（份）", minInterval: 1},
    series: py.series.map(function (s) { return {name: s.year, type: "bar", stack: "n", data: s.counts}; })
  });

  chart("chart-on-time", {
    grid: {left: 50, right: 40, top: 40, bottom: 30},
    xAxis: {type: "category", name: "报告年度", data: data.on_time.map(function (r) { return r.year == null ? "未识别" : String(r.year); })},
    yAxis: {type: "value", name: "按时发布率", min: 0, max: 1, axisLabel: {formatter: function (v) { return (v * 100) + "%"; }}},
    tooltip: {trigger: "axis", valueFormatter: pct},
    // a year whose reports are all late shows 0% with its label; a year whose timeliness cannot be
    // judged (no date known) shows "无法判断" and no bar: the two are never drawn alike
    series: [{name: "按时发布率", type: "bar",
              label: {show: true, position: "top", formatter: function (p) {
                var r = data.on_time[p.dataIndex];
                return r.rate == null ? "无法判断" : (r.rate * 100).toFixed(0) + "%";
              }},
              data: data.on_time.map(function (r) { return r.rate == null ? {value: 0, itemStyle: {opacity: 0}} : r.rate; })}]
  });

  chart("chart-missing", {
    grid: {left: 50, right: 20, top: 40, bottom: 80},
    xAxis: {type: "category", name: "法定内容", nameLocation: "middle", nameGap: 65,
            data: data.missing_parts.map(function (r) { return r.name; }),
            axisLabel: {interval: 0, width: 90, overflow: "break"}},
    yAxis: {type: "value", name: "缺失的报告占比", min: 0, axisLabel: {formatter: function (v) { return (v * 100).toFixed(0) + "%"; }}},
    tooltip: {trigger: "axis", valueFormatter: pct},
    series: [{name: "缺失率", type: "bar", data: data.missing_parts.map(function (r) { return r.rate; })}]
  });

  var tf = data.top_findings.slice().reverse();
  chart("chart-findings", {
    grid: {left: 180, right: 40, top: 10, bottom: 40},
    xAxis: {type: "value", name: "问题条数", nameLocation: "middle", nameGap: 25, minInterval: 1},
    yAxis: {type: "category", name: "问题", nameLocation: "start", data: tf.map(function (r) { return r.title; }),
            axisLabel: {width: 170, overflow: "truncate"}},
    series: [{name: "条数", type: "bar", data: tf.map(function (r) {
      return {value: r.n, itemStyle: {color: r.severity === "major" ? "#b3261e" : (r.severity === "minor" ? "#d98b00" : "#5b7fa6")}};
    })}]
  });

  var inds = data.indicators.filter(function (r) { return r.box; });
  var names = inds.map(function (r) { return r.name; });
  var outliers = [];
  inds.forEach(function (r, i) {
    r.outliers.forEach(function (o) { outliers.push([i, o.value, (o.place || ("报告 " + o.report_id)) + (o.year ? " " + o.year : ""), o.report_id]); });
  });
  chart("chart-indicators", {
    tooltip: {trigger: "item"},
    grid: {left: 60, right: 20, top: 40, bottom: 80},
    xAxis: {type: "category", data: names, axisLabel: {interval: 0, width: 110, overflow: "break"}},
    yAxis: {type: "value", name: "指标数值（%）", scale: true},
    series: [
      {name: "分布", type: "boxplot", data: inds.map(function (r) { return [r.box.min, r.box.q1, r.box.median, r.box.q3, r.box.max]; })},
      {name: "异常值", type: "scatter", data: outliers, itemStyle: {color: "#b3261e"},
       label: {show: outliers.length <= 30, position: "right", fontSize: 11,
               formatter: function (p) { return p.data[2] + "：" + p.data[1]; }},
       labelLayout: {hideOverlap: true},
       tooltip: {formatter: function (p) { return p.data[2] + "：" + p.data[1] + "（点击打开报告）"; }}}
    ]
  });

  var indChart = charts[charts.length - 1];
  if (indChart) indChart.on("click", function (p) {
    if (p.seriesName === "异常值" && p.data && p.data[3]) location.href = "/reports/" + p.data[3];
  });

  var cov = data.coverage;
  var covEl = document.getElementById("chart-coverage");
  if (covEl && cov.provinces.length) covEl.style.height = Math.max(320, 200 + 26 * cov.provinces.length) + "px";
  if (cov.provinces.length) {
    chart("chart-coverage", {
      tooltip: {position: "top", formatter: function (p) { return cov.provinces[p.data[1]] + " · " + cov.areas[p.data[0]] + "：" + pct(p.data[2]); }},
      grid: {left: 120, right: 20, top: 10, bottom: 150},
      xAxis: {type: "category", name: "纲要任务领域", nameLocation: "middle", nameGap: 110, data: cov.areas,
              axisLabel: {interval: 0, rotate: 30, width: 130, overflow: "truncate", fontSize: 12}},
      yAxis: {type: "category", name: "省份", data: cov.provinces, axisLabel: {fontSize: 12}},
      visualMap: {min: 0, max: 1, calculable: true, orient: "horizontal", left: "right", bottom: 0,
                  text: ["全部涉及", "未涉及"], inRange: {color: ["#f3f6fb", "#2f5597"]},
                  formatter: function (v) { return (v * 100).toFixed(0) + "%"; }},
      series: [{type: "heatmap", data: cov.cells, label: {show: cov.provinces.length * cov.areas.length <= 120,
                formatter: function (p) { return Math.round(p.data[2] * 100); }}}]
    });
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
