package dev.eventloom.examples.signups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.eventloom.samples.AwsEvents;
import dev.eventloom.test.EventloomClient;
import dev.eventloom.test.Events;
import io.quarkus.test.junit.QuarkusTest;

/** The signups functions through the test kit: an SQS batch with one bad message, and a direct call. */
@QuarkusTest
class SignupsTestKitTest {

    @Inject
    EventloomClient eventloom;

    @Test
    void onlyTheBadMessageOfABatchIsReportedForRedelivery() {
        String answer = eventloom.lambda(AwsEvents.sqs(SignupEvents.QUEUE, "{\"email\":\"kim@example.com\",\"name\":\"Kim\"}",
                "{\"email\":\"not-an-email\"}", "{\"email\":\"lee@example.com\"}"));
        assertTrue(answer.contains("\"itemIdentifier\":\"msg-1\""), answer);
        assertTrue(!answer.contains("msg-0") && !answer.contains("msg-2"), answer);
    }

    @Test
    void aDirectCallAnswersTheMember() {
        Member member = eventloom.call("signup", Events.cloudEvent("signup").json(new Signup("Ian@Example.com", null)))
                .replyData(Member.class);
        assertEquals(new Member("ian@example.com", "ian"), member);
        assertTrue(eventloom.call("members", Events.cloudEvent("members").build()).reply() != null);
    }
}
