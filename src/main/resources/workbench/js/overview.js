// Overview: what is wrong now, every flow with its request, error and latency sparklines over
// the chosen window, recent changes on a timeline, and the open incidents.
import { el, link, section, empty, pct, int, ms, time, utc, flowParam, flowName, cohortText, pill, valueOf, svg, duration } from "./dom.js";
import { get, post, query } from "./api.js";
import { sparkline } from "./chart.js";
import { windowOf, windowChoices } from "./nav.js";

export async function overview(view, params) {
  const w = windowOf(params);
  document.title = "Overview · Casefile";
  const heading = el("div", { class: "page-head" },
    el("h1", {}, "Overview"),
    el("p", { class: "muted" }, "Window ", time(w.from), " – ", time(w.to), " (" + duration(Date.parse(w.to) - Date.parse(w.from)) + ")"),
    el("nav", { class: "segmented", "aria-label": "Window" }, windowChoices.map((c) =>
      link("/?window=" + c, "last " + c)).map((a, i) => { if (windowChoices[i] === w.spec) a.setAttribute("aria-current", "true"); return a; })));
  const wrong = section("What is wrong now", el("p", { class: "muted loading" }, "Investigating the whole environment…"));
  wrong.id = "wrong-now";
  const flowBox = section("Flows", el("p", { class: "muted loading" }, "Loading flows…"));
  flowBox.id = "flows";
  const changeBox = section("Recent changes", el("p", { class: "muted loading" }, "Loading…"));
  changeBox.id = "changes";
  const incidentBox = section("Open incidents", el("p", { class: "muted loading" }, "Loading…"));
  incidentBox.id = "incidents";
  view.replaceChildren(heading, el("div", { class: "grid two wide-left" }, wrong, el("div", { class: "col" }, incidentBox, changeBox)),
    el("div", { class: "spaced" }, flowBox));

  const span = { from: w.from, to: w.to };
  await Promise.all([
    whatIsWrong(wrong, span).catch((e) => wrong.replaceChildren(wrong.firstChild, el("p", { class: "error" }, e.message))),
    flowTable(flowBox, span).catch((e) => flowBox.append(el("p", { class: "error" }, e.message))),
    changeTimeline(changeBox, span).catch((e) => changeBox.append(el("p", { class: "error" }, e.message))),
    openIncidents(incidentBox).catch((e) => incidentBox.append(el("p", { class: "error" }, e.message))),
  ]);
}

async function whatIsWrong(box, span) {
  const inv = await post("/api/v1/investigations", { flow: null, signal: "errors", from: span.from, to: span.to });
  const h = box.firstChild;
  if (!inv.anomaly) {
    box.replaceChildren(h, el("p", { class: "ok-line" }, "Nothing is wrong in this window: every flow's error rate is at its baseline."));
    return;
  }
  const s = inv.symptom;
  const flow = s.flow ? flowParam(s.flow) : null;
  const top = (inv.suspects || [])[0];
  const href = "/investigations" + query({ flow, signal: "errors", from: span.from, to: span.to });
  box.replaceChildren(h,
    el("p", { class: "headline" }, pill(s.severity ? s.severity.level : "anomaly"), " ", el("b", {}, flowName(s.flow)), ": error rate ",
      valueOf(s.baseline.value, s.baseline.unit), " → ", el("b", {}, valueOf(s.observed.value, s.observed.unit)), " since ", time(s.onset.at)),
    (s.cohorts || []).length ? el("p", {}, "For whom: ", el("code", {}, cohortText(s.cohorts[0].attributes)),
      " (" + pct(s.cohorts[0].share_of_excess) + " of the excess errors)") : null,
    top ? el("p", {}, "First suspect: ", el("b", {}, top.change.type + " " + (top.change.service || "") + " " + (top.change.version || "")),
      " — ", top.change.summary, " ", pill(top.confidence)) : el("p", {}, inv.unexplained ? "No recorded change explains this." : "No suspects."),
    el("p", {}, link(href, "Open the investigation →")));
}

async function flowTable(box, span) {
  const [flows, series] = await Promise.all([
    get("/api/v1/flows" + query(span)),
    get("/api/v1/series" + query({ from: span.from, to: span.to, per_flow: "true" })),
  ]);
  const byFlow = new Map();
  const buckets = [];
  const start = Date.parse(span.from);
  const width = series.bucket_seconds * 1000;
  const n = Math.max(1, Math.ceil((Date.parse(span.to) - start) / width));
  for (const p of series.points) {
    const key = flowParam(p);
    if (!byFlow.has(key)) byFlow.set(key, { req: new Array(n).fill(0), err: new Array(n).fill(null), p99: new Array(n).fill(null) });
    const i = Math.min(n - 1, Math.round((Date.parse(p.start) - start) / width));
    const f = byFlow.get(key);
    f.req[i] = p.requests;
    f.err[i] = p.requests ? p.errors / p.requests : null;
    f.p99[i] = p.p99_ms;
  }
  buckets.length = n;
  const rows = flows.flows.slice().sort((a, b) => b.errors - a.errors || b.error_rate - a.error_rate || b.requests - a.requests);
  if (!rows.length) { box.append(empty("No requests in this window.")); box.querySelector(".loading")?.remove(); return; }
  const table = el("table", { class: "flows" },
    el("caption", { class: "sr-only" }, "Flows between " + utc(span.from) + " and " + utc(span.to)),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Flow"), el("th", { scope: "col", class: "num" }, "Requests"),
      el("th", { scope: "col" }, "per " + duration(width)), el("th", { scope: "col", class: "num" }, "Error rate"),
      el("th", { scope: "col" }, "Errors"), el("th", { scope: "col", class: "num" }, "p99"), el("th", { scope: "col" }, "Latency p99"))),
    el("tbody", {}, rows.map((f) => {
      const key = flowParam(f);
      const s = byFlow.get(key) || { req: [], err: [], p99: [] };
      const bad = f.error_rate >= 0.05;
      return el("tr", { class: bad ? "bad" : "" },
        el("th", { scope: "row" }, link("/investigations" + query({ flow: key, signal: "errors", from: span.from, to: span.to }),
          el("span", { class: "svc" }, f.service), " ", f.operation)),
        el("td", { class: "num" }, int(f.requests)),
        el("td", {}, sparkline(s.req, "requests per bucket of " + key)),
        el("td", { class: "num" + (bad ? " bad" : "") }, pct(f.error_rate)),
        el("td", {}, sparkline(s.err, "error rate per bucket of " + key, "err")),
        el("td", { class: "num" }, ms(f.p99_ms)),
        el("td", {}, sparkline(s.p99, "p99 latency per bucket of " + key, "lat")));
    })));
  box.querySelector(".loading")?.remove();
  box.append(table, el("details", { class: "query-box" }, el("summary", {}, "Queries"), el("pre", {}, flows.query), el("pre", {}, series.query)));
}

export async function changeTimeline(box, span, limit = 12) {
  const body = await get("/api/v1/changes" + query(span));
  box.querySelector(".loading")?.remove();
  const changes = body.changes.slice().sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
  if (!changes.length) { box.append(empty("No changes in this window.")); return; }
  const from = Date.parse(span.from);
  const to = Date.parse(span.to);
  const W = 400;
  const line = svg("svg", { class: "timeline", viewBox: "0 0 " + W + " 34", role: "img",
    "aria-label": changes.length + " changes between " + utc(span.from) + " and " + utc(span.to) + ", listed below" },
  svg("line", { x1: 0, y1: 20, x2: W, y2: 20, class: "axis" }));
  for (const c of changes) {
    const x = ((Date.parse(c.timestamp) - from) / (to - from)) * W;
    line.append(svg("circle", { cx: x.toFixed(1), cy: 20, r: 5, class: "dot " + c.type }, svg("title", {}, c.type + " " + (c.service || "") + " at " + utc(c.timestamp) + ": " + c.summary)));
  }
  line.append(svg("text", { x: 0, y: 10, class: "tick" }, utc(span.from, false).replace(" UTC", "")),
    svg("text", { x: W, y: 10, class: "tick end" }, utc(span.to, false).replace(" UTC", "")));
  box.append(line, el("ul", { class: "changes" }, changes.slice(0, limit).map(changeItem)));
  if (changes.length > limit) box.append(el("p", {}, link("/changes" + query(span), "All " + changes.length + " changes →")));
}

export function changeItem(c) {
  return el("li", { class: "change" }, el("span", { class: "when" }, time(c.timestamp)), " ", pill(c.type, "type-" + c.type), " ",
    el("b", {}, c.service || ""), c.version ? " " + c.version : "", el("div", { class: "summary" }, c.summary),
    el("div", { class: "muted small" }, [c.author ? "by " + c.author : null, c.source ? "via " + c.source : null].filter(Boolean).join(" · ")));
}

async function openIncidents(box) {
  const body = await get("/api/v1/incidents");
  box.querySelector(".loading")?.remove();
  const open = body.incidents.filter((i) => i.status !== "resolved");
  if (!open.length) { box.append(empty("No open incidents.")); return; }
  box.append(el("ul", { class: "incidents" }, open.map((i) => el("li", {},
    link("/incidents/" + encodeURIComponent(i.id), el("b", {}, i.id), " ", i.title), " ", pill(i.severity), " ", pill(i.status),
    el("div", { class: "muted small" }, "opened ", time(i.opened_at), i.commander ? " · commander " + i.commander : "",
      i.updates && i.updates.next_due_at ? [" · next update ", time(i.updates.next_due_at, false)] : null)))));
}
