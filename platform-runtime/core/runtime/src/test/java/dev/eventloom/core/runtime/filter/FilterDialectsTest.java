package dev.eventloom.core.runtime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

class FilterDialectsTest {

    static final CloudEvent ORDER = CloudEventBuilder.v1()
            .withId("42")
            .withSource(URI.create("/shop/eu"))
            .withType("com.acme.order.created")
            .withSubject("order-7")
            .withExtension("tier", "gold")
            .withExtension("attempt", 3)
            .build();

    static boolean matches(String filtersJson, CloudEvent event) {
        return Filters.allOf(FilterParser.parse(filtersJson)).matches(event);
    }

    @Test
    void exactMatchesTheWholeValueOfEachNamedAttribute() {
        assertTrue(matches("[{\"exact\": {\"type\": \"com.acme.order.created\"}}]", ORDER));
        assertTrue(matches("[{\"exact\": {\"type\": \"com.acme.order.created\", \"subject\": \"order-7\"}}]", ORDER));
        assertFalse(matches("[{\"exact\": {\"type\": \"com.acme.order\"}}]", ORDER));
        assertFalse(matches("[{\"exact\": {\"type\": \"com.acme.order.created\", \"subject\": \"order-8\"}}]", ORDER));
    }

    @Test
    void exactComparesUrisAndExtensionsInTheirStringForm() {
        assertTrue(matches("[{\"exact\": {\"source\": \"/shop/eu\"}}]", ORDER));
        assertTrue(matches("[{\"exact\": {\"tier\": \"gold\"}}]", ORDER));
        assertTrue(matches("[{\"exact\": {\"attempt\": \"3\"}}]", ORDER));
    }

    @Test
    void aMissingAttributeNeverMatches() {
        assertFalse(matches("[{\"exact\": {\"region\": \"eu\"}}]", ORDER));
        assertFalse(matches("[{\"prefix\": {\"dataschema\": \"http\"}}]", ORDER));
        assertFalse(matches("[{\"suffix\": {\"region\": \"eu\"}}]", ORDER));
    }

    @Test
    void prefixAndSuffixMatchTheStartAndEnd() {
        assertTrue(matches("[{\"prefix\": {\"type\": \"com.acme.\"}}]", ORDER));
        assertFalse(matches("[{\"prefix\": {\"type\": \"org.acme.\"}}]", ORDER));
        assertTrue(matches("[{\"suffix\": {\"type\": \".created\"}}]", ORDER));
        assertFalse(matches("[{\"suffix\": {\"type\": \".deleted\"}}]", ORDER));
    }

    @Test
    void allNeedsEveryFilterAndAListIsAll() {
        assertTrue(matches("[{\"all\": [{\"prefix\": {\"type\": \"com.\"}}, {\"exact\": {\"tier\": \"gold\"}}]}]", ORDER));
        assertFalse(matches("[{\"all\": [{\"prefix\": {\"type\": \"com.\"}}, {\"exact\": {\"tier\": \"silver\"}}]}]", ORDER));
        assertFalse(matches("[{\"prefix\": {\"type\": \"com.\"}}, {\"exact\": {\"tier\": \"silver\"}}]", ORDER));
    }

    @Test
    void anyNeedsOneFilter() {
        assertTrue(matches("[{\"any\": [{\"exact\": {\"tier\": \"silver\"}}, {\"suffix\": {\"type\": \".created\"}}]}]", ORDER));
        assertFalse(matches("[{\"any\": [{\"exact\": {\"tier\": \"silver\"}}, {\"suffix\": {\"type\": \".x\"}}]}]", ORDER));
    }

    @Test
    void notInvertsItsFilter() {
        assertTrue(matches("[{\"not\": {\"exact\": {\"tier\": \"silver\"}}}]", ORDER));
        assertFalse(matches("[{\"not\": {\"exact\": {\"tier\": \"gold\"}}}]", ORDER));
    }

    @Test
    void cesqlEvaluatesAttributesAndExtensions() {
        assertTrue(matches("[{\"cesql\": \"type LIKE 'com.acme.%' AND tier = 'gold'\"}]", ORDER));
        assertTrue(matches("[{\"cesql\": \"attempt > 2\"}]", ORDER));
        assertFalse(matches("[{\"cesql\": \"attempt > 3\"}]", ORDER));
        assertFalse(matches("[{\"cesql\": \"EXISTS region\"}]", ORDER));
    }

    @Test
    void cesqlThatFailsToEvaluateDoesNotMatch() {
        assertFalse(matches("[{\"cesql\": \"region = 'eu'\"}]", ORDER));
    }

    @Test
    void dialectsNest() {
        assertTrue(matches("""
                [{"any": [
                    {"all": [{"exact": {"tier": "silver"}}, {"prefix": {"type": "com."}}]},
                    {"not": {"cesql": "subject = 'order-8'"}}
                ]}]
                """, ORDER));
    }

    @Test
    void filtersWrittenAsJsonReadBackTheSame() {
        String json = "[{\"any\":[{\"exact\":{\"tier\":\"silver\",\"type\":\"a\"}},{\"not\":{\"cesql\":\"subject = 'x'\"}}]},"
                + "{\"prefix\":{\"type\":\"com.\"}},{\"all\":[{\"suffix\":{\"type\":\".created\"}}]}]";
        assertEquals(json, FilterJson.toJson(FilterParser.parse(json)).toString());
    }

    @Test
    void anEmptyFilterListMatchesEverything() {
        assertTrue(Filters.allOf(List.of()).matches(ORDER));
    }

    @Test
    void unknownDialectIsNamedWithTheKnownOnes() {
        InvalidFilterException e = assertThrows(InvalidFilterException.class,
                () -> FilterParser.parse("[{\"regex\": {\"type\": \"com.*\"}}]"));
        assertEquals("unknown filter dialect 'regex'; the dialects are exact, prefix, suffix, all, any, not, cesql",
                e.getMessage());
    }

    @Test
    void malformedFiltersSayWhatIsWrong() {
        assertTrue(assertThrows(InvalidFilterException.class, () -> FilterParser.parse("[{\"exact\": "))
                .getMessage().startsWith("filters are not valid JSON"));
        assertTrue(assertThrows(InvalidFilterException.class,
                () -> FilterParser.parse("[{\"exact\": {\"type\": \"a\"}, \"prefix\": {\"type\": \"b\"}}]"))
                .getMessage().startsWith("each filter must be a JSON object with exactly one dialect"));
        assertTrue(assertThrows(InvalidFilterException.class, () -> FilterParser.parse("[{\"exact\": {\"type\": 5}}]"))
                .getMessage().contains("must be a string"));
        assertTrue(assertThrows(InvalidFilterException.class, () -> FilterParser.parse("[{\"not\": []}]"))
                .getMessage().contains("'not' takes one filter object"));
    }

    @Test
    void attributeNamesMustBeCloudeventsNames() {
        InvalidFilterException e = assertThrows(InvalidFilterException.class,
                () -> Filters.compile(FilterMetadata.attributes(Filters.EXACT, Map.of("Type", "x"))));
        assertTrue(e.getMessage().contains("'Type' is not a CloudEvents attribute name"), e.getMessage());
    }

    @Test
    void emptyValuesAndEmptyCompositesAreRefused() {
        assertThrows(InvalidFilterException.class,
                () -> Filters.compile(FilterMetadata.attributes(Filters.PREFIX, Map.of("type", ""))));
        assertThrows(InvalidFilterException.class, () -> Filters.compile(FilterMetadata.composite(Filters.ANY, List.of())));
    }

    @Test
    void badCesqlIsReportedWithTheExpression() {
        InvalidFilterException e = assertThrows(InvalidFilterException.class,
                () -> Filters.compile(FilterMetadata.cesql("type = = 'x'")));
        assertTrue(e.getMessage().startsWith("CESQL expression \"type = = 'x'\" does not parse"), e.getMessage());
    }

    @Test
    void triggerSettingsAreWrittenAttributeEqualsValue() {
        TriggerMetadata trigger = TriggerMetadata.of("com.acme.order.created", "shop", List.of("subject=order-7"),
                List.of("tier=go"), List.of(), "attempt = 3", null);
        assertEquals("shop", trigger.getLogicalSource());
        assertTrue(Filters.allOf(trigger.getFilters()).matches(ORDER));
        InvalidFilterException e = assertThrows(InvalidFilterException.class,
                () -> TriggerMetadata.of(null, null, List.of("subject"), List.of(), List.of(), null, null));
        assertTrue(e.getMessage().contains("must be written attribute=value"), e.getMessage());
    }
}
