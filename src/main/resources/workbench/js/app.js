// The workbench: one page that reads its view from the address, so every view can be shared as a
// link. Internal links change the address without a reload; back and forward work.
import { $, el, utc, toast } from "./dom.js";
import { get } from "./api.js";
import { navigate, server } from "./nav.js";
import { overview } from "./overview.js";
import { investigation } from "./investigation.js";
import { trace } from "./trace.js";
import { incident } from "./incident.js";
import { flows, changes } from "./lists.js";

const routes = [
  [/^\/$/, overview],
  [/^\/investigations\/?$/, investigation],
  [/^\/incidents\/([^/]+)$/, incident],
  [/^\/traces\/([^/]+)$/, trace],
  [/^\/flows\/?$/, flows],
  [/^\/changes\/?$/, changes],
];

let cleanup = null;

async function render() {
  if (cleanup) { try { cleanup(); } catch (e) { /* the old view is gone anyway */ } cleanup = null; }
  const view = $("view");
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  for (const a of document.querySelectorAll("header nav a")) {
    const here = a.getAttribute("href") === path || (a.getAttribute("href") !== "/" && path.startsWith(a.getAttribute("href")));
    if (here) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  for (const [re, page] of routes) {
    const m = re.exec(path);
    if (m) {
      view.replaceChildren(el("p", { class: "muted loading" }, "Loading…"));
      try {
        cleanup = await page(view, params, ...m.slice(1).map(decodeURIComponent));
      } catch (e) {
        view.replaceChildren(el("div", { class: "card error-card", role: "alert" }, el("h1", {}, "This view could not load"), el("p", {}, e.message)));
      }
      return;
    }
  }
  view.replaceChildren(el("div", { class: "card" }, el("h1", {}, "No such view"), el("p", {}, path)));
}

document.addEventListener("click", (ev) => {
  const a = ev.target.closest("a[data-nav]");
  if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  ev.preventDefault();
  navigate(a.getAttribute("href"));
  $("view").focus({ preventScroll: true });
  window.scrollTo(0, 0);
});
window.addEventListener("popstate", render);
window.addEventListener("casefile:navigate", render);

// Light and dark: the system's choice unless the user picks one here.
function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  $("theme").textContent = theme === "dark" ? "Light" : "Dark";
  $("theme").setAttribute("aria-pressed", String(theme === "dark"));
  $("theme").setAttribute("aria-label", "Switch to " + (theme === "dark" ? "light" : "dark") + " theme");
}
const saved = localStorage.getItem("casefile-theme");
applyTheme(saved || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"));
$("theme").addEventListener("click", () => {
  const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
  localStorage.setItem("casefile-theme", next);
  applyTheme(next);
  render();
});

async function clock() {
  try {
    const h = await get("/api/v1/health");
    server.now = h.now;
    $("server-clock").textContent = "server time " + utc(h.now);
    $("server-clock").title = "local time: " + new Date(h.now).toLocaleString();
  } catch (e) {
    $("server-clock").textContent = "server unreachable";
    toast(e.message, true);
  }
}

clock().then(render);
setInterval(clock, 30000);
