/**
 * The investigation: a {@link io.casefile.investigation.Question} (which flow, which signal, which
 * time range) and its answer, an {@link io.casefile.investigation.Investigation} (symptom, ranked
 * suspects, signals), every claim backed by {@link io.casefile.investigation.Evidence} holding the
 * numbers and the SQL that reproduces them. The records here are the one model: JSON (snake_case)
 * maps them directly through {@link io.casefile.model.JsonCodec}.
 */
package io.casefile.investigation;
