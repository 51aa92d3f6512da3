// The containment card: the three questions answered from data (is the damage active, is it
// meaningful, what does waiting cost), the recommendation, and the candidate mitigations.
import { el, section, empty, pill, num, int } from "./dom.js";

const yesNo = (v) => v === null || v === undefined ? "unknown" : v ? "yes" : "no";

/** The answer in bold, then its reason without a repeated "yes:" or "no:". */
function answer(v, reason) {
  const word = yesNo(v);
  const rest = String(reason || "").replace(new RegExp("^" + word + "\\s*[:—-]\\s*", "i"), "");
  return [el("b", {}, word), rest ? " — " + rest : ""];
}

/** onStart(candidate), when given, adds a "Start mitigation" button to each candidate. */
export function containmentCard(c, onStart) {
  if (!c) {
    const box = section("Containment", empty("No containment advice: there is no investigation to base it on."));
    box.id = "containment";
    return box;
  }
  const rec = { mitigate_first: "Mitigate first", investigate_first: "Investigate first", no_action: "No action" }[c.recommendation] || c.recommendation;
  const box = section("Containment",
    el("p", { class: "recommendation" }, pill(rec, "rec-" + c.recommendation), " ", c.summary),
    el("dl", { class: "answers" },
      el("dt", {}, "Is the damage active?"), el("dd", {}, answer(c.active, c.active_reason)),
      el("dt", {}, "Is it meaningful?"), el("dd", {}, answer(c.meaningful, c.meaningful_reason)),
      el("dt", {}, "What does waiting cost?"), el("dd", {}, c.cost_of_waiting || "",
        el("div", { class: "muted small" }, num(c.failed_per_minute) + " failed/min, " + num(c.excess_per_minute) + " above baseline; ~" +
          int(c.projected_failed_next10m) + " more failures in the next 10 min"))));
  box.id = "containment";
  const list = el("ol", { class: "candidates" });
  for (const m of c.candidates || []) {
    const item = el("li", { class: "candidate" },
      el("div", {}, el("b", {}, m.action), " ", pill(m.reversible ? "reversible" : "not reversible", m.reversible ? "ok" : "bad"),
        m.confidence ? [" ", pill(m.confidence)] : null),
      el("div", { class: "muted small" }, [m.reversibility, m.blast_radius ? "blast radius: " + m.blast_radius : null,
        m.expected_effect ? "expected: " + m.expected_effect : null, m.basis ? "basis: " + m.basis : null].filter(Boolean).join(" · ")));
    if (onStart) {
      item.append(el("button", { type: "button", class: "small start-mitigation", onclick: () => onStart(m) }, "Start mitigation…"));
    }
    list.append(item);
  }
  if ((c.candidates || []).length) box.append(el("h3", {}, "Candidate mitigations"), list);
  box.append(el("p", { class: "muted small" }, "Casefile advises; it does not execute. A mitigation is recorded with an evidence snapshot taken first, and measured when its observation window ends."));
  return box;
}
