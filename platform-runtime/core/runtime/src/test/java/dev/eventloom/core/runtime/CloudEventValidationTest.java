package dev.eventloom.core.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.cloudevents.core.builder.CloudEventBuilder;

class CloudEventValidationTest {

    static CloudEventBuilder valid() {
        return CloudEventBuilder.v1().withId("1").withSource(URI.create("/s")).withType("t");
    }

    @Test
    void aCompleteEventPasses() {
        assertDoesNotThrow(() -> CloudEventValidation.validate(valid().withSubject("x")
                .withDataContentType("application/json; charset=utf-8").build()));
    }

    @Test
    void everyBrokenRuleIsNamed() {
        EventloomException e = assertThrows(EventloomException.class, () -> CloudEventValidation.validate(
                valid().withId("").withType("").withSubject("").withDataContentType("xyz").build()));
        assertEquals(EventloomException.Kind.INVALID_INPUT, e.kind());
        assertEquals("Invalid CloudEvent: 'id' must not be empty; 'type' must not be empty; "
                + "'subject' must not be empty when present; "
                + "'datacontenttype' must be a media type such as application/json, got 'xyz'", e.getMessage());
    }

    @Test
    void timeMustHaveSecondsAndAnOffset() {
        assertDoesNotThrow(() -> CloudEventValidation.validateTime("2018-04-05T17:31:00.123+02:00"));
        assertDoesNotThrow(() -> CloudEventValidation.validateTime(null));
        assertThrows(EventloomException.class, () -> CloudEventValidation.validateTime("2018-04-05T17:31Z"));
        assertThrows(EventloomException.class, () -> CloudEventValidation.validateTime("2018-04-05T17:31:00"));
        assertThrows(EventloomException.class, () -> CloudEventValidation.validateTime("lunchtime"));
    }
}
