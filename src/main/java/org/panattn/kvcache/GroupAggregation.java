package org.panattn.kvcache;

import java.util.Locale;

/**
 * How the scores of the query heads of one grouped-query-attention group become the score of their KV head:
 * the mean (kvpress's choice, the default), the max, or none (one score row per query head, for caches that
 * store K/V repeated per query head as OBCache's original code does).
 */
public enum GroupAggregation {
    MEAN, MAX, NONE;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GroupAggregation parse(String text, String argument) {
        for (GroupAggregation g : values()) {
            if (g.cliName().equals(text)) {
                return g;
            }
        }
        throw new IllegalArgumentException(argument + ": expected mean, max or none, got " + text);
    }
}
