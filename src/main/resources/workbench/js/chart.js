// Time-series charts (uPlot, served from its webjar) with annotations drawn on the canvas and
// listed as text beside it, so a screen reader and a keyboard user get the same facts.
import uPlot from "/webjars/uplot/1.6.30/dist/uPlot.esm.js";
import { el, svg, time, utc } from "./dom.js";

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#888";

/**
 * spec: { label, x: [epoch seconds], series: [{label, values, color, dash, width}], format(v),
 *         bands: [{from, to, label, color}], markers: [{at, label, color}],
 *         level: {lo, hi, label}, height }
 * Returns a figure: the chart, its legend, and the list of its annotations as text.
 */
export function timeChart(spec) {
  const plot = el("div", { class: "plot", role: "img", "aria-label": spec.label });
  const notes = el("ul", { class: "annotations", "aria-label": "Annotations of " + spec.label });
  tagAnnotations(spec);
  const tag = (a) => el("span", { class: "tag", "data-kind": a.kind || "marker", "aria-hidden": "true" }, a.tag);
  for (const b of spec.bands || []) {
    notes.append(el("li", { class: "note-" + (b.kind || "band") }, tag(b),
      el("b", {}, b.title || b.label), " ", time(b.from * 1000, false), " – ", time(b.to * 1000, false), b.detail ? [" · ", b.detail] : null));
  }
  for (const m of spec.markers || []) {
    notes.append(el("li", { class: "note-" + (m.kind || "marker") }, tag(m),
      el("b", {}, m.title || m.label), " at ", time(m.at * 1000, false), m.detail ? [" · ", m.detail] : null));
  }
  if (spec.level) {
    notes.append(el("li", { class: "note-level" }, el("span", { class: "swatch", "data-kind": "level" }), el("b", {}, spec.level.label)));
  }
  const figure = el("figure", { class: "chart" }, plot, el("figcaption", { class: "sr-only" }, spec.label), notes);
  if (!spec.x.length) {
    plot.append(el("p", { class: "muted empty" }, "No requests in this window."));
    return figure;
  }
  const fmt = spec.format || ((v) => String(v));
  const series = [{ value: (u, v) => v == null ? "–" : utc(v * 1000, false) }];
  for (const s of spec.series) {
    series.push({
      label: s.label, stroke: s.color || css("--accent"), width: s.width || 1.5, dash: s.dash,
      fill: s.fill, points: { show: false }, spanGaps: false, value: (u, v) => v == null ? "–" : fmt(v),
    });
  }
  const opts = {
    width: 600, height: spec.height || 240,
    series,
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.15 : 1] } },
    axes: [
      { stroke: css("--muted"), grid: { stroke: css("--grid") }, ticks: { stroke: css("--grid") },
        values: (u, ticks) => ticks.map((t) => utc(t * 1000, false).replace(" UTC", "").replace(/:00$/, "")) },
      { stroke: css("--muted"), grid: { stroke: css("--grid") }, ticks: { stroke: css("--grid") }, size: 64,
        values: (u, ticks) => ticks.map((t) => fmt(t)) },
    ],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    hooks: { drawClear: [(u) => drawBands(u, spec)], draw: [(u) => drawMarkers(u, spec)] },
  };
  const data = [spec.x, ...spec.series.map((s) => s.values)];
  requestAnimationFrame(() => {
    const u = new uPlot(opts, data, plot);
    const fit = () => u.setSize({ width: Math.max(320, plot.clientWidth), height: spec.height || 240 });
    fit();
    new ResizeObserver(fit).observe(plot);
    plot.chart = u;
  });
  return figure;
}

/**
 * The chart draws a short tag beside each band and marker, and the list beside it gives the tag
 * with the full text: long labels would collide where changes and actions come close together.
 * An annotation keeps a tag it brings (an action's "#8"); onset is "onset"; the others are numbered.
 */
function tagAnnotations(spec) {
  let n = 0;
  for (const a of [...(spec.bands || []), ...(spec.markers || [])].sort((p, q) => (p.from ?? p.at) - (q.from ?? q.at))) {
    if (!a.tag) a.tag = a.kind === "onset" ? "onset" : String(++n);
  }
}

const KIND_COLOR = { onset: "--onset", change: "--change", action: "--action", baseline: "--level",
  helped: "--ok", worse: "--bad", no_effect: "--muted", confounded: "--warn" };

function color(kind, alpha) {
  const c = css(KIND_COLOR[kind] || "--accent");
  return alpha === undefined ? c : withAlpha(c, alpha);
}

function withAlpha(hex, a) {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1], 16);
  return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
}

function drawBands(u, spec) {
  const { ctx, bbox } = u;
  ctx.save();
  if (spec.level) {
    const y1 = u.valToPos(spec.level.hi, "y", true);
    const y0 = u.valToPos(spec.level.lo, "y", true);
    ctx.fillStyle = color("baseline", 0.16);
    ctx.fillRect(bbox.left, Math.min(y0, y1), bbox.width, Math.max(1.5, Math.abs(y0 - y1)));
  }
  for (const b of spec.bands || []) {
    const x0 = Math.max(bbox.left, u.valToPos(b.from, "x", true));
    const x1 = Math.min(bbox.left + bbox.width, u.valToPos(b.to, "x", true));
    if (x1 < bbox.left || x0 > bbox.left + bbox.width) continue;
    ctx.fillStyle = color(b.kind, b.kind === "onset" ? 0.28 : 0.14);
    ctx.fillRect(x0, bbox.top, Math.max(2, x1 - x0), bbox.height);
  }
  ctx.restore();
}

function drawMarkers(u, spec) {
  const { ctx, bbox } = u;
  const dpr = devicePixelRatio || 1;
  ctx.save();
  ctx.font = (11 * dpr) + "px system-ui, sans-serif";
  const rows = [];
  const rowHeight = 15 * dpr;
  const maxRows = Math.max(1, Math.floor((bbox.height - 4 * dpr) / rowHeight));
  const label = (text, x, kind) => {
    const w = ctx.measureText(text).width + 8 * dpr;
    const left = Math.max(bbox.left, Math.min(x + 3 * dpr, bbox.left + bbox.width - w));
    let r = 0;
    while (r < maxRows - 1 && (rows[r] || []).some(([a, b]) => left < b + 2 * dpr && left + w + 2 * dpr > a)) r++;
    (rows[r] = rows[r] || []).push([left, left + w]);
    const y = bbox.top + 4 * dpr + rowHeight * r;
    ctx.fillStyle = css("--panel");
    ctx.globalAlpha = 0.85;
    ctx.fillRect(left, y - 1 * dpr, w, 13 * dpr);
    ctx.globalAlpha = 1;
    ctx.fillStyle = color(kind);
    ctx.fillText(text, left + 4 * dpr, y + 9 * dpr);
  };
  for (const b of spec.bands || []) {
    if (b.kind !== "onset") {
      const x = u.valToPos(b.from, "x", true);
      if (x >= bbox.left && x <= bbox.left + bbox.width) label(b.tag, x, b.kind);
    }
  }
  for (const m of spec.markers || []) {
    const x = u.valToPos(m.at, "x", true);
    if (x < bbox.left || x > bbox.left + bbox.width) continue;
    ctx.strokeStyle = color(m.kind);
    ctx.lineWidth = 2 * dpr;
    ctx.setLineDash([4 * dpr, 3 * dpr]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.setLineDash([]);
    label(m.tag, x, m.kind);
  }
  for (const b of spec.bands || []) {
    if (b.kind === "onset") {
      const x = u.valToPos(b.from, "x", true);
      if (x >= bbox.left && x <= bbox.left + bbox.width) label(b.tag, x, b.kind);
    }
  }
  ctx.restore();
}

/** A small inline sparkline (SVG) with an accessible summary. */
export function sparkline(values, label, kind) {
  const w = 120;
  const h = 28;
  const max = Math.max(...values.map((v) => v || 0), 0);
  const n = values.length;
  const pts = values.map((v, i) => (n <= 1 ? 0 : (i / (n - 1)) * w).toFixed(1) + "," + (h - 2 - (max ? (v || 0) / max : 0) * (h - 4)).toFixed(1)).join(" ");
  return svg("svg", { class: "spark " + (kind || ""), width: w, height: h, viewBox: "0 0 " + w + " " + h, role: "img", "aria-label": label },
    svg("title", {}, label), svg("polyline", { points: pts || "0," + (h - 2) + " " + w + "," + (h - 2), fill: "none" }));
}
