package dev.eventloom.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StringIndexTest {

    @Test
    void findsEveryKeyAmongManySimilarOnesAndNothingElse() {
        Map<String, Integer> entries = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            entries.put(String.format("com.acme.type%05d", i), i);
        }
        StringIndex<Integer> index = new StringIndex<>(entries);
        for (int i = 0; i < 10_000; i++) {
            // a new String each time: found by content, not identity
            assertEquals(i, index.get(new String(String.format("com.acme.type%05d", i))));
        }
        assertNull(index.get("com.acme.type10000"));
        assertNull(index.get("com.acme.type"));
        assertNull(index.get(""));
        assertNull(index.get(null));
    }

    @Test
    void emptyAndSingleEntryIndexes() {
        assertNull(new StringIndex<>(Map.of()).get("any"));
        StringIndex<String> one = new StringIndex<>(Map.of("order.created", "reserve"));
        assertEquals("reserve", one.get("order.created"));
        assertNull(one.get("order.updated"));
    }

    @Test
    void keysWithEqualHashCodesStayApart() {
        // "Aa" and "BB" have the same String.hashCode, so they land on the same slot and probe on
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("AaAa", "first");
        entries.put("BBBB", "second");
        entries.put("AaBB", "third");
        StringIndex<String> index = new StringIndex<>(entries);
        assertEquals("first", index.get("AaAa"));
        assertEquals("second", index.get("BBBB"));
        assertEquals("third", index.get("AaBB"));
        assertNull(index.get("BBAa"));
    }

    @Test
    void aMapCannotHoldDuplicatesButTheIndexChecksAnyway() {
        Map<String, String> entries = new java.util.IdentityHashMap<>();
        entries.put(new String("type"), "a");
        entries.put(new String("type"), "b");
        assertThrows(IllegalArgumentException.class, () -> new StringIndex<>(entries));
    }
}
