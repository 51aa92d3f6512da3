// A small Markdown reader for the postmortem: headings, lists, code blocks, tables, paragraphs,
// `code` and **bold**. It builds DOM nodes from text, so nothing in the document runs as markup.
import { el } from "./dom.js";

export function markdown(text) {
  const out = el("div", { class: "markdown" });
  const lines = String(text).replace(/\r\n/g, "\n").split("\n");
  let list = null;
  let para = [];
  const flush = () => {
    if (para.length) { out.append(el("p", {}, inline(para.join(" ")))); para = []; }
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("```")) {
      flush();
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) code.push(lines[i]);
      out.append(el("pre", {}, el("code", {}, code.join("\n"))));
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) { flush(); out.append(el("h" + Math.min(6, h[1].length + 1), {}, inline(h[2]))); continue; }
    if (/^\s*\|/.test(line)) {
      flush();
      const rows = [];
      for (; i < lines.length && /^\s*\|/.test(lines[i]); i++) rows.push(lines[i]);
      i--;
      out.append(table(rows));
      continue;
    }
    const li = /^\s*(?:[-*]|(\d+)\.)\s+(.*)$/.exec(line);
    if (li) {
      if (para.length) { out.append(el("p", {}, inline(para.join(" ")))); para = []; }
      const tag = li[1] ? "ol" : "ul";
      if (!list || list.tagName.toLowerCase() !== tag) { list = el(tag); out.append(list); }
      list.append(el("li", {}, inline(li[2])));
      continue;
    }
    if (!line.trim()) { flush(); continue; }
    list = null;
    para.push(line.trim());
  }
  flush();
  return out;
}

function table(rows) {
  const cells = (r) => r.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
  const body = rows.filter((r) => !/^\s*\|?\s*:?-{2,}/.test(r));
  const [head, ...rest] = body;
  return el("table", { class: "md-table" },
    el("thead", {}, el("tr", {}, cells(head || "").map((c) => el("th", { scope: "col" }, inline(c))))),
    el("tbody", {}, rest.map((r) => el("tr", {}, cells(r).map((c) => el("td", {}, inline(c)))))));
}

function inline(text) {
  const parts = [];
  const re = /(`[^`]+`|\*\*[^*]+\*\*)/g;
  let last = 0;
  let m;
  while ((m = re.exec(text))) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    const t = m[0];
    parts.push(t.startsWith("`") ? el("code", {}, t.slice(1, -1)) : el("b", {}, t.slice(2, -2)));
    last = m.index + t.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
