// Moving between views without a reload: the address changes, then the router renders it.
export const server = { now: null };

export function navigate(href, replace) {
  if (replace) history.replaceState(null, "", href); else history.pushState(null, "", href);
  window.dispatchEvent(new Event("casefile:navigate"));
}

/** The server's time (its clock decides "now"), or the browser's before the first answer. */
export function now() {
  return server.now ? new Date(server.now) : new Date();
}

const WINDOWS = { "15m": 15, "1h": 60, "3h": 180, "6h": 360, "24h": 1440 };

/**
 * The time window of a view from its address: from/to (RFC 3339), or window=15m|1h|3h|6h|24h
 * ending now, or the last hour. label says it in words for the heading.
 */
export function windowOf(params, fallback = "1h") {
  const from = params.get("from");
  const to = params.get("to");
  if (from && to && !Number.isNaN(Date.parse(from)) && !Number.isNaN(Date.parse(to))) {
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), spec: null };
  }
  const spec = WINDOWS[params.get("window")] ? params.get("window") : fallback;
  const end = now();
  end.setUTCMilliseconds(0);
  return { from: new Date(end.getTime() - WINDOWS[spec] * 60000).toISOString(), to: end.toISOString(), spec };
}

export const windowChoices = Object.keys(WINDOWS);
