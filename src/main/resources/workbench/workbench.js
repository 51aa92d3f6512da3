// Casefile workbench: a thin page over the JSON API. Every value from the server is put in the
// page as text (textContent), never as markup.
"use strict";

const $ = (id) => document.getElementById(id);
let lastQuestion = null;
let lastInvestigation = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function listOf(body, key) {
  if (Array.isArray(body)) return body;
  if (body && Array.isArray(body[key])) return body[key];
  return [];
}

async function api(method, path, body) {
  const headers = { "Accept": "application/json" };
  const token = $("token").value || sessionStorage.getItem("casefile-token") || "";
  if (token) headers["Authorization"] = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!res.ok) {
    const msg = json && json.error ? json.error.code + ": " + json.error.message : res.status + " " + text.slice(0, 200);
    throw new Error(msg);
  }
  return json;
}

const pct = (x) => (x === null || x === undefined || isNaN(x)) ? "–" : (100 * x).toFixed(x < 0.01 ? 2 : 1) + "%";
const num = (x) => (x === null || x === undefined) ? "–" : Number(x).toLocaleString("en-US", { maximumFractionDigits: 1 });
const time = (t) => t ? new Date(t).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z") : "–";

function windowRange() {
  const spec = $("window").value;
  const minutes = { "15m": 15, "1h": 60, "3h": 180, "24h": 1440 }[spec] || 60;
  const to = new Date();
  const from = new Date(to.getTime() - minutes * 60000);
  return { from: from.toISOString(), to: to.toISOString() };
}

async function loadHealth() {
  try {
    const h = await api("GET", "/api/v1/health");
    $("health").textContent = "server " + ((h && h.status) || "up");
  } catch (e) {
    $("health").textContent = "server: " + e.message;
    $("health").className = "error";
  }
}

async function loadFlows() {
  const { from, to } = windowRange();
  const body = await api("GET", "/api/v1/flows?from=" + encodeURIComponent(from) + "&to=" + encodeURIComponent(to));
  const flows = listOf(body, "flows");
  const tbody = $("flows").querySelector("tbody");
  tbody.replaceChildren();
  const select = $("flow");
  const chosen = select.value;
  select.replaceChildren(el("option", { value: "" }, "the whole environment"));
  for (const f of flows) {
    const rate = f.error_rate !== undefined ? f.error_rate : (f.requests ? f.errors / f.requests : 0);
    tbody.append(el("tr", { class: rate >= 0.05 ? "bad" : "" },
      el("td", {}, f.service), el("td", {}, f.operation), el("td", {}, num(f.requests)),
      el("td", {}, num(f.errors)), el("td", {}, pct(rate)), el("td", {}, num(f.p50_ms)), el("td", {}, num(f.p99_ms))));
    const value = f.service.replace(/\\/g, "\\\\").replace(/:/g, "\\:") + ":" + f.operation; // as Flow.parse reads it
    select.append(el("option", { value }, value));
  }
  select.value = chosen;
}

async function loadChanges() {
  const to = new Date();
  const from = new Date(to.getTime() - 24 * 3600000);
  const body = await api("GET", "/api/v1/changes?from=" + encodeURIComponent(from.toISOString()) + "&to=" + encodeURIComponent(to.toISOString()));
  const list = $("changes");
  list.replaceChildren();
  const changes = listOf(body, "changes").slice().sort((a, b) => String(b.timestamp).localeCompare(String(a.timestamp)));
  for (const c of changes.slice(0, 50)) {
    list.append(el("li", { class: "change" }, el("span", { class: "muted" }, time(c.timestamp) + " "),
      el("b", {}, c.type + " "), (c.service || "") + " ", c.summary,
      c.source ? el("span", { class: "muted" }, " (" + c.source + ")") : null));
  }
  if (!changes.length) list.append(el("li", { class: "muted" }, "no changes in the last day"));
}

function renderSymptom(inv) {
  const box = $("symptom");
  box.replaceChildren();
  if (!inv.anomaly) {
    box.append(el("p", { class: "claim" }, "No anomaly in this window: the signal is at its baseline. Nothing else is claimed."));
    return;
  }
  const s = inv.symptom;
  const flow = s.flow ? s.flow.service + " " + s.flow.operation : "the whole environment";
  const sig = (s.signature || []).slice(0, 3).map((x) => x.kind + " " + x.value).join(", ");
  box.append(el("p", { class: "claim" }, el("b", {}, "Symptom "), flow + (sig ? ": " + sig : "")));
  if (s.onset) box.append(el("p", { class: "claim" }, "since " + time(s.onset.at) + " (between " + time(s.onset.earliest) + " and " + time(s.onset.latest) + ")"));
  if (s.observed && s.baseline) {
    box.append(el("p", { class: "claim" }, "observed " + num(s.observed.value) + " " + (s.observed.unit || "") +
      " against baseline " + num(s.baseline.value) + " " + (s.baseline.unit || "") +
      " · " + num(s.observed.errors) + " errors in " + num(s.observed.requests) + " requests"));
  }
  for (const c of s.cohorts || []) {
    const who = Object.entries(c.attributes || {}).map(([k, v]) => k + "=" + v).join(" ∧ ");
    box.append(el("p", { class: "claim" }, "for whom: " + who + " (" + pct(c.share_of_excess) + " of excess errors; " +
      pct(c.rate) + " fail, baseline " + pct(c.baseline_rate) + ")"));
  }
  const sev = s.severity;
  if (sev) {
    box.append(el("p", { class: "claim" }, "severity: " + sev.level + " · " + num(sev.affected_requests) + " affected requests (~" +
      num(sev.per_minute) + "/min, " + pct(sev.traffic_share) + " of the flow's traffic)" +
      (sev.users != null ? " · " + num(sev.users) + " users" : "") + " · SLO burn " + num(sev.burn_rate) + "x"));
  }
}

function renderSuspects(inv) {
  const list = $("suspects");
  list.replaceChildren();
  for (const s of inv.suspects || []) {
    const c = s.change || {};
    const what = c.type + " " + (c.service || "") + (c.version ? " " + c.version : "") + " at " + time(c.timestamp);
    const reasons = (s.reasons || []).map((r) => r.text).join("; ");
    list.append(el("li", { class: "suspect" }, el("span", { class: s.confidence }, s.confidence), " ", what, " — ", c.summary,
      el("div", { class: "kv" }, reasons + " (score " + Number(s.score).toFixed(2) + ")")));
  }
  if (inv.unexplained) list.append(el("li", { class: "claim" }, el("b", {}, "No recorded change explains this.")));
  if (!(inv.suspects || []).length && !inv.unexplained) list.append(el("li", { class: "muted" }, "none"));
}

function renderSignals(inv) {
  const list = $("signals");
  list.replaceChildren();
  for (const s of inv.signals || []) list.append(el("li", { class: "signal" }, el("b", {}, s.kind + " "), s.text));
  if (!(inv.signals || []).length) list.append(el("li", { class: "muted" }, "none"));
}

function renderContainment(inv) {
  const box = $("containment");
  box.replaceChildren();
  const c = inv.containment;
  if (!c) return;
  box.append(el("h3", {}, "Containment"));
  for (const [k, v] of Object.entries(c)) {
    if (Array.isArray(v)) {
      const ul = el("ul");
      for (const item of v) ul.append(el("li", {}, typeof item === "object" ? Object.values(item).filter((x) => typeof x !== "object").join(" · ") : item));
      box.append(el("div", {}, k.replace(/_/g, " ") + ":"), ul);
    } else if (v !== null && typeof v !== "object") {
      box.append(el("div", { class: "claim" }, k.replace(/_/g, " ") + ": " + v));
    }
  }
}

function renderEvidence(inv) {
  const box = $("evidence");
  box.replaceChildren();
  for (const e of inv.evidence || []) {
    const numbers = Object.entries(e.numbers || {}).map(([k, v]) => k + "=" + v).join(" ");
    box.append(el("div", { class: "evidence" }, el("b", {}, e.id + " "), e.claim, el("div", { class: "kv" }, numbers), e.query ? el("pre", {}, e.query) : null));
  }
  const notes = $("notes");
  notes.replaceChildren();
  for (const n of inv.notes || []) notes.append(el("li", {}, n));
}

async function investigate(event) {
  event.preventDefault();
  const { from, to } = windowRange();
  lastQuestion = { flow: $("flow").value || null, signal: $("signal").value, from, to };
  $("status").textContent = "investigating…";
  try {
    const inv = await api("POST", "/api/v1/investigations", lastQuestion);
    lastInvestigation = inv;
    $("investigation").hidden = false;
    renderSymptom(inv); renderSuspects(inv); renderSignals(inv); renderContainment(inv); renderEvidence(inv);
    $("status").textContent = "done";
  } catch (e) {
    $("status").textContent = "investigation failed: " + e.message;
  }
}

async function openIncident() {
  if (!lastInvestigation || !lastQuestion) return;
  const s = lastInvestigation.symptom;
  const title = s && s.flow ? s.flow.service + " " + s.flow.operation + " degraded" : "Incident";
  const severity = s && s.severity ? s.severity.level : "SEV3";
  try {
    const inc = await api("POST", "/api/v1/incidents", { title, severity, investigation: lastQuestion });
    await loadIncidents();
    await showIncident(inc.id);
  } catch (e) {
    $("status").textContent = "could not open the incident: " + e.message;
  }
}

async function loadIncidents() {
  const list = $("incidents");
  list.replaceChildren();
  let body;
  try { body = await api("GET", "/api/v1/incidents"); } catch (e) { list.append(el("li", { class: "muted" }, e.message)); return; }
  for (const i of listOf(body, "incidents")) {
    const a = el("a", { href: "#" }, i.title);
    a.addEventListener("click", (ev) => { ev.preventDefault(); showIncident(i.id); });
    list.append(el("li", {}, a, el("span", { class: "muted" }, " " + i.severity + " · " + i.status)));
  }
  if (!list.children.length) list.append(el("li", { class: "muted" }, "no incidents"));
}

async function showIncident(id) {
  const box = $("incident");
  const inc = await api("GET", "/api/v1/incidents/" + encodeURIComponent(id));
  box.replaceChildren(el("h3", {}, inc.title + " — " + inc.status));
  const ul = el("ul");
  for (const e of inc.entries || []) {
    const text = e.summary || e.statement || e.text || e.message || "";
    const extra = [e.state, e.verdict, e.confounded ? "confounded" : null].filter(Boolean).join(" · ");
    ul.append(el("li", {}, el("span", { class: "muted" }, time(e.time || e.at) + " "), el("b", {}, e.type + " "), text,
      extra ? el("span", { class: "kv" }, " (" + extra + ")") : null));
  }
  box.append(ul);
}

function refresh() {
  loadHealth();
  loadFlows().catch((e) => { $("status").textContent = "flows: " + e.message; });
  loadChanges().catch(() => {});
  loadIncidents();
}

$("token").value = sessionStorage.getItem("casefile-token") || "";
$("token").addEventListener("change", () => { sessionStorage.setItem("casefile-token", $("token").value); refresh(); });
$("question").addEventListener("submit", investigate);
$("open-incident").addEventListener("click", openIncident);
refresh();
