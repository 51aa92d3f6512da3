package io.casefile.store;

/**
 * One value of one attribute on a flow's requests: how many failed in the incident window, how
 * many requests the incident window had with it, and how many requests (and failures) the
 * baseline had with it. {@code value} is null where the attribute was absent.
 */
public record AttributeShare(String key, String value, long failing, long incident, long baseline,
    long baselineFailing) {}
