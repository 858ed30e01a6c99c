// whosaid pages: position timelines. On an entity page, one chart per issue (time on x, the
// stance on y, a dashed rule where the stance shifts); on an issue page, one row per actor
// (points coloured by stance, a dashed segment from the stance before a shift to the one
// after). Positions reported by someone else are hollow and labelled "as reported by X":
// they are not the holder's own words. No inline scripts (the CSP forbids them): the data
// comes from JSON blocks the server writes.
(function () {
  "use strict";

  var DAY = 86400000;
  var COLOURS = { supports: "#2e8b57", neutral: "#7a8a99", conditional: "#b7791f",
                  opposes: "#c0392b" };
  var TOOLTIP = [
    { field: "date", title: "said on" }, { field: "holder", title: "holder" },
    { field: "stance", title: "stance" }, { field: "voice", title: "whose words" },
    { field: "evidence", title: "evidence" }, { field: "condition", title: "condition" },
    { field: "shift", title: "shift" }, { field: "article_title", title: "article" },
    { field: "confidence", title: "confidence" }
  ];

  function stamp(rows, field) {
    return rows.map(function (r) {
      var out = Object.assign({}, r);
      out.t = Date.parse(r[field || "date"]);
      return out;
    });
  }

  // The time scale: the dates with room either side, so that one day is not a degenerate
  // domain and the labels to the right of a point stay inside the chart.
  function timeScale(points, labelled) {
    var ts = points.map(function (p) { return p.t; });
    var lo = Math.min.apply(null, ts), hi = Math.max.apply(null, ts);
    var pad = Math.max(2 * DAY, (hi - lo) * 0.08);
    var right = labelled ? Math.max(5 * DAY, (hi - lo) * 0.4) : pad;
    return { type: "utc", domain: [dateTime(lo - pad), dateTime(hi + right)] };
  }

  // Vega-Lite reads a temporal domain's plain number as a year: give DateTime objects.
  function dateTime(ms) {
    var d = new Date(ms);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate(),
             hours: d.getUTCHours(), utc: true };
  }

  // Ticks on whole days (a four-day domain would otherwise tick every twelve hours and
  // print each day twice), about six of them; the year goes in the title.
  function xEncoding(scale, points) {
    var d = scale.domain;
    var days = (Date.UTC(d[1].year, d[1].month - 1, d[1].date) -
                Date.UTC(d[0].year, d[0].month - 1, d[0].date)) / DAY;
    var years = points.map(function (p) { return p.date.slice(0, 4); }).sort();
    var span = years[0] === years[years.length - 1] ? years[0]
      : years[0] + "–" + years[years.length - 1];
    return { field: "t", type: "temporal", title: "said on (" + span + ")", scale: scale,
             axis: { format: "%b %d", labelOverlap: "greedy", grid: true,
                     tickCount: { interval: "day", step: Math.max(1, Math.ceil(days / 6)) } } };
  }

  function colour(stances) {
    return { field: "stance", type: "nominal", title: "stance",
             scale: { domain: stances, range: stances.map(function (s) { return COLOURS[s]; }) },
             legend: { orient: "right" } };
  }

  function pointLayers(points, labels, x, y, stances) {
    var own = points.filter(function (p) { return !p.reported; });
    var reported = points.filter(function (p) { return p.reported; });
    var enc = { x: x, y: y, color: colour(stances), tooltip: TOOLTIP, href: { field: "href" } };
    return [
      // a reported position is a wider ring, so that a holder's own point on the same day
      // and stance still shows inside it
      { data: { values: reported }, mark: { type: "point", filled: false, size: 300,
                                            strokeWidth: 2.4, cursor: "pointer" },
        encoding: enc },
      { data: { values: own }, mark: { type: "point", filled: true, size: 110, opacity: 0.95,
                                       cursor: "pointer" }, encoding: enc },
      { data: { values: labels },
        mark: { type: "text", align: "left", baseline: "middle", dx: 13, fontSize: 11,
                fontStyle: "italic", color: "#5d4a8a" },
        encoding: { x: x, y: y, text: { field: "label" } } }
    ];
  }

  function draw(el, spec) {
    // The interpreter evaluates Vega expressions without eval(), which the CSP forbids.
    vegaEmbed(el, spec, {
      actions: false, renderer: "svg", ast: true, expr: vega.expressionInterpreter
    }).then(function () { el.setAttribute("data-rendered", "true"); })
      .catch(function (err) { el.textContent = "The chart could not be drawn: " + err; });
  }

  // An entity's stance on one issue over time.
  function entityChart(el, chart) {
    var points = stamp(chart.points);
    var scale = timeScale(points, chart.reported.length > 0);
    var x = xEncoding(scale, points);
    var y = { field: "stance", type: "nominal", title: null, scale: { domain: chart.stances },
              axis: { labelFontSize: 12 } };
    var shifts = stamp(chart.shifts);
    var layers = [
      { data: { values: shifts }, mark: { type: "rule", strokeDash: [5, 4], color: "#555",
                                          strokeWidth: 1.5 },
        encoding: { x: x } },
      { data: { values: shifts },
        mark: { type: "text", align: "left", baseline: "top", dx: 4, dy: 2, fontSize: 11,
                color: "#8e2418" },
        encoding: { x: x, y: { value: 0 }, text: { field: "label" } } }
    ].concat(pointLayers(points, stamp(chart.reported), x, y, chart.stances));
    draw(el, {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      description: "Stance on " + chart.label + " over time",
      width: "container", height: 34 * chart.stances.length,
      layer: layers
    });
  }

  function entityTimelines() {
    var src = document.getElementById("positions-data");
    if (!src || typeof vegaEmbed === "undefined") return;
    var charts = JSON.parse(src.textContent);
    document.querySelectorAll(".position-chart[data-index]").forEach(function (el) {
      var chart = charts[Number(el.getAttribute("data-index"))];
      if (chart && chart.points.length) entityChart(el, chart);
    });
  }

  // Every actor's stance on one issue: one row per actor.
  function issueChart() {
    var el = document.getElementById("issue-chart");
    var src = document.getElementById("issue-chart-data");
    if (!el || !src || typeof vegaEmbed === "undefined") return;
    var chart = JSON.parse(src.textContent);
    if (!chart.points.length) return;
    var points = stamp(chart.points);
    var scale = timeScale(points, chart.reported.length > 0);
    var x = xEncoding(scale, points);
    var y = { field: "holder", type: "nominal", title: null, sort: chart.actors,
              scale: { domain: chart.actors }, axis: { labelFontSize: 12, labelLimit: 220 } };
    var shifts = chart.shifts.map(function (s) {
      return { t: Date.parse(s.start), t2: Date.parse(s.date), holder: s.holder,
               label: s.label };
    });
    var layers = [
      { data: { values: shifts },
        mark: { type: "rule", strokeDash: [5, 4], color: "#555", strokeWidth: 1.5 },
        encoding: { x: x, x2: { field: "t2" }, y: y } },
      { data: { values: shifts },
        mark: { type: "text", align: "center", baseline: "bottom", dy: -9, fontSize: 11,
                color: "#8e2418" },
        encoding: { x: { field: "t2", type: "temporal", scale: scale }, y: y,
                    text: { field: "label" } } }
    ].concat(pointLayers(points, stamp(chart.reported), x, y, chart.stances));
    draw(el, {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      description: "Each actor's stance over time",
      width: "container", height: Math.max(110, 46 * chart.actors.length),
      layer: layers
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    entityTimelines();
    issueChart();
  });
})();
