// Incident: where an incident is worked. The header, the symptom chart with every action's
// observation window and verdict, the timeline, the hypothesis board, containment, the entry
// forms (with the one-change-at-a-time refusal and force-with-reason), status changes, the status
// update composer, the postmortem and the evidence snapshots. New entries and verdicts arrive
// live over server-sent events.
import { el, link, section, empty, pct, num, int, time, utc, flowParam, flowName, cohortText, pill, duration, isoDuration,
  queryBlock, toast } from "./dom.js";
import { api, get, post, query, events, ApiError } from "./api.js";
import { timeChart } from "./chart.js";
import { containmentCard } from "./containment.js";
import { markdown } from "./markdown.js";

const STATUSES = ["investigating", "identified", "mitigated", "monitoring", "resolved"];
const HYPOTHESIS = ["open", "supported", "refuted", "confirmed"];

export async function incident(view, params, id) {
  const base = "/api/v1/incidents/" + encodeURIComponent(id);
  let inc = await get(base);
  document.title = inc.id + " " + inc.title + " · Casefile";

  const header = el("div", { class: "page-head incident-head", id: "incident-header" });
  const chartBox = section("Symptom and actions", el("p", { class: "muted loading" }, "Loading the series…"));
  chartBox.id = "incident-chart";
  const actionsBox = section("Actions and their measured effect");
  actionsBox.id = "actions";
  const timelineBox = section("Timeline");
  timelineBox.id = "timeline";
  const board = section("Hypotheses");
  board.id = "hypotheses";
  const containment = el("div", { id: "containment-slot" });
  const snapshots = section("Evidence snapshots");
  snapshots.id = "snapshots";
  const forms = entryForms(base, () => refresh());
  const statusBox = statusForm(base, () => refresh());
  const updates = updateComposer(base, () => refresh());
  const postmortem = postmortemCard(base, inc);
  const live = el("span", { class: "live", id: "live", role: "status" }, "connecting…");

  view.replaceChildren(header, el("div", { class: "grid two wide-left" },
    el("div", { class: "col" }, chartBox, actionsBox, forms.card, timelineBox),
    el("div", { class: "col" }, statusBox, containment, board, updates.card, snapshots, postmortem)));

  async function refresh() {
    inc = await get(base);
    render();
  }

  function render() {
    renderHeader(header, inc, live);
    renderActions(actionsBox, inc);
    renderTimeline(timelineBox, inc);
    renderBoard(board, inc, base, refresh);
    renderSnapshots(snapshots, inc, base, refresh);
    updates.history(inc);
    drawChart(chartBox, inc).catch((e) => chartBox.append(el("p", { class: "error" }, e.message)));
  }
  render();

  get(base + "/containment").then((c) => {
    containment.replaceChildren(containmentCard(c, (m) => forms.startMitigation(m)));
  }).catch((e) => {
    containment.replaceChildren(containmentCard(null, null));
    if (!(e instanceof ApiError && e.status === 409)) toast(e.message, true);
  });

  let pending = null;
  const close = events(base + "/events", (type) => {
    live.textContent = "live";
    live.className = "live on";
    clearTimeout(pending);
    pending = setTimeout(() => refresh().catch(() => {}), 150);
  });
  // fresh telemetry: the symptom series is redrawn every half minute
  const fresh = setInterval(async () => {
    try {
      inc = await get(base);
      renderHeader(header, inc, live);
      await drawChart(chartBox, inc);
    } catch (e) { /* the next tick tries again */ }
  }, 30000);
  return () => { close(); clearInterval(fresh); clearTimeout(pending); };
}

function renderHeader(box, inc, live) {
  const now = Date.parse(inc.now);
  const u = inc.updates || {};
  box.replaceChildren(
    el("p", { class: "crumbs" }, link("/", "Overview"), " / ", "Incident"),
    el("h1", {}, el("span", { class: "inc-id" }, inc.id), " ", inc.title),
    el("div", { class: "meta" }, pill(inc.severity), " ", pill(inc.status, "status-" + inc.status),
      el("span", {}, "commander ", el("b", {}, inc.commander || "none")),
      el("span", {}, "opened ", time(inc.opened_at), " (" + duration(now - Date.parse(inc.opened_at)) + " ago)"),
      el("span", { class: u.overdue ? "bad" : "" }, "next update ", u.next_due_at ? time(u.next_due_at, false) : "–", u.overdue ? " (overdue)" : ""),
      live),
    inc.symptom ? el("p", { class: "muted" }, inc.symptom.description || "",
      inc.symptom.cohort && Object.keys(inc.symptom.cohort).length ? [" · for ", el("code", {}, cohortText(inc.symptom.cohort))] : null) : null);
}

const VERDICT = { helped: "helped", no_effect: "no effect", worse: "worse", confounded: "confounded" };

async function drawChart(box, inc) {
  const s = inc.symptom;
  if (!s || !s.flow) {
    box.replaceChildren(box.firstChild, empty("This incident names no flow, so there is no symptom series to draw."));
    return;
  }
  const now = Date.parse(inc.now);
  const onset = s.onset ? Date.parse(s.onset) : Date.parse(inc.opened_at);
  let end = now;
  for (const a of inc.actions) end = Math.max(end, Math.min(Date.parse(a.window.end), now));
  const from = new Date(onset - 20 * 60000).toISOString();
  const to = new Date(end).toISOString();
  const flow = flowParam(s.flow);
  const cohort = s.cohort && Object.keys(s.cohort).length ? s.cohort : null;
  const data = await get("/api/v1/series" + query({ flow, from, to, cohort: cohort ? Object.entries(cohort).map(([k, v]) => k + "=" + v) : null }));
  const b = data.bucket_seconds;
  const x = data.points.map((p) => Date.parse(p.start) / 1000 + b / 2);
  const css = getComputedStyle(document.documentElement);
  const series = [{ label: "all requests", values: data.points.map((p) => p.requests ? p.errors / p.requests : null), color: css.getPropertyValue("--series-1").trim(), width: 2 }];
  if (cohort) series.push({ label: cohortText(cohort), values: data.points.map((p) => p.cohort_requests ? p.cohort_errors / p.cohort_requests : null), color: css.getPropertyValue("--series-2").trim() });
  const bands = [];
  if (s.onset) bands.push({ kind: "onset", from: onset / 1000 - 5, to: onset / 1000 + 5, label: "onset", title: "Onset" });
  for (const a of inc.actions) {
    const verdict = a.verdict ? VERDICT[a.verdict] || a.verdict : a.state;
    bands.push({ kind: a.verdict || "action", from: Date.parse(a.window.start) / 1000, to: Date.parse(a.window.end) / 1000,
      label: "#" + a.seq + " " + a.kind + ": " + verdict, tag: "#" + a.seq, title: "Action #" + a.seq + " " + a.summary, detail: "observation window " + isoDuration(a.window.length) + " · " + verdict });
  }
  const figure = timeChart({ label: "error rate of " + flowName(s.flow) + " with the incident's actions", x, series, format: pct, bands, height: 230 });
  box.replaceChildren(box.firstChild, figure);
}

function renderActions(box, inc) {
  const h = box.firstChild;
  if (!inc.actions.length) { box.replaceChildren(h, empty("No actions yet. Start one from the containment card or the Action form.")); return; }
  box.replaceChildren(h, el("ol", { class: "actions" }, inc.actions.map((a) => {
    const e = a.effect;
    const m = e && e.measurement;
    return el("li", { class: "action verdict-" + (a.verdict || "pending"), "data-seq": a.seq },
      el("div", {}, el("b", {}, "#" + a.seq + " "), pill(a.kind), " ", el("b", {}, a.summary), " ",
        a.verdict ? pill(VERDICT[a.verdict] || a.verdict, "verdict-" + a.verdict) : pill(a.state, "state-" + a.state),
        a.confounded ? [" ", pill("overlapped", "warn")] : null),
      el("div", { class: "muted small" }, "by " + (a.author || "anonymous") + " · window ", time(a.window.start, false), " – ", time(a.window.end, false),
        " (" + isoDuration(a.window.length) + ")", a.target ? " · target " + a.target : "", a.expected_effect ? " · expected: " + a.expected_effect : ""),
      a.forced_reason ? el("div", { class: "forced" }, "Recorded despite overlapping #" + (a.confounds || []).join(", #") + ": ", el("q", {}, a.forced_reason)) : null,
      e ? el("div", { class: "effect" }, el("p", {}, e.explanation || ""), m ? el("p", { class: "muted small" },
        "treated " + pct(m.treated_before && m.treated_before.rate) + " → " + pct(m.treated_after && m.treated_after.rate) +
        (m.control_before ? " · control " + pct(m.control_before.rate) + " → " + pct(m.control_after && m.control_after.rate) : "") +
        " · z " + num(m.z) + (m.difference_in_differences ? " · difference in differences" : "")) : null) : null,
      a.snapshot_id ? el("div", { class: "muted small" }, "evidence snapshot " + a.snapshot_id + " taken first") : null);
  })));
}

function entryText(e) {
  switch (e.type) {
    case "fact": return e.statement;
    case "hypothesis": return e.statement + " — " + e.status + (e.revises ? " (revises #" + e.revises + ")" : "");
    case "action": return e.kind + ": " + e.summary + (e.forced_reason ? " (forced: " + e.forced_reason + ")" : "");
    case "effect": return "#" + e.action + " " + (VERDICT[e.verdict] || e.verdict) + ": " + (e.explanation || "");
    case "decision": return e.decision + (e.rationale ? " — " + e.rationale : "");
    case "status_change": return (e.from || "") + " → " + e.to + (e.reason ? ": " + e.reason : "");
    case "status_update": return e.text;
    case "note": return e.text;
    case "root_cause": return e.statement + (e.trigger ? " (trigger: " + e.trigger + ")" : "") + (e.reason ? " — " + e.reason : "");
    case "snapshot": return "snapshot " + e.snapshot_id + (e.reason ? ": " + e.reason : "");
    default: return JSON.stringify(e);
  }
}

function renderTimeline(box, inc) {
  const h = box.firstChild;
  box.replaceChildren(h, el("ol", { class: "timeline-list", reversed: "" }, inc.entries.slice().reverse().map((e) =>
    el("li", { class: "entry entry-" + e.type, "data-seq": e.seq },
      el("span", { class: "when" }, time(e.at, false)), " ", pill(e.type.replace("_", " "), "entry-type"), " ",
      el("span", { class: "entry-text" }, entryText(e)), el("span", { class: "muted small" }, " · #" + e.seq + " " + (e.author || ""))))));
}

function renderBoard(box, inc, base, refresh) {
  const h = box.firstChild;
  const columns = HYPOTHESIS.map((st) => el("div", { class: "column col-" + st, "aria-label": st + " hypotheses", role: "group" },
    el("h3", {}, st + " (" + inc.hypotheses.filter((x) => x.status === st).length + ")"),
    inc.hypotheses.filter((x) => x.status === st).map((x) => hypothesisCard(x, base, refresh))));
  box.replaceChildren(h, el("div", { class: "board" }, columns));
}

function hypothesisCard(x, base, refresh) {
  const evidence = el("input", { "aria-label": "evidence for this change of status", placeholder: "evidence (optional)" });
  const buttons = HYPOTHESIS.filter((s) => s !== x.status).map((s) => el("button", {
    type: "button", class: "small ghost", onclick: async () => {
      const body = { type: "hypothesis", statement: x.statement, status: s, revises: x.seq,
        evidence_for: x.evidence_for.slice(), evidence_against: x.evidence_against.slice() };
      if (evidence.value.trim()) (s === "refuted" ? body.evidence_against : body.evidence_for).push(evidence.value.trim());
      try { await post(base + "/entries", body); await refresh(); } catch (e) { toast(e.message, true); }
    },
  }, "→ " + s));
  return el("article", { class: "hypothesis", "data-seq": x.seq },
    el("p", {}, x.statement),
    x.evidence_for.length ? el("ul", { class: "for" }, x.evidence_for.map((t) => el("li", {}, el("span", { class: "sr-only" }, "for: "), t))) : null,
    x.evidence_against.length ? el("ul", { class: "against" }, x.evidence_against.map((t) => el("li", {}, el("span", { class: "sr-only" }, "against: "), t))) : null,
    el("details", {}, el("summary", {}, "Change status"), evidence, el("div", { class: "row" }, buttons)));
}

function renderSnapshots(box, inc, base, refresh) {
  const h = box.firstChild;
  const snaps = inc.entries.filter((e) => e.type === "snapshot");
  const take = el("button", { type: "button", class: "small", onclick: async () => {
    try { await post(base + "/snapshots", { reason: "taken from the workbench" }); await refresh(); } catch (e) { toast(e.message, true); }
  } }, "Take a snapshot now");
  box.replaceChildren(h, snaps.length ? el("ul", { class: "snapshots" }, snaps.map((s) => el("li", {},
    el("b", {}, s.snapshot_id), " ", time(s.at, false), el("div", { class: "muted small" }, s.reason || ""),
    el("div", { class: "small" }, "window ", time(s.from, false), " – ", time(s.to, false), " · " +
      Object.entries(s.rows || {}).map(([k, v]) => int(v) + " " + k).join(", ")),
    el("div", { class: "sha" }, "SHA-256 ", el("code", {}, s.manifest_sha256 || "–"))))) : empty("No snapshots yet; one is taken before every mitigation."), take);
}

/** The entry forms, as tabs. startMitigation(candidate) fills the action form from containment. */
function entryForms(base, refresh) {
  const tabs = [["action", "Action"], ["hypothesis", "Hypothesis"], ["fact", "Fact"], ["decision", "Decision"], ["note", "Note"], ["root_cause", "Root cause"]];
  const field = (name, label, attrs, tag) => el("label", {}, label, el(tag || "input", Object.assign({ name }, attrs || {})));
  const refusal = el("div", { class: "refusal", id: "action-refusal", role: "alert", hidden: true });
  const panels = {
    action: el("form", { id: "action-form", class: "stack" },
      el("div", { class: "row" }, field("kind", "Kind", {}, "select"), field("observation_window", "Observe for", {}, "select")),
      field("summary", "What you change", { required: true, placeholder: "e.g. roll back payments to the previous version" }),
      field("target", "Target", { placeholder: "e.g. a service, flag or region" }),
      field("expected_effect", "Expected effect", { placeholder: "e.g. the error rate returns to its baseline" }),
      refusal,
      el("button", { type: "submit", class: "primary" }, "Record action")),
    hypothesis: el("form", { id: "hypothesis-form", class: "stack" },
      field("statement", "Hypothesis", { required: true, rows: 2 }, "textarea"),
      field("evidence_for", "Evidence for (one per line)", { rows: 2 }, "textarea"),
      field("evidence_against", "Evidence against (one per line)", { rows: 2 }, "textarea"),
      el("button", { type: "submit", class: "primary" }, "Record hypothesis")),
    fact: el("form", { id: "fact-form", class: "stack" },
      field("statement", "Fact", { required: true, rows: 2 }, "textarea"), field("source", "Source", { placeholder: "dashboard, log search, customer report" }),
      field("query", "Query that shows it", { rows: 2 }, "textarea"),
      el("button", { type: "submit", class: "primary" }, "Record fact")),
    decision: el("form", { id: "decision-form", class: "stack" },
      field("decision", "Decision", { required: true }), field("rationale", "Why", { rows: 2 }, "textarea"),
      el("button", { type: "submit", class: "primary" }, "Record decision")),
    note: el("form", { id: "note-form", class: "stack" }, field("text", "Note", { required: true, rows: 3 }, "textarea"),
      el("button", { type: "submit", class: "primary" }, "Add note")),
    root_cause: el("form", { id: "root-cause-form", class: "stack" },
      field("statement", "Root cause", { rows: 2 }, "textarea"), field("trigger", "Trigger (what set it off)"),
      el("label", { class: "check" }, el("input", { type: "checkbox", name: "unknown" }), "Root cause unknown"),
      field("reason", "Why it is unknown"), field("follow_up", "How it will be found"),
      el("button", { type: "submit", class: "primary" }, "Record root cause")),
  };
  const kind = panels.action.elements.kind;
  ["mitigation", "diagnostic", "correction"].forEach((k) => kind.append(el("option", { value: k }, k)));
  const win = panels.action.elements.observation_window;
  [["PT1M", "1 min"], ["PT2M", "2 min"], ["PT5M", "5 min"], ["PT10M", "10 min"], ["PT15M", "15 min"], ["PT30M", "30 min"]].forEach(([v, l]) => win.append(el("option", { value: v }, l)));
  win.value = "PT5M";

  const tabList = el("div", { role: "tablist", class: "tabs", "aria-label": "Record an entry" });
  const buttons = {};
  for (const [key, label] of tabs) {
    const b = el("button", { type: "button", role: "tab", id: "tab-" + key, "aria-controls": "panel-" + key, class: "tab" }, label);
    b.addEventListener("click", () => show(key));
    b.addEventListener("keydown", (ev) => {
      const i = tabs.findIndex(([k]) => k === key);
      if (ev.key === "ArrowRight" || ev.key === "ArrowLeft") {
        const next = tabs[(i + (ev.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length][0];
        show(next);
        buttons[next].focus();
      }
    });
    buttons[key] = b;
    tabList.append(b);
  }
  const panelBox = el("div", {});
  for (const [key] of tabs) {
    const p = el("div", { role: "tabpanel", id: "panel-" + key, "aria-labelledby": "tab-" + key }, panels[key]);
    panelBox.append(p);
  }
  function show(key) {
    for (const [k] of tabs) {
      buttons[k].setAttribute("aria-selected", String(k === key));
      buttons[k].tabIndex = k === key ? 0 : -1;
      panelBox.querySelector("#panel-" + k).hidden = k !== key;
    }
  }
  show("action");

  const lines = (v) => String(v || "").split("\n").map((s) => s.trim()).filter(Boolean);
  const submit = (key, build) => panels[key].addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const f = panels[key].elements;
    const button = panels[key].querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await post(base + "/entries", build(f));
      panels[key].reset();
      if (key === "action") { refusal.hidden = true; win.value = "PT5M"; }
      toast(key.replace("_", " ") + " recorded");
      await refresh();
    } catch (e) {
      if (key === "action" && e instanceof ApiError && e.status === 409) showRefusal(e, build(f));
      else toast(e.message, true);
    } finally {
      button.disabled = false;
    }
  });
  const text = (f, n) => (f[n].value || "").trim() || null;
  submit("action", (f) => ({ type: "action", kind: f.kind.value, summary: f.summary.value, target: text(f, "target"),
    expected_effect: text(f, "expected_effect"), observation_window: f.observation_window.value }));
  submit("hypothesis", (f) => ({ type: "hypothesis", statement: f.statement.value, evidence_for: lines(f.evidence_for.value), evidence_against: lines(f.evidence_against.value) }));
  submit("fact", (f) => ({ type: "fact", statement: f.statement.value, source: text(f, "source"), query: text(f, "query") }));
  submit("decision", (f) => ({ type: "decision", decision: f.decision.value, rationale: text(f, "rationale") }));
  submit("note", (f) => ({ type: "note", text: f.text.value }));
  submit("root_cause", (f) => ({ type: "root_cause", statement: text(f, "statement"), trigger: text(f, "trigger"), unknown: f.unknown.checked,
    reason: text(f, "reason"), follow_up: text(f, "follow_up") }));

  function showRefusal(e, body) {
    const reason = el("textarea", { id: "force-reason", rows: 2, required: true, "aria-label": "Why this change cannot wait" });
    const force = el("button", { type: "button", class: "danger", id: "force-action", onclick: async () => {
      if (!reason.value.trim()) { reason.focus(); toast("Say why this change cannot wait.", true); return; }
      force.disabled = true;
      try {
        await post(base + "/entries", Object.assign({}, body, { force: true, reason: reason.value.trim() }));
        panels.action.reset();
        win.value = "PT5M";
        refusal.hidden = true;
        toast("Action recorded as overlapping: both effects will be marked confounded.");
        await refresh();
      } catch (err) {
        toast(err.message, true);
        force.disabled = false;
      }
    } }, "Record anyway, with this reason");
    refusal.replaceChildren(el("p", {}, el("b", {}, "Refused: one change at a time. "), e.message),
      el("p", { class: "small" }, "Two overlapping changes make both effects unknowable. Wait for the earlier action's window to end, or give the reason this one cannot wait:"),
      reason, force);
    refusal.hidden = false;
    reason.focus();
  }

  const card = section("Record", tabList, panelBox);
  card.id = "entry-forms";
  return {
    card,
    startMitigation(m) {
      show("action");
      const f = panels.action.elements;
      f.kind.value = "mitigation";
      f.summary.value = m.action;
      f.target.value = m.target || "";
      f.expected_effect.value = m.expected_effect || "";
      card.scrollIntoView({ block: "start" });
      f.summary.focus();
      toast("Review the mitigation and record it: an evidence snapshot is taken first.");
    },
  };
}

function statusForm(base, refresh) {
  const select = el("select", { name: "status", id: "status-select" }, STATUSES.map((s) => el("option", { value: s }, s)));
  const reason = el("input", { name: "reason", id: "status-reason", placeholder: "why (optional)" });
  const refusal = el("div", { class: "refusal", id: "status-refusal", role: "alert", hidden: true });
  const form = el("form", { id: "status-form", class: "row" }, el("label", {}, "Move to", select), el("label", { class: "grow" }, "Reason", reason),
    el("button", { type: "submit", class: "primary" }, "Change status"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await post(base + "/status", { status: select.value, reason: reason.value.trim() || null });
      refusal.hidden = true;
      reason.value = "";
      await refresh();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        refusal.replaceChildren(el("p", {}, el("b", {}, "Refused: "), e.message),
          e.code === "root_cause_required" ? el("p", { class: "small" }, "Mitigated is not resolved: record the root cause (or \"root cause unknown\" with a reason and a follow-up) in the Root cause form first.") : null);
        refusal.hidden = false;
      } else {
        toast(e.message, true);
      }
    }
  });
  const box = section("Status", form, refusal);
  box.id = "status";
  return box;
}

function updateComposer(base, refresh) {
  const text = el("textarea", { id: "update-text", rows: 9, "aria-label": "Status update text" });
  const deliveries = el("div", { id: "deliveries", "aria-live": "polite" });
  const past = el("ol", { class: "updates", reversed: "" });
  const load = el("button", { type: "button", class: "ghost small", onclick: () => draft() }, "Refill from the draft");
  const publish = el("button", { type: "button", class: "primary", id: "publish" }, "Publish update");
  async function draft() {
    try {
      const d = await get(base + "/updates/draft");
      text.value = d.text;
    } catch (e) { toast(e.message, true); }
  }
  publish.addEventListener("click", async () => {
    publish.disabled = true;
    try {
      const r = await post(base + "/updates", { text: text.value });
      deliveries.replaceChildren(el("p", { class: "ok-line" }, "Published as entry #" + r.entry.seq + (r.duplicate ? " (already published)" : "") + "."),
        r.webhooks ? el("ul", { class: "deliveries" }, (r.deliveries || []).map((d) => el("li", {}, el("code", {}, d.webhook_id), " ",
          pill(d.status, d.status === "delivered" ? "ok" : d.status === "failed" ? "bad" : "pending"),
          " after " + d.attempts + " attempt" + (d.attempts === 1 ? "" : "s") + (d.http_status ? " · HTTP " + d.http_status : "") + (d.error ? " · " + d.error : ""))),
        (r.deliveries || []).length < r.webhooks ? el("li", { class: "muted" }, (r.webhooks - (r.deliveries || []).length) + " webhook deliveries still in progress") : null)
          : el("p", { class: "muted small" }, "No webhooks are configured: the update is recorded in the casefile only."));
      await refresh();
      await draft();
    } catch (e) {
      toast(e.message, true);
    } finally {
      publish.disabled = false;
    }
  });
  draft();
  const card = section("Status update", el("p", { class: "muted small" }, "Prefilled with the draft: status, what we know, suspect and are doing, the next decision and the next update."),
    text, el("div", { class: "row" }, publish, load), deliveries, el("h3", {}, "Published"), past);
  card.id = "status-update";
  return {
    card,
    history(inc) {
      const ups = inc.entries.filter((e) => e.type === "status_update").reverse();
      past.replaceChildren(...(ups.length ? ups.map((u) => el("li", {}, time(u.at, false), " ", pill(u.status), el("pre", { class: "update-text" }, u.text)))
        : [el("li", { class: "muted" }, "none yet")]));
    },
  };
}

function postmortemCard(base, inc) {
  const out = el("div", { id: "postmortem" });
  const button = el("button", { type: "button", class: "small", id: "render-postmortem", onclick: async () => {
    try {
      const md = await api("GET", base + "/postmortem.md", undefined, "text/markdown");
      const file = URL.createObjectURL(new Blob([md], { type: "text/markdown" }));
      out.replaceChildren(el("a", { href: file, download: inc.id + "-postmortem.md", class: "button small" }, "Download markdown"), markdown(md));
    } catch (e) {
      out.replaceChildren(el("p", { class: "error" }, e.message));
    }
  } }, "Render the postmortem");
  const box = section("Postmortem", el("p", { class: "muted small" }, "Written from the casefile: trigger, root cause and mitigation kept apart, each action with its measured effect."), button, out);
  box.id = "postmortem-card";
  return box;
}
