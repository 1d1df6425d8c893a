package dev.eventloom.messaging.test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Delivery;
import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import dev.eventloom.testkit.LocalServer;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;

/**
 * MQTT end to end against a real broker (Debian's {@code mosquitto}) through SmallRye's MQTT connector: structured
 * CloudEvents in (MQTT 3.1.1 has no headers, so the event travels whole), routing by type, the reply and the dead
 * letter written back to the broker in structured mode, with their attributes.
 */
class MqttBindingTest {

    static final LocalServer MOSQUITTO = new LocalServer("mosquitto", Path.of("/usr/sbin/mosquitto"), "mosquitto",
            List.of("-p", "{port}"));

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SensorFunctions.class, Reading.class, Checked.class))
            .overrideConfigKey("quarkus.kafka.devservices.enabled", "false")
            .overrideConfigKey("eventloom.messaging.incoming", "sensors")
            .overrideConfigKey("eventloom.messaging.outgoing", "checked,sensor-dead")
            .overrideConfigKey("eventloom.messaging.channel.checked.format", "structured")
            .overrideConfigKey("eventloom.messaging.channel.sensor-dead.format", "structured")
            .overrideConfigKey("eventloom.sink.url", "channel:checked")
            .overrideConfigKey("mp.messaging.incoming.sensors.connector", "smallrye-mqtt")
            .overrideConfigKey("mp.messaging.incoming.sensors.topic", "sensors/in")
            .overrideConfigKey("mp.messaging.incoming.sensors.qos", "1")
            .overrideConfigKey("mp.messaging.outgoing.checked.connector", "smallrye-mqtt")
            .overrideConfigKey("mp.messaging.outgoing.checked.topic", "sensors/checked")
            .overrideConfigKey("mp.messaging.outgoing.checked.qos", "1")
            .overrideConfigKey("mp.messaging.outgoing.sensor-dead.connector", "smallrye-mqtt")
            .overrideConfigKey("mp.messaging.outgoing.sensor-dead.topic", "sensors/dead")
            .overrideConfigKey("mp.messaging.outgoing.sensor-dead.qos", "1")
            .overrideConfigKey("mp.messaging.connector.smallrye-mqtt.host", "127.0.0.1")
            .overrideConfigKey("mp.messaging.connector.smallrye-mqtt.port", String.valueOf(MOSQUITTO.port()));

    public record Reading(String sensor, int value) {
    }

    public record Checked(String sensor, boolean alarm) {
    }

    public static class SensorFunctions {

        @Funq
        @Trigger(type = "sensor.reading")
        @Reply(type = "sensor.checked")
        @Delivery(deadLetter = "channel:sensor-dead")
        public Checked check(Reading reading) {
            if (reading.value() < 0) {
                throw new IllegalArgumentException("a reading cannot be negative: " + reading.value());
            }
            return new Checked(reading.sensor(), reading.value() > 100);
        }
    }

    @Inject
    Vertx vertx;

    static final List<JsonObject> CHECKED = new CopyOnWriteArrayList<>();
    static final List<JsonObject> DEAD = new CopyOnWriteArrayList<>();
    static final AtomicInteger PROBES = new AtomicInteger();
    static MqttClient client;

    @BeforeEach
    void connect() throws Exception {
        if (client == null) {
            client = MqttClient.create(vertx);
            client.publishHandler(message -> (message.topicName().equals("sensors/dead") ? DEAD : CHECKED)
                    .add(message.payload().toJsonObject()));
            client.connect(MOSQUITTO.port(), "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            client.subscribe(Map.of("sensors/checked", 1, "sensors/dead", 1)).toCompletionStage()
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        // The connector subscribes as the application starts; a reading sent before that would reach nobody (MQTT
        // keeps no message for a topic without subscribers), so wait for the answer to one first.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            publish("probe-" + PROBES.incrementAndGet(), "probe", 1);
            return CHECKED.stream().anyMatch(e -> e.getJsonObject("data").getString("sensor").equals("probe"));
        });
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.disconnect();
        }
        MOSQUITTO.kill();
    }

    private static void publish(String id, String sensor, int value) {
        JsonObject event = new JsonObject().put("specversion", "1.0").put("id", id).put("source", "/sensors")
                .put("type", "sensor.reading").put("datacontenttype", "application/json")
                .put("data", new JsonObject().put("sensor", sensor).put("value", value));
        client.publish("sensors/in", Buffer.buffer(event.encode()), MqttQoS.AT_LEAST_ONCE, false, false);
    }

    @Test
    void aReadingIsCheckedAndTheReplyGoesBackToTheBrokerAsAStructuredEvent() {
        publish("reading-1", "boiler", 140);
        await().atMost(Duration.ofSeconds(30)).until(() -> CHECKED.stream().anyMatch(e -> "reading-1".equals(
                e.getString("causationid"))));
        JsonObject reply = CHECKED.stream().filter(e -> "reading-1".equals(e.getString("causationid")))
                .findFirst().orElseThrow();
        assertEquals("sensor.checked", reply.getString("type"));
        assertEquals("urn:eventloom:function:check", reply.getString("source"));
        assertEquals(new JsonObject().put("sensor", "boiler").put("alarm", true), reply.getJsonObject("data"));
    }

    @Test
    void aReadingTheFunctionRefusesGoesToTheDeadLetterTopicWhole() {
        publish("reading-2", "freezer", -5);
        await().atMost(Duration.ofSeconds(30)).until(() -> DEAD.stream().anyMatch(e -> "reading-2".equals(
                e.getString("id"))));
        JsonObject dead = DEAD.stream().filter(e -> "reading-2".equals(e.getString("id"))).findFirst().orElseThrow();
        assertEquals("sensor.reading", dead.getString("type"));
        assertEquals("check", dead.getString("eventloomfunction"));
        assertTrue(dead.getString("eventloomerror").contains("cannot be negative"), dead.encode());
        assertEquals(-5, dead.getJsonObject("data").getInteger("value"));
        assertTrue(CHECKED.stream().noneMatch(e -> "reading-2".equals(e.getString("causationid"))));
    }
}
