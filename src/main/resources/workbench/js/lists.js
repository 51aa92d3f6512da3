// Flows and Changes: the stored flows with their statistics over a window, and the change events
// of a window on a timeline with the full list.
import { el, link, section, empty, pct, int, ms, time, duration, flowParam } from "./dom.js";
import { get, query } from "./api.js";
import { windowOf, windowChoices } from "./nav.js";
import { changeTimeline } from "./overview.js";

function windowNav(path, w) {
  return el("nav", { class: "segmented", "aria-label": "Window" }, windowChoices.map((c) => {
    const a = link(path + "?window=" + c, "last " + c);
    if (c === w.spec) a.setAttribute("aria-current", "true");
    return a;
  }));
}

export async function flows(view, params) {
  const w = windowOf(params);
  document.title = "Flows · Casefile";
  const body = await get("/api/v1/flows" + query({ from: w.from, to: w.to }));
  const rows = body.flows.slice().sort((a, b) => a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation));
  view.replaceChildren(
    el("div", { class: "page-head" }, el("h1", {}, "Flows"),
      el("p", { class: "muted" }, "Requests per service and operation, ", time(w.from), " – ", time(w.to), " (" + duration(Date.parse(w.to) - Date.parse(w.from)) + ")"),
      windowNav("/flows", w)),
    section("All flows", rows.length ? el("table", { class: "flows", id: "flows-table" },
      el("thead", {}, el("tr", {}, ["Service", "Operation", "Requests", "Errors", "Error rate", "p50", "p95", "p99", ""].map((h, i) =>
        el("th", { scope: "col", class: i >= 2 && i <= 7 ? "num" : "" }, h)))),
      el("tbody", {}, rows.map((f) => el("tr", { class: f.error_rate >= 0.05 ? "bad" : "" },
        el("td", {}, el("span", { class: "svc" }, f.service)), el("th", { scope: "row" }, f.operation),
        el("td", { class: "num" }, int(f.requests)), el("td", { class: "num" }, int(f.errors)), el("td", { class: "num" }, pct(f.error_rate)),
        el("td", { class: "num" }, ms(f.p50_ms)), el("td", { class: "num" }, ms(f.p95_ms)), el("td", { class: "num" }, ms(f.p99_ms)),
        el("td", {}, link("/investigations" + query({ flow: flowParam(f), signal: "errors", from: w.from, to: w.to }), "Investigate →"))))))
      : empty("No requests in this window.")),
    el("details", { class: "card query-box" }, el("summary", {}, "Query"), el("pre", {}, body.query)));
  return null;
}

export async function changes(view, params) {
  const w = windowOf(params, "24h");
  document.title = "Changes · Casefile";
  const box = section("Timeline", el("p", { class: "muted loading" }, "Loading…"));
  box.id = "changes";
  view.replaceChildren(el("div", { class: "page-head" }, el("h1", {}, "Changes"),
    el("p", { class: "muted" }, "Deploys, configuration, flags, dependencies and traffic shifts, ", time(w.from), " – ", time(w.to)),
    windowNav("/changes", w)), box);
  await changeTimeline(box, { from: w.from, to: w.to }, Infinity);
  return null;
}
