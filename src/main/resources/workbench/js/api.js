// The JSON API, from the same origin only. A bearer token is asked for only when the server
// answers 401, kept for the browser tab (sessionStorage), and sent as an Authorization header.
import { $ } from "./dom.js";

const KEY = "casefile-token";

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function headers(extra) {
  const h = Object.assign({ Accept: "application/json" }, extra || {});
  const token = sessionStorage.getItem(KEY);
  if (token) h.Authorization = "Bearer " + token;
  return h;
}

let asking = null;

/** Shows the token dialog once for every request that got a 401 at the same time. */
function askToken(reason) {
  if (!asking) {
    asking = new Promise((resolve) => {
      const dialog = $("token-dialog");
      $("token-why").textContent = reason || "";
      $("token-input").value = "";
      dialog.addEventListener("close", () => {
        asking = null;
        const ok = dialog.returnValue === "ok" && $("token-input").value.trim();
        if (ok) sessionStorage.setItem(KEY, $("token-input").value.trim());
        resolve(Boolean(ok));
      }, { once: true });
      dialog.showModal();
    });
  }
  return asking;
}

export async function api(method, path, body, accept) {
  for (let attempt = 0; ; attempt++) {
    const init = { method, headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }) };
    if (accept) init.headers.Accept = accept;
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(path, init);
    const text = await res.text();
    let json = null;
    if (!accept || accept.includes("json") || !res.ok) {
      try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    }
    if (res.status === 401 && attempt < 3) {
      sessionStorage.removeItem(KEY);
      const reason = json && json.error ? json.error.message : "";
      if (await askToken(reason)) continue;
    }
    if (!res.ok) {
      const e = json && json.error ? json.error : { code: String(res.status), message: text.slice(0, 300) };
      throw new ApiError(res.status, e.code, e.message);
    }
    return accept && !accept.includes("json") ? text : json;
  }
}

export const get = (path) => api("GET", path);
export const post = (path, body) => api("POST", path, body);

/** "a=1&b=2" from an object, skipping empty values; arrays repeat the key. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "") continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x)); else q.set(k, v);
  }
  const s = q.toString();
  return s ? "?" + s : "";
}

/**
 * Server-sent events over fetch (so the Authorization header goes along), reconnecting with
 * Last-Event-ID. Returns a function that closes the stream.
 */
export function events(path, onEvent) {
  const controller = new AbortController();
  let lastId = null;
  let stopped = false;
  async function run() {
    while (!stopped) {
      try {
        const h = headers({ Accept: "text/event-stream" });
        if (lastId) h["Last-Event-ID"] = lastId;
        const res = await fetch(path, { headers: h, signal: controller.signal });
        if (res.status === 401) {
          if (!(await askToken("the live stream needs a token"))) return;
          continue;
        }
        if (!res.ok || !res.body) throw new Error("stream answered " + res.status);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            let type = "message";
            const data = [];
            for (const line of block.split("\n")) {
              if (line.startsWith("event:")) type = line.slice(6).trim();
              else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
              else if (line.startsWith("id:")) lastId = line.slice(3).trim();
            }
            if (data.length) {
              let payload = null;
              try { payload = JSON.parse(data.join("\n")); } catch (e) { payload = data.join("\n"); }
              onEvent(type, payload);
            }
          }
        }
      } catch (e) {
        if (stopped) return;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  run();
  return () => { stopped = true; controller.abort(); };
}
