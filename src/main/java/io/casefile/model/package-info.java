/**
 * The one immutable model: telemetry, changes, questions. Records validate in their compact
 * constructors and name the bad value; JSON maps them directly. No dependencies.
 */
package io.casefile.model;
