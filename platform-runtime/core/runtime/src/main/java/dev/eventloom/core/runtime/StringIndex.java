package dev.eventloom.core.runtime;

import java.util.Map;

/**
 * An immutable map from strings to values, built once, for lookups on the routing path: open addressing with linear
 * probing in parallel arrays, at most half full, the string's cached hash code mixed so that names that differ only in
 * their last characters (types such as {@code com.acme.order.created} and {@code com.acme.order.updated}) spread over
 * the table. A lookup compares hash codes first and touches no node objects.
 *
 * @param <V> the values
 */
final class StringIndex<V> {

    private final String[] keys;
    private final int[] hashes;
    private final Object[] values;
    private final int mask;

    StringIndex(Map<String, V> entries) {
        int capacity = Integer.highestOneBit(Math.max(1, entries.size()) * 2 - 1) << 1;
        keys = new String[capacity];
        hashes = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        entries.forEach((key, value) -> {
            int hash = mix(key.hashCode());
            int i = hash & mask;
            while (keys[i] != null) {
                if (keys[i].equals(key)) {
                    throw new IllegalArgumentException("Duplicate key " + key);
                }
                i = (i + 1) & mask;
            }
            keys[i] = key;
            hashes[i] = hash;
            values[i] = value;
        });
    }

    /** The value for {@code key}, or {@code null} (also for a {@code null} key). */
    @SuppressWarnings("unchecked")
    V get(String key) {
        if (key == null) {
            return null;
        }
        int hash = mix(key.hashCode());
        for (int i = hash & mask;; i = (i + 1) & mask) {
            String candidate = keys[i];
            if (candidate == null) {
                return null;
            }
            if (hashes[i] == hash && (candidate == key || candidate.equals(key))) {
                return (V) values[i];
            }
        }
    }

    /** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
