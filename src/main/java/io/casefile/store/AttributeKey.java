package io.casefile.store;

/**
 * An attribute key stored as a column of {@code spans}: the key, its (quoted-when-used) column
 * name, and its approximate distinct value count (null when not computed).
 */
public record AttributeKey(String key, String column, Long distinctValues) {}
