package dev.eventloom.examples.signups;

import java.util.List;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.eventloom.Resources;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;

/**
 * One Lambda, three functions: {@code register} is triggered by the SQS queue known as the logical source
 * {@code signups}; {@code signup} and {@code members} are HTTP functions behind API Gateway ({@code POST /signup},
 * {@code GET /members}). Locally the same functions answer on {@code http://localhost:8080}.
 */
public class SignupFunctions {

    private static final Logger LOG = Logger.getLogger(SignupFunctions.class);

    @Inject
    Members members;

    /**
     * A signup from the queue. An invalid one throws: its message alone is reported in {@code batchItemFailures}, so
     * SQS redelivers it and, after the queue's maxReceiveCount, moves it to the dead-letter queue.
     */
    @Funq
    @Trigger(source = "signups")
    @Resources(memory = 512, timeout = "30s")
    public void register(Signup signup) {
        Member member = members.register(signup);
        LOG.infof("registered %s <%s>", member.name(), member.email());
    }

    /** The same registration over HTTP, answering the member. */
    @Funq
    public Member signup(Signup signup) {
        return members.register(signup);
    }

    /** Everyone registered so far (by this instance). */
    @Funq
    public List<Member> members() {
        return members.all();
    }
}
