// whosaid pages: the entity timeline chart, a claim's outlets in time, the furniture toggle,
// statement highlighting.
// No inline scripts (the Content-Security-Policy forbids them): data comes from JSON blocks.
(function () {
  "use strict";

  function timeline() {
    var el = document.getElementById("timeline");
    var src = document.getElementById("timeline-data");
    if (!el || !src || typeof vegaEmbed === "undefined") return;
    var data = JSON.parse(src.textContent);
    // One bar per day, from its start to the next day's (UTC), on a time axis rounded out to
    // whole weeks or months, so that a single day's bar is still a bar.
    var day = 86400000;
    var values = data.per_day.map(function (d) {
      var t = Date.parse(d.date);
      return { start: t, end: t + day, date: d.date, count: d.count };
    });
    var lo = Math.min.apply(null, values.map(function (v) { return v.start; }));
    var hi = Math.max.apply(null, values.map(function (v) { return v.end; }));
    var most = Math.max.apply(null, values.map(function (v) { return v.count; }));
    var yAxis = { format: "d", title: "statements" };
    if (most <= 8) {
      yAxis.values = Array.from({ length: most + 1 }, function (_, i) { return i; });
    }
    var spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      description: "Statements by " + data.name + " per day",
      width: "container",
      height: 180,
      data: { values: values },
      mark: { type: "bar", color: "#2f6fb3" },
      encoding: {
        x: { field: "start", type: "temporal", title: "said on",
             axis: { labelOverlap: "greedy" },
             scale: { type: "utc", nice: hi - lo < 60 * day ? "week" : "month" } },
        x2: { field: "end" },
        y: { field: "count", type: "quantitative", axis: yAxis },
        y2: { datum: 0 },
        tooltip: [{ field: "date", title: "day" }, { field: "count", title: "statements" }]
      }
    };
    // The interpreter evaluates Vega expressions without eval(), which the CSP forbids.
    vegaEmbed(el, spec, {
      actions: false, renderer: "svg", ast: true, expr: vega.expressionInterpreter
    }).then(function () { el.setAttribute("data-rendered", "true"); })
      .catch(function (err) { el.textContent = "The chart could not be drawn: " + err; });
  }

  // A claim's outlets on a time axis: one point per version, at its publication date, in the
  // outlet's row (outlets in the order they first printed it), coloured by its drift.
  function claimTimeline() {
    var el = document.getElementById("claim-timeline");
    var src = document.getElementById("claim-timeline-data");
    if (!el || !src || typeof vegaEmbed === "undefined") return;
    var data = JSON.parse(src.textContent);
    var day = 86400000;
    var values = data.versions.map(function (v) {
      return { date: Date.parse(v.published), published: v.published, outlet: v.outlet,
               drift: v.drift, flags: v.flags, n: v.n };
    });
    var lo = Math.min.apply(null, values.map(function (v) { return v.date; }));
    var hi = Math.max.apply(null, values.map(function (v) { return v.date; }));
    var kinds = ["origin", "same words", "words changed", "form changed", "meaning changed"];
    var spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      description: "The outlets that printed " + data.speaker + "'s words, by date",
      width: "container",
      height: Math.max(90, 28 * data.outlets.length),
      data: { values: values },
      mark: { type: "point", filled: true, size: 160, opacity: 0.9 },
      encoding: {
        x: { field: "date", type: "temporal", title: "published",
             axis: { format: "%b %d", labelOverlap: "greedy", tickCount: 6 },
             scale: { type: "utc", nice: hi - lo < 14 * day ? "day" : "week",
                      padding: 14 } },
        y: { field: "outlet", type: "nominal", title: null, sort: data.outlets },
        color: { field: "drift", type: "nominal", title: "words",
                 scale: { domain: kinds,
                          range: ["#2f6fb3", "#7a8a99", "#d39c1f", "#3aa0a8", "#c0392b"] } },
        tooltip: [{ field: "n", title: "version" }, { field: "published", title: "published" },
                  { field: "outlet", title: "outlet" }, { field: "drift", title: "words" },
                  { field: "flags", title: "flags" }]
      }
    };
    vegaEmbed(el, spec, {
      actions: false, renderer: "svg", ast: true, expr: vega.expressionInterpreter
    }).then(function () { el.setAttribute("data-rendered", "true"); })
      .catch(function (err) { el.textContent = "The chart could not be drawn: " + err; });
  }

  function furnitureToggle() {
    var box = document.getElementById("show-furniture");
    var text = document.getElementById("article-text");
    if (!box || !text) return;
    box.addEventListener("change", function () {
      text.classList.toggle("hide-furniture", !box.checked);
    });
  }

  function statementHover() {
    var text = document.getElementById("article-text");
    if (!text) return;
    document.querySelectorAll(".statement-list > li[data-st]").forEach(function (li) {
      var spans = text.querySelectorAll('[data-st="' + li.getAttribute("data-st") + '"]');
      li.addEventListener("mouseenter", function () {
        spans.forEach(function (s) { s.classList.add("active"); });
      });
      li.addEventListener("mouseleave", function () {
        spans.forEach(function (s) { s.classList.remove("active"); });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    timeline();
    claimTimeline();
    furnitureToggle();
    statementHover();
  });
})();
