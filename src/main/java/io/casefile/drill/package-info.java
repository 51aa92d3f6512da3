/**
 * Drills: practice incidents against a world that reacts. {@link io.casefile.drill.Drills} plays a
 * demo scenario live into its own server on a {@link io.casefile.drill.DrillClock} (simulated time
 * at a chosen speed), pages the responder with the alert and opens a drill incident; the
 * responder's mitigation actions, through their machine-readable levers, change the simulated shop.
 * When the drill ends, {@link io.casefile.drill.DrillScorer} (pure) judges the responder's sequence
 * against the discipline and writes the debrief (Markdown and JSON), which is kept with the drill.
 */
package io.casefile.drill;
