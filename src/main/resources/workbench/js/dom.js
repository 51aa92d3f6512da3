// Building the page: every value from the server goes in as a text node or an attribute value,
// never as markup. There is no innerHTML anywhere in the workbench.

export const $ = (id) => document.getElementById(id);

/** An element with attributes (on* handlers as functions) and children (nodes or text). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (k === "hidden" || k === "disabled" || k === "checked" || k === "open" || k === "required") node[k] = true;
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const c of children.flat(3)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const c of children) if (c) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

/** An internal link the router follows without a reload. */
export const link = (href, ...children) => el("a", { href, "data-nav": "" }, ...children);

const nf = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
export const num = (x) => (x === null || x === undefined || Number.isNaN(Number(x))) ? "–" : nf.format(Number(x));
export const int = (x) => (x === null || x === undefined) ? "–" : Math.round(Number(x)).toLocaleString("en-US");

/** A ratio as a percentage with sensible precision: 0.0075 -> "0.75%", 0.107 -> "10.8%". */
export function pct(x) {
  if (x === null || x === undefined || Number.isNaN(Number(x))) return "–";
  const p = 100 * Number(x);
  if (p === 0) return "0%";
  if (Math.abs(p) < 0.1) return p.toFixed(3) + "%";
  if (Math.abs(p) < 1) return p.toFixed(2) + "%";
  if (Math.abs(p) < 10) return p.toFixed(1) + "%";
  return p.toFixed(0) + "%";
}

/** An objective such as 0.999 -> "99.9%". */
export function objective(x) {
  return x === null || x === undefined ? "–" : String(+(100 * x).toFixed(3)) + "%";
}

export function ms(x) {
  if (x === null || x === undefined) return "–";
  const v = Number(x);
  if (v >= 10000) return (v / 1000).toFixed(1) + " s";
  if (v >= 100) return Math.round(v) + " ms";
  return v.toFixed(1) + " ms";
}

/** A signal value with its unit: ratio -> percent, ms, per_minute. */
export function valueOf(value, unit) {
  if (unit === "ratio") return pct(value);
  if (unit === "ms") return ms(value);
  if (unit === "per_minute") return num(value) + "/min";
  return num(value) + (unit ? " " + unit : "");
}

const two = (n) => String(n).padStart(2, "0");

/** "2026-03-02 12:15:40 UTC" */
export function utc(t, withDate = true) {
  if (!t) return "–";
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  const hms = two(d.getUTCHours()) + ":" + two(d.getUTCMinutes()) + ":" + two(d.getUTCSeconds());
  return (withDate ? d.getUTCFullYear() + "-" + two(d.getUTCMonth() + 1) + "-" + two(d.getUTCDate()) + " " : "") + hms + " UTC";
}

/** A <time> showing UTC, with the local time on hover (title) and the exact instant in datetime. */
export function time(t, withDate = true) {
  if (!t) return el("span", { class: "muted" }, "–");
  const d = new Date(t);
  return el("time", { datetime: d.toISOString(), title: "local time: " + d.toLocaleString() }, utc(t, withDate));
}

/** "40 s", "11 min", "2 h 5 min" */
export function duration(millis) {
  const s = Math.round(Math.abs(millis) / 1000);
  if (s < 90) return s + " s";
  const m = Math.round(s / 60);
  if (m < 120) return m + " min";
  return Math.floor(m / 60) + " h " + (m % 60) + " min";
}

/** "PT5M" -> "5 min" */
export function isoDuration(text) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(text || "");
  if (!m) return text || "–";
  return duration(((+m[1] || 0) * 3600 + (+m[2] || 0) * 60 + (+m[3] || 0)) * 1000);
}

export function flowName(flow) {
  if (!flow) return "the whole environment";
  if (typeof flow === "string") return flow.replace(":", " ");
  return flow.service + " " + flow.operation;
}

export function flowParam(flow) {
  if (!flow) return "";
  // a colon or backslash in the service is escaped, as the server's Flow.parse reads it
  return typeof flow === "string" ? flow : flow.service.replace(/\\/g, "\\\\").replace(/:/g, "\\:") + ":" + flow.operation;
}

export function cohortText(attributes) {
  return Object.entries(attributes || {}).map(([k, v]) => k + "=" + v).join(" ∧ ");
}

export function pill(text, kind) {
  return el("span", { class: "pill " + (kind || String(text).toLowerCase().replace(/[^a-z0-9]+/g, "-")) }, text);
}

export function section(title, ...children) {
  const id = "h-" + title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return el("section", { class: "card", "aria-labelledby": id }, el("h2", { id }, title), ...children);
}

export function empty(text) {
  return el("p", { class: "muted empty" }, text);
}

/** A copy-to-clipboard button for a query. */
export function copyButton(text, label = "Copy query") {
  return el("button", {
    type: "button", class: "ghost small", onclick: async (ev) => {
      try {
        await navigator.clipboard.writeText(text);
        ev.target.textContent = "Copied";
      } catch (e) {
        const range = document.createRange();
        range.selectNodeContents(ev.target.closest(".query")?.querySelector("pre") || ev.target);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        ev.target.textContent = "Selected: press Ctrl+C";
      }
      setTimeout(() => { ev.target.textContent = label; }, 2000);
    },
  }, label);
}

export function queryBlock(sql) {
  if (!sql) return null;
  return el("div", { class: "query" }, el("div", { class: "query-bar" }, el("span", { class: "muted small" }, "SQL"), copyButton(sql)),
    el("pre", {}, el("code", {}, sql)));
}

export function toast(text, bad) {
  const t = $("toast");
  t.textContent = text;
  t.className = bad ? "show bad" : "show";
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.className = ""; }, 5000);
}

/** Sets a page's title and heading text. */
export function title(text) {
  document.title = text + " · Casefile";
}
