// Trace: a waterfall of one trace's spans by service with timing bars; the span where the
// failure originates (the deepest failing span) or, without failures, the slowest one is
// highlighted; a span's attributes and linked log lines open on click.
import { el, section, empty, time, ms, pill, utc, int } from "./dom.js";
import { get } from "./api.js";

const KIND = { 0: "unspecified", 1: "internal", 2: "server", 3: "client", 4: "producer", 5: "consumer" };

export async function trace(view, params, traceId) {
  document.title = "Trace " + traceId + " · Casefile";
  const t = await get("/api/v1/traces/" + encodeURIComponent(traceId));
  const spans = t.spans;
  const byId = new Map(spans.map((s) => [s.span_id, s]));
  const children = new Map();
  for (const s of spans) {
    const p = s.parent_span_id && byId.has(s.parent_span_id) ? s.parent_span_id : null;
    if (!children.has(p)) children.set(p, []);
    children.get(p).push(s);
  }
  const start = Math.min(...spans.map((s) => Date.parse(s.start) * 1000 + micros(s.start)));
  const end = Math.max(...spans.map((s) => Date.parse(s.start) * 1000 + micros(s.start) + s.duration_us));
  const total = Math.max(1, end - start);
  const ordered = [];
  const walk = (parent, depth) => {
    for (const s of (children.get(parent) || []).sort((a, b) => a.start.localeCompare(b.start))) {
      ordered.push({ s, depth });
      walk(s.span_id, depth + 1);
    }
  };
  walk(null, 0);
  const failing = spans.filter((s) => s.error);
  const hasFailingChild = (s) => (children.get(s.span_id) || []).some((c) => c.error || hasFailingChild(c));
  const origin = failing.filter((s) => !hasFailingChild(s)).sort((a, b) => depthOf(b, byId) - depthOf(a, byId) || a.start.localeCompare(b.start))[0];
  const selfTime = (s) => s.duration_us - (children.get(s.span_id) || []).reduce((n, c) => n + c.duration_us, 0);
  const slowest = spans.slice().sort((a, b) => selfTime(b) - selfTime(a))[0];
  const highlight = origin || slowest;
  const chosen = params.get("span") && byId.has(params.get("span")) ? byId.get(params.get("span")) : highlight;
  const services = [...new Set(spans.map((s) => s.service))];
  const root = ordered.length ? ordered[0].s : spans[0];

  const detail = el("div", { class: "span-detail", id: "span-detail", "aria-live": "polite" });
  const rows = el("div", { class: "waterfall", role: "list", id: "waterfall", "aria-label": "Spans of the trace, in call order" });
  for (const { s, depth } of ordered) {
    const offset = Date.parse(s.start) * 1000 + micros(s.start) - start;
    const barBox = el("span", { class: "lane" });
    const b = el("span", { class: "span-bar svc-" + (services.indexOf(s.service) % 8) + (s.error ? " error" : "") });
    b.style.left = (100 * offset / total).toFixed(2) + "%";
    b.style.width = Math.max(0.3, 100 * s.duration_us / total).toFixed(2) + "%";
    barBox.append(b);
    const mark = s === highlight ? (s.error ? "failure origin" : "slowest span") : null;
    if (mark) {
      const m = el("span", { class: "mark" }, mark);
      const left = 100 * offset / total;
      if (left > 50) m.style.right = (100 - left + 0.8).toFixed(2) + "%";
      else m.style.left = Math.min(90, left + 100 * s.duration_us / total + 0.8).toFixed(2) + "%";
      barBox.append(m);
    }
    const name = el("span", { class: "span-name" });
    name.style.paddingLeft = (depth * 14) + "px";
    name.append(el("span", { class: "svc svc-" + (services.indexOf(s.service) % 8) }, s.service), " ", s.name || s.operation,
      s.error ? el("span", { class: "err-dot", title: "error" }, " ●") : null);
    const row = el("button", {
      type: "button", role: "listitem", class: "span-row" + (s.error ? " error" : "") + (s === highlight ? " highlight" : ""),
      "data-span": s.span_id, "aria-label": s.service + " " + (s.name || s.operation) + ", " + ms(s.duration_us / 1000) + (s.error ? ", failed" : "") + (mark ? ", " + mark : ""),
      onclick: () => select(s),
    }, name, barBox, el("span", { class: "dur" }, ms(s.duration_us / 1000)));
    rows.append(row);
  }
  rows.addEventListener("keydown", (ev) => {
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    const all = [...rows.querySelectorAll(".span-row")];
    const i = all.indexOf(document.activeElement);
    const next = all[Math.max(0, Math.min(all.length - 1, i + (ev.key === "ArrowDown" ? 1 : -1)))];
    if (next) { ev.preventDefault(); next.focus(); }
  });

  function select(s) {
    for (const r of rows.querySelectorAll(".span-row")) r.classList.toggle("selected", r.dataset.span === s.span_id);
    const logs = t.logs.filter((l) => l.span_id === s.span_id);
    detail.replaceChildren(
      el("h2", {}, s.service, " · ", s.name || s.operation),
      el("p", {}, pill(KIND[s.kind] || String(s.kind)), " ", s.error ? pill("error", "bad") : pill("ok"), " ", ms(s.duration_us / 1000), " from ", time(s.start)),
      s.status_message ? el("p", { class: "status-message" }, el("b", {}, "Status: "), s.status_message) : null,
      el("table", { class: "attrs" }, el("caption", {}, "Attributes"), el("tbody", {},
        el("tr", {}, el("th", { scope: "row" }, "span id"), el("td", {}, el("code", {}, s.span_id))),
        el("tr", {}, el("th", { scope: "row" }, "operation"), el("td", {}, s.operation)),
        Object.entries(s.attributes).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => el("tr", {}, el("th", { scope: "row" }, k), el("td", {}, v))))),
      el("h3", {}, "Log lines of this span"),
      logs.length ? logList(logs) : empty("No log lines linked to this span."));
  }

  const summary = el("p", { class: "muted" }, int(spans.length) + " spans across " + services.length + " services · ",
    ms(total / 1000), " · started ", time(new Date(start / 1000).toISOString()),
    failing.length ? " · " + failing.length + " failed" : "");
  view.replaceChildren(
    el("div", { class: "page-head" }, el("h1", {}, "Trace ", el("code", { class: "trace-id" }, t.trace_id)),
      el("p", {}, el("b", {}, root.service + " " + (root.name || root.operation))), summary),
    el("div", { class: "legend-services" }, services.map((s, i) => el("span", { class: "svc svc-" + (i % 8) }, s))),
    el("div", { class: "grid two wide-left" },
      section("Waterfall", el("div", { class: "scale" }, el("span", {}, "0"), el("span", {}, ms(total / 2000)), el("span", {}, ms(total / 1000))), rows),
      el("div", {}, detail)),
    section("Log lines of the trace", t.logs.length ? logList(t.logs) : empty("No log lines linked to this trace.")),
    el("details", { class: "card query-box" }, el("summary", {}, "Query"), el("pre", {}, t.query)));
  if (chosen) select(chosen);
  return null;
}

function micros(iso) {
  const m = /\.(\d+)Z$/.exec(iso);
  if (!m) return 0;
  return Number((m[1] + "000000").slice(3, 6));
}

function depthOf(s, byId) {
  let d = 0;
  for (let p = s.parent_span_id; p && byId.has(p) && d < 1000; p = byId.get(p).parent_span_id) d++;
  return d;
}

function logList(logs) {
  return el("ol", { class: "logs" }, logs.map((l) => el("li", { class: "log sev-" + String(l.severity || "").toLowerCase() },
    el("span", { class: "when" }, time(l.time, false)), " ", pill(l.severity || "LOG", "sev"), " ", el("span", { class: "svc" }, l.service), " ",
    el("span", { class: "body" }, l.body))));
}
