// Investigation: the question in the address, the symptom chart with its onset, baseline, cohort
// and changes, the symptom card, the cohort comparison, suspects with their numbers and queries,
// the signals, the containment card, and "open an incident".
import { el, link, section, empty, pct, int, num, ms, objective, time, utc, flowName, flowParam, cohortText, pill, valueOf,
  queryBlock, duration, toast } from "./dom.js";
import { get, post, query } from "./api.js";
import { timeChart } from "./chart.js";
import { navigate, windowOf } from "./nav.js";
import { containmentCard } from "./containment.js";

const SIGNALS = [["errors", "Error rate"], ["latency:p99", "Latency p99"], ["latency:p95", "Latency p95"], ["throughput", "Throughput drop"]];

export async function investigation(view, params) {
  const w = windowOf(params);
  const q = {
    flow: params.get("flow") || null, signal: params.get("signal") || "errors", from: w.from, to: w.to,
    baseline_from: params.get("baseline_from") || null, baseline_to: params.get("baseline_to") || null,
  };
  document.title = "Investigation · " + flowName(q.flow) + " · Casefile";
  const form = questionForm(q);
  const status = el("p", { class: "muted", role: "status", id: "inv-status" }, "Investigating ", flowName(q.flow), " from ", time(q.from), " to ", time(q.to), "…");
  view.replaceChildren(el("div", { class: "page-head" }, el("h1", {}, "Investigation"), form), status);

  const changesP = get("/api/v1/changes" + query({ from: q.from, to: q.to })).catch(() => ({ changes: [] }));
  // who is failing needs no onset: it is asked at the same time as the investigation
  const cohortsP = q.flow ? cohorts(q.flow, q) : null;
  if (cohortsP) cohortsP.catch(() => {}); // shown where the bars go
  const question = { flow: q.flow, signal: q.signal, from: q.from, to: q.to };
  let inv;
  try {
    inv = await post("/api/v1/investigations", question);
  } catch (e) {
    status.className = "error";
    status.textContent = "The investigation failed: " + e.message;
    return null;
  }
  status.remove();
  const s = inv.symptom;
  const flow = s && s.flow ? flowParam(s.flow) : q.flow;
  const cohort = s && s.cohorts && s.cohorts.length ? s.cohorts[0].attributes : null;
  const page = el("div", { id: "investigation", class: "investigation" });
  view.append(page);

  if (!inv.anomaly) {
    page.append(section("Symptom", el("p", { class: "ok-line", id: "symptom" },
      "No anomaly in this window: the signal is at its baseline. Nothing else is claimed.")));
  } else {
    page.append(symptomCard(inv));
  }
  const chartBox = section("Symptom chart", el("p", { class: "muted loading" }, "Loading the series…"));
  chartBox.id = "symptom-chart";
  const left = el("div", { class: "col" }, chartBox);
  const right = el("div", { class: "col" });
  page.append(el("div", { class: "grid two wide-left" }, left, right));

  if (inv.anomaly) {
    left.append(suspectsCard(inv), signalsCard(inv, flow));
    if (Array.isArray(inv.root_causes) && inv.root_causes.length) left.append(rootCausesCard(inv.root_causes));
    right.append(containmentCard(inv.containment, null), openIncidentCard(inv, question));
    const bars = section("Who is failing", el("p", { class: "muted loading" }, "Comparing failing and baseline requests…"));
    bars.id = "cohort-bars";
    right.append(bars);
    if (flow) cohortBars(bars, flow === q.flow && cohortsP ? cohortsP : cohorts(flow, q)).catch((e) => bars.append(el("p", { class: "error" }, e.message)));
    else bars.append(empty("The whole environment has no single flow to compare."));
  } else if (inv.containment) {
    right.append(containmentCard(inv.containment, null));
  }
  page.append(evidenceCard(inv));

  const changes = await changesP;
  try {
    const data = await series(flow, q, cohort);
    chartBox.querySelector(".loading")?.remove();
    chartBox.append(symptomChart(inv, data, changes.changes || [], q, cohort));
  } catch (e) {
    chartBox.append(el("p", { class: "error" }, e.message));
  }
  // the flow list only fills the question form: it waits until the answer is on the page
  get("/api/v1/flows" + query({ from: q.from, to: q.to })).then((f) => fillFlows(form, f.flows, q.flow)).catch(() => {});
  return null;
}

function series(flow, q, cohort) {
  return get("/api/v1/series" + query({ flow, from: q.from, to: q.to, latency: q.signal.startsWith("latency") ? null : "false",
    cohort: cohort ? Object.entries(cohort).map(([k, v]) => k + "=" + v) : null }));
}

/** Failing against baseline requests per attribute value: the URL's baseline, or the window's requests that did not fail. */
function cohorts(flow, q) {
  const explicit = q.baseline_from && q.baseline_to;
  const from = explicit && Date.parse(q.baseline_to) > Date.parse(q.from) ? q.baseline_to : q.from;
  return get("/api/v1/cohorts" + query({ flow, from, to: q.to, baseline_from: explicit ? q.baseline_from : null, baseline_to: explicit ? q.baseline_to : null }));
}

function questionForm(q) {
  const input = (name, label, value, attrs) => el("label", {}, label, el("input", Object.assign({ name, value: value || "", spellcheck: "false" }, attrs || {})));
  const flowSelect = el("select", { name: "flow", id: "q-flow" }, el("option", { value: "" }, "the whole environment"));
  if (q.flow) flowSelect.append(el("option", { value: q.flow, selected: "" }, q.flow.replace(":", " ")));
  flowSelect.value = q.flow || "";
  const signal = el("select", { name: "signal", id: "q-signal" }, SIGNALS.map(([v, l]) => el("option", { value: v }, l)));
  signal.value = q.signal;
  const form = el("form", { class: "question", id: "question", "aria-label": "Question" },
    el("label", {}, "Flow", flowSelect), el("label", {}, "Signal", signal),
    input("from", "From (UTC)", q.from, { required: true, size: 22 }), input("to", "To (UTC)", q.to, { required: true, size: 22 }),
    el("details", { class: "baseline-fields" }, el("summary", {}, "Baseline"),
      input("baseline_from", "Baseline from", q.baseline_from, { size: 22, placeholder: "before the onset" }),
      input("baseline_to", "Baseline to", q.baseline_to, { size: 22 })),
    el("button", { type: "submit", class: "primary", id: "investigate" }, "Investigate"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const p = {};
    for (const k of ["flow", "signal", "from", "to", "baseline_from", "baseline_to"]) {
      const v = String(f.get(k) || "").trim();
      if (v) p[k] = v;
    }
    for (const k of ["from", "to", "baseline_from", "baseline_to"]) {
      if (p[k] && Number.isNaN(Date.parse(p[k]))) { toast(k.replace("_", " ") + " is not a time like 2026-03-02T12:00:00Z", true); return; }
    }
    navigate("/investigations" + query(p));
  });
  return form;
}

function fillFlows(form, flows, chosen) {
  const select = form.querySelector("#q-flow");
  select.replaceChildren(el("option", { value: "" }, "the whole environment"));
  for (const f of flows) {
    const v = flowParam(f);
    select.append(el("option", { value: v }, f.service + " " + f.operation + "  (" + int(f.requests) + " req, " + pct(f.error_rate) + " errors)"));
  }
  select.value = chosen || "";
}

function symptomCard(inv) {
  const s = inv.symptom;
  const unit = s.observed.unit;
  const what = inv.question.signal === "errors" ? "error rate" : inv.question.signal.replace(":", " ");
  const signature = (s.signature || []).filter((x) => x.kind !== "log").slice(0, 3);
  const sev = s.severity;
  const onsetWidth = Date.parse(s.onset.latest) - Date.parse(s.onset.earliest);
  const box = section("Symptom",
    el("p", { class: "headline" }, sev ? pill(sev.level) : null, " ", el("b", {}, flowName(s.flow)), " · ", what, " ",
      el("span", { class: "from" }, valueOf(s.baseline.value, unit)), " → ", el("b", { class: "to" }, valueOf(s.observed.value, unit))),
    el("dl", { class: "facts" },
      el("dt", {}, "What"), el("dd", {}, signature.length ? signature.map((x) => x.kind.replace("_", " ") + " " + x.value).join(" · ") : what + " above baseline"),
      el("dt", {}, "Since"), el("dd", {}, time(s.onset.at), " ", el("span", { class: "muted" }, "± " + duration(onsetWidth / 2) + " (", time(s.onset.earliest, false), " – ", time(s.onset.latest, false), ")")),
      el("dt", {}, "Where"), el("dd", {}, flowName(s.flow)),
      el("dt", {}, "For whom"), el("dd", {}, (s.cohorts || []).length ? s.cohorts.map((c) => el("div", {},
        el("code", {}, cohortText(c.attributes)), ": " + pct(c.share_of_excess) + " of the excess errors; " + pct(c.rate) + " of its requests fail (baseline " + pct(c.baseline_rate) + "), " + int(c.errors) + " of " + int(c.requests)))
        : "everyone alike: no cohort stands out"),
      el("dt", {}, "How bad"), el("dd", {}, sev ? [int(sev.affected_requests) + " affected requests (" + num(sev.per_minute) + "/min, " + pct(sev.traffic_share) + " of the flow's traffic)",
        sev.users != null ? " · " + int(sev.users) + " users" : "", " · SLO burn " + num(sev.burn_rate) + "× against a " + objective(sev.objective) + " objective"]
        : int(s.observed.errors) + " of " + int(s.observed.requests)),
      el("dt", {}, "Measured"), el("dd", { class: "muted" }, int(s.observed.errors) + " bad of " + int(s.observed.requests) + " requests since onset; baseline " +
        int(s.baseline.errors) + " of " + int(s.baseline.requests) + " (", time(s.baseline.from, false), " – ", time(s.baseline.to, false), ")",
        s.week_earlier ? " · a week earlier " + valueOf(s.week_earlier.value, s.week_earlier.unit) : "")));
  box.id = "symptom";
  return box;
}

function symptomChart(inv, data, changes, q, cohort) {
  const pts = data.points;
  const bucket = data.bucket_seconds;
  const x = pts.map((p) => Date.parse(p.start) / 1000 + bucket / 2);
  const signal = inv.question.signal;
  const latency = signal.startsWith("latency");
  const throughput = signal === "throughput";
  const s = inv.symptom;
  const ratio = (e, r) => (r ? e / r : null);
  const seriesList = [];
  let format = pct;
  if (latency) {
    format = ms;
    seriesList.push({ label: "p99", values: pts.map((p) => p.p99_ms), color: "var" }, { label: "median", values: pts.map((p) => p.p50_ms), dash: [4, 3] });
  } else if (throughput) {
    format = (v) => num(v) + "/min";
    seriesList.push({ label: "requests/min", values: pts.map((p) => p.requests * 60 / bucket) });
  } else {
    seriesList.push({ label: "all requests", values: pts.map((p) => ratio(p.errors, p.requests)), width: 2 });
    if (cohort) {
      const c = cohortText(cohort);
      seriesList.push({ label: c, values: pts.map((p) => ratio(p.cohort_errors, p.cohort_requests)), kind: "cohort" },
        { label: "the rest", values: pts.map((p) => ratio(p.errors - p.cohort_errors, p.requests - p.cohort_requests)), dash: [5, 4], kind: "rest" });
    }
  }
  const root = getComputedStyle(document.documentElement);
  const colors = [root.getPropertyValue("--series-1").trim(), root.getPropertyValue("--series-2").trim(), root.getPropertyValue("--series-3").trim()];
  seriesList.forEach((sr, i) => { sr.color = colors[i] || colors[0]; });
  const bands = [];
  const markers = [];
  let level = null;
  if (s) {
    const e = Date.parse(s.onset.earliest) / 1000;
    const l = Date.parse(s.onset.latest) / 1000;
    bands.push({ kind: "onset", from: e, to: Math.max(l, e + 2), label: "onset", title: "Onset interval",
      detail: "most likely " + utc(s.onset.at, false) });
    if (!throughput) {
      const v = s.baseline.value;
      level = { lo: v, hi: v, label: "Baseline " + valueOf(v, s.baseline.unit) + " (" + utc(s.baseline.from, false) + " – " + utc(s.baseline.to, false) + ")" };
    }
  }
  for (const c of changes) {
    const label = c.type + " " + (c.service || "") + (c.version ? " " + c.version : "");
    markers.push({ kind: "change", at: Date.parse(c.timestamp) / 1000, label, title: "Change: " + label, detail: c.summary });
  }
  const what = latency ? "p99 latency" : throughput ? "requests per minute" : "error rate";
  return timeChart({
    label: what + " of " + flowName(data.flow) + " per " + bucket + " s bucket, " + utc(q.from) + " to " + utc(q.to),
    x, series: seriesList, format, bands, markers, level, height: 260,
  });
}

function suspectsCard(inv) {
  const list = el("ol", { class: "suspects", id: "suspects" });
  (inv.suspects || []).forEach((s, i) => {
    const c = s.change;
    const evidence = (s.evidence || []).map((id) => (inv.evidence || []).find((e) => e.id === id)).filter(Boolean);
    list.append(el("li", { class: "suspect" + (i === 0 ? " first" : "") },
      el("div", { class: "suspect-head" }, el("span", { class: "rank" }, String(i + 1)), pill(c.type, "type-" + c.type), " ",
        el("b", {}, (c.service || "") + (c.version ? " " + c.version : "")), " ",
        c.previous_version ? el("span", { class: "muted" }, "(from " + c.previous_version + ")") : null, " ",
        pill(s.confidence), el("span", { class: "score", title: "score between 0 and 1" }, "score " + Number(s.score).toFixed(2))),
      el("div", { class: "summary" }, c.summary),
      el("div", { class: "muted small" }, time(c.timestamp), c.author ? " · " + c.author : "", c.source ? " · via " + c.source : ""),
      el("ul", { class: "reasons" }, (s.reasons || []).map((r) => el("li", {}, el("span", { class: "reason-kind" }, r.kind), " ", r.text))),
      evidence.length ? el("details", { class: "numbers" }, el("summary", {}, "Numbers and query"), evidence.map(evidenceItem)) : null));
  });
  const box = section("Suspects", list);
  if (inv.unexplained) box.append(el("p", { class: "callout" }, el("b", {}, "No recorded change explains this."), " Look at the signals and the cohort."));
  if (!(inv.suspects || []).length && !inv.unexplained) box.append(empty("No changes in the window."));
  return box;
}

function evidenceItem(e) {
  return el("div", { class: "evidence", id: "evidence-" + e.id }, el("p", {}, el("b", {}, e.id), " ", e.claim),
    Object.keys(e.numbers || {}).length ? el("table", { class: "numbers-table" }, el("tbody", {}, Object.entries(e.numbers).map(([k, v]) =>
      el("tr", {}, el("th", { scope: "row" }, k.replace(/_/g, " ")), el("td", { class: "num" }, num(v)))))) : null,
    queryBlock(e.query));
}

function signalsCard(inv, flow) {
  const list = el("ul", { class: "signals", id: "signals" });
  const s = inv.symptom;
  const from = s ? s.onset.earliest : inv.question.from;
  for (const sig of inv.signals || []) {
    const item = el("li", { class: "signal signal-" + sig.kind }, el("span", { class: "signal-kind" }, sig.kind.replace(/_/g, " ")), " ", sig.text);
    if (sig.service && sig.operation && (sig.kind === "error_origin" || sig.kind === "latency")) {
      const slot = el("div", { class: "exemplar" }, el("span", { class: "muted" }, "finding an example trace…"));
      item.append(slot);
      get("/api/v1/exemplars" + query({ flow: flowParam(sig), from, to: inv.question.to, limit: 1, slowest: sig.kind === "latency" ? "true" : null }))
        .then((r) => slot.replaceChildren(r.exemplars.length
          ? link("/traces/" + r.exemplars[0].trace_id, sig.kind === "latency" ? "Slowest example trace →" : "Example failing trace →")
          : el("span", { class: "muted" }, "no example trace stored")))
        .catch((e) => slot.replaceChildren(el("span", { class: "error" }, e.message)));
    }
    list.append(item);
  }
  const logs = s ? (s.signature || []).filter((x) => x.kind === "log") : [];
  const box = section("Signals", list);
  if (!(inv.signals || []).length) list.append(el("li", { class: "muted" }, "No trace, log or metric signal stands out."));
  if (logs.length) {
    box.append(el("h3", {}, "Log templates, new and rising"), el("table", { class: "templates" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Template"), el("th", { scope: "col", class: "num" }, "Since onset"), el("th", { scope: "col", class: "num" }, "Baseline"))),
      el("tbody", {}, logs.map((t) => el("tr", {}, el("td", {}, t.is_new ? pill("new") : pill("rising"), " ", el("code", {}, t.value),
        logExample(t.value, from, inv.question.to)),
        el("td", { class: "num" }, int(t.count)), el("td", { class: "num" }, int(t.baseline_count)))))));
  }
  if (flow && s) {
    const slot = el("p", { class: "exemplar" });
    box.append(slot);
    get("/api/v1/exemplars" + query({ flow, from, to: inv.question.to, limit: 1 })).then((r) => {
      if (r.exemplars.length) slot.append("A failing request of ", flowName(flow), ": ", link("/traces/" + r.exemplars[0].trace_id, "open its trace →"));
    }).catch(() => {});
  }
  return box;
}

/** The latest line of a log template in the window, with a link to its trace. */
function logExample(template, from, to) {
  const slot = el("div", { class: "example muted small" });
  get("/api/v1/log-examples" + query({ template, from, to, limit: 1 })).then((r) => {
    const l = r.logs[0];
    if (!l) return;
    slot.append("e.g. ", time(l.time, false), " ", el("span", { class: "svc" }, l.service), " ", el("span", { class: "log-line" }, l.body),
      l.trace_id ? [" ", link("/traces/" + l.trace_id + (l.span_id ? "?span=" + l.span_id : ""), "trace →")] : null);
  }).catch(() => {});
  return slot;
}

function rootCausesCard(causes) {
  return section("Root causes", el("ol", { class: "root-causes", id: "root-causes" }, causes.map((c) => {
    if (typeof c !== "object" || c === null) return el("li", {}, String(c));
    const head = c.text || c.summary || c.statement || [c.service, c.operation].filter(Boolean).join(" ");
    const rest = Object.entries(c).filter(([k, v]) => v !== null && typeof v !== "object" && !["text", "summary", "statement"].includes(k));
    return el("li", {}, el("b", {}, head), el("div", { class: "muted small" }, rest.map(([k, v]) => k.replace(/_/g, " ") + " " + (typeof v === "number" ? num(v) : v)).join(" · ")));
  })));
}

async function cohortBars(box, pending) {
  const r = await pending;
  box.querySelector(".loading")?.remove();
  const against = typeof r.baseline === "string" ? " requests of the window that did not fail" : " baseline requests";
  box.append(el("p", { class: "muted small" }, "Share of the " + int(r.failing) + " failing requests (solid) against the " +
    int(r.baseline_requests) + against + " (light), per value. Attributes that differ most come first."));
  if (!r.attributes.length) { box.append(empty("No attribute with few enough values to compare.")); return; }
  for (const a of r.attributes.slice(0, 6)) {
    const rows = a.values.slice(0, 5).map((v) => {
      const name = v.value === null ? "(none)" : v.value;
      const label = a.key + "=" + name;
      return el("div", { class: "bar-row", "data-attr": label },
        el("div", { class: "bar-label", title: label }, name),
        el("div", { class: "bar-pair", role: "img", "aria-label": label + ": " + pct(v.failing_share) + " of failing requests, " + pct(v.baseline_share) + " of baseline requests" },
          bar("failing", v.failing_share), bar("baseline", v.baseline_share)),
        el("div", { class: "bar-value" }, pct(v.failing_share), el("span", { class: "muted" }, " vs " + pct(v.baseline_share))));
    });
    box.append(el("div", { class: "attr" }, el("h3", {}, a.key), rows));
  }
  box.append(el("details", { class: "query-box" }, el("summary", {}, "Query"), queryBlock(r.query)));
}

function bar(kind, share) {
  const b = el("span", { class: "bar " + kind });
  b.style.width = Math.max(0.5, Math.min(100, 100 * (share || 0))).toFixed(1) + "%";
  return b;
}

function openIncidentCard(inv, question) {
  const s = inv.symptom;
  const title = el("input", { id: "incident-title", name: "title", value: flowName(s.flow) + " failing" + (s.cohorts && s.cohorts.length ? " for " + cohortText(s.cohorts[0].attributes) : ""), required: true });
  const commander = el("input", { id: "incident-commander", name: "commander", placeholder: "who leads" });
  const form = el("form", { class: "stack", id: "open-incident-form" },
    el("label", {}, "Title", title), el("label", {}, "Commander", commander),
    el("button", { type: "submit", class: "primary", id: "open-incident" }, "Open an incident"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const c = await post("/api/v1/incidents", {
        title: title.value, commander: commander.value || null, severity: s.severity ? s.severity.level : null,
        investigation: { flow: question.flow || flowParam(s.flow), signal: question.signal, from: question.from, to: question.to },
      });
      navigate("/incidents/" + encodeURIComponent(c.id));
    } catch (e) {
      toast("Could not open the incident: " + e.message, true);
      button.disabled = false;
    }
  });
  return section("Incident", el("p", { class: "muted small" }, "Opens a casefile with this investigation's facts and suspects as its first entries."), form);
}

function evidenceCard(inv) {
  const box = el("details", { class: "card evidence-all", id: "evidence" },
    el("summary", {}, el("h2", { class: "inline" }, "Evidence"), el("span", { class: "muted" }, " " + (inv.evidence || []).length + " claims, each with its numbers and the SQL that reproduces it")),
    (inv.evidence || []).map(evidenceItem));
  if ((inv.notes || []).length) box.append(el("h3", {}, "Notes"), el("ul", {}, inv.notes.map((n) => el("li", {}, n))));
  return box;
}
