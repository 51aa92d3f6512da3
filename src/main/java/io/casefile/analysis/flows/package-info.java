/**
 * Which flow: ranks flows by excess errors, the errors observed in the incident window minus what
 * each flow's baseline error rate predicts for its incident traffic.
 */
package io.casefile.analysis.flows;
