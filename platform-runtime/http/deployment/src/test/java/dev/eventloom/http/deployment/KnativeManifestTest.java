package dev.eventloom.http.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The generated Knative resources, read back with a YAML parser; independent of the CRD schemas. */
class KnativeManifestTest {

    static final KnativeManifest.Result RESULT = KnativeManifest.render(KnativeFixtures.everyKind(),
            KnativeFixtures.settings());

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String path) {
        Object current = node;
        for (String part : path.split("\\.")) {
            current = current instanceof List<?> list ? list.get(Integer.parseInt(part))
                    : ((Map<String, Object>) current).get(part);
            if (current == null) {
                return null;
            }
        }
        return (T) current;
    }

    static Map<String, Object> trigger(String name) {
        return documents(RESULT.yaml()).stream().filter(d -> "Trigger".equals(d.get("kind"))
                && name.equals(at(d, "metadata.name"))).findFirst().orElse(null);
    }

    @Test
    void oneServiceWithImageEnvProbesAndNamespace() {
        Map<String, Object> service = documents(RESULT.yaml()).get(0);
        assertEquals("serving.knative.dev/v1", service.get("apiVersion"));
        assertEquals("Service", service.get("kind"));
        assertEquals("shop", at(service, "metadata.name"));
        assertEquals("team-a", at(service, "metadata.namespace"));
        assertEquals("registry.example/shop:1.0", at(service, "spec.template.spec.containers.0.image"));
        assertEquals(8080, (int) at(service, "spec.template.spec.containers.0.ports.0.containerPort"));
        assertEquals("EVENTLOOM_SINK_URL", at(service, "spec.template.spec.containers.0.env.0.name"));
        assertEquals("/q/health/ready", at(service, "spec.template.spec.containers.0.readinessProbe.httpGet.path"));
    }

    @Test
    void exactOnlyTriggersUseTheLegacyAttributesFilter() {
        Map<String, Object> trigger = trigger("shop-by-type-and-subject");
        assertEquals(Map.of("type", "order.created", "subject", "eu"), at(trigger, "spec.filter.attributes"));
        assertNull(at(trigger, "spec.filters"));
        assertEquals("orders", at(trigger, "spec.broker"));
        assertEquals("/by-type-and-subject", at(trigger, "spec.subscriber.uri"));
        assertEquals("shop", at(trigger, "spec.subscriber.ref.name"));
        assertEquals("Service", at(trigger, "spec.subscriber.ref.kind"));
    }

    @Test
    void otherDialectsUseFilters() {
        assertEquals(List.of(Map.of("prefix", Map.of("type", "order."))), at(trigger("shop-by-prefix"), "spec.filters"));
        assertEquals(List.of(Map.of("cesql", "type = 'a' AND tier = 'gold'")),
                at(trigger("shop-by-cesql"), "spec.filters"));
        assertEquals(List.of(Map.of("any", List.of(Map.of("exact", Map.of("type", "a")),
                Map.of("not", Map.of("suffix", Map.of("type", ".test")))))), at(trigger("shop-by-filters"), "spec.filters"));
    }

    @Test
    void logicalSourcesBecomeSourceMatches() {
        assertEquals(Map.of("source", "/storage/uploads", "type", "object.created"),
                at(trigger("shop-from-uploads"), "spec.filter.attributes"));
        assertEquals(List.of(Map.of("any", List.of(Map.of("exact", Map.of("source", "/one")),
                Map.of("exact", Map.of("source", "/other"))))), at(trigger("shop-from-two"), "spec.filters"));
    }

    @Test
    void aLogicalSourceWithoutConfiguredSourcesIsLeftOutWithAWarning() {
        assertNull(trigger("shop-unbound"));
        assertEquals(1, RESULT.warnings().size(), RESULT.warnings().toString());
        assertTrue(RESULT.warnings().get(0).contains("'unbound'"));
        assertTrue(RESULT.warnings().get(0).contains("eventloom.source.\"nowhere\".ce-source"));
    }

    @Test
    void aFunctionWithSeveralTriggersGetsOneTriggerMatchingAnyOfThem() {
        // One Trigger, so an event matching both is delivered once, as the runtime and the Lambda module deliver it.
        assertNull(trigger("shop-twice-1"));
        assertEquals(List.of(Map.of("any", List.of(Map.of("exact", Map.of("type", "a")),
                Map.of("exact", Map.of("type", "b"))))), at(trigger("shop-twice"), "spec.filters"));
        var mixed = KnativeFixtures.function("mixed",
                KnativeFixtures.trigger("a", "uploads", List.of(), List.of(), null, null),
                KnativeFixtures.trigger(null, "nowhere", List.of(), List.of(), null, null),
                KnativeFixtures.trigger(null, null, List.of(), List.of("type=b."), null, null));
        KnativeManifest.Result result = KnativeManifest.render(List.of(mixed), KnativeFixtures.settings());
        Map<String, Object> trigger = documents(result.yaml()).get(1);
        assertEquals(List.of(Map.of("any", List.of(
                Map.of("all", List.of(Map.of("exact", Map.of("source", "/storage/uploads")),
                        Map.of("exact", Map.of("type", "a")))),
                Map.of("prefix", Map.of("type", "b."))))), at(trigger, "spec.filters"),
                "the unbound trigger is left out, the others stay alternatives");
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        var alsoEverything = KnativeFixtures.function("also-everything",
                KnativeFixtures.trigger("a", null, List.of(), List.of(), null, null),
                KnativeFixtures.trigger(null, null, List.of(), List.of(), null, null));
        Map<String, Object> catchAll = documents(KnativeManifest.render(List.of(alsoEverything),
                KnativeFixtures.settings()).yaml()).get(1);
        assertNull(at(catchAll, "spec.filter"), "a catch-all trigger makes the function's Trigger take every event");
        assertNull(at(catchAll, "spec.filters"));
    }

    @Test
    void everyTriggeredFunctionIsOneResourceAndFunctionsWithoutTriggersHaveNone() {
        assertFalse(documents(RESULT.yaml()).stream().anyMatch(d -> at(d, "metadata.name").toString()
                .contains("no-triggers")));
        Map<String, Object> catchAll = trigger("shop-catch-all");
        assertNull(at(catchAll, "spec.filter"), "a trigger without filters takes every event of the broker");
        assertNull(at(catchAll, "spec.filters"));
        long triggers = documents(RESULT.yaml()).stream().filter(d -> "Trigger".equals(d.get("kind"))).count();
        assertEquals(10, triggers);
    }

    @Test
    void theBrokerRetriesWhatFailsAfterTheFunctionsOwnRetriesAndParksItInItsDeadLetter() {
        assertEquals(2, (int) at(trigger("shop-by-type"), "spec.delivery.retry"));
        assertEquals("exponential", at(trigger("shop-by-type"), "spec.delivery.backoffPolicy"));
        assertNull(at(trigger("shop-by-type"), "spec.delivery.deadLetterSink"));
        assertEquals("https://dlq.example/events", at(trigger("shop-parked"), "spec.delivery.deadLetterSink.uri"));
    }

    @Test
    void containerConcurrencyIsTheSumOfTheFunctionsLimitsWhenEveryFunctionHasOne() {
        var limited = KnativeFixtures.function("a");
        limited.getDelivery().setMaxConcurrency(4);
        var other = KnativeFixtures.function("b");
        other.getDelivery().setMaxConcurrency(6);
        assertEquals(10, KnativeManifest.containerConcurrency(List.of(limited, other)));
        assertEquals(10, (int) at(documents(KnativeManifest.render(List.of(limited, other), KnativeFixtures.settings())
                .yaml()).get(0), "spec.template.spec.containerConcurrency"));
        assertNull(KnativeManifest.containerConcurrency(List.of(limited, KnativeFixtures.function("unlimited"))));
        assertNull(at(documents(RESULT.yaml()).get(0), "spec.template.spec.containerConcurrency"));
    }

    @Test
    void theServiceIsClusterLocalUnlessMadePublic() {
        Map<String, Object> service = documents(RESULT.yaml()).get(0);
        Map<String, Object> serviceLabels = at(service, "metadata.labels");
        assertEquals("cluster-local", serviceLabels.get("networking.knative.dev/visibility"));
        KnativeManifest.Settings base = KnativeFixtures.settings();
        KnativeManifest.Settings open = new KnativeManifest.Settings(base.service(), base.namespace(), base.image(),
                base.broker(), base.env(), base.logicalSources(), 2, true, false, null);
        Map<String, Object> labels = at(documents(KnativeManifest.render(List.of(), open).yaml()).get(0),
                "metadata.labels");
        assertFalse(labels.containsKey("networking.knative.dev/visibility"), labels.toString());
    }

    @Test
    void resourcesAndTimeoutComeFromTheFunctionsResources() {
        var small = KnativeFixtures.function("small");
        small.setMemory(256);
        small.setPlatformTimeout("30s");
        var large = KnativeFixtures.function("large");
        large.setMemory(1024);
        large.setPlatformTimeout("PT2M0.5S");
        Map<String, Object> service = documents(KnativeManifest.render(List.of(small, large),
                KnativeFixtures.settings()).yaml()).get(0);
        assertEquals("1024Mi", at(service, "spec.template.spec.containers.0.resources.requests.memory"));
        assertEquals("1024Mi", at(service, "spec.template.spec.containers.0.resources.limits.memory"));
        assertEquals(121, ((Number) at(service, "spec.template.spec.timeoutSeconds")).intValue());
        Map<String, Object> plain = documents(RESULT.yaml()).get(0);
        assertNull(at(plain, "spec.template.spec.containers.0.resources"));
        assertNull(at(plain, "spec.template.spec.timeoutSeconds"));
    }

    @Test
    void anApplicationThatConsumesChannelsNeverScalesToZero() {
        KnativeManifest.Settings base = KnativeFixtures.settings();
        KnativeManifest.Settings consuming = new KnativeManifest.Settings(base.service(), base.namespace(),
                base.image(), base.broker(), base.env(), base.logicalSources(), 2, false, true, null);
        Map<String, Object> annotations = at(documents(KnativeManifest.render(List.of(), consuming).yaml()).get(0),
                "spec.template.metadata.annotations");
        assertEquals("1", annotations.get("autoscaling.knative.dev/min-scale"));
        assertNull(at(documents(RESULT.yaml()).get(0), "spec.template.metadata.annotations"));
    }

    @Test
    void prometheusIsToldWhereTheMetricsAre() {
        KnativeManifest.Settings base = KnativeFixtures.settings();
        KnativeManifest.Settings scraped = new KnativeManifest.Settings(base.service(), base.namespace(),
                base.image(), base.broker(), base.env(), base.logicalSources(), 2, false, false, 9000);
        Map<String, Object> annotations = at(documents(KnativeManifest.render(List.of(), scraped).yaml()).get(0),
                "spec.template.metadata.annotations");
        assertEquals(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "9000", "prometheus.io/path",
                "/q/metrics"), annotations);
    }

    @Test
    void namesAreValidKubernetesNames() {
        assertEquals("shop-vip-welcome", KnativeManifest.dnsName("Shop_VIP.welcome"));
        String longName = KnativeManifest.dnsName("a".repeat(100));
        assertTrue(longName.length() <= 63 && longName.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), longName);
        assertEquals("quotes", at(documents(KnativeManifest.render(List.of(), new KnativeManifest.Settings("quotes",
                null, "img:\"1\"\n", "default", Map.of(), Map.of())).yaml()).get(0), "metadata.name"));
        assertEquals("img:\"1\"\n", at(documents(KnativeManifest.render(List.of(), new KnativeManifest.Settings(
                "quotes", null, "img:\"1\"\n", "default", Map.of(), Map.of())).yaml()).get(0),
                "spec.template.spec.containers.0.image"), "strings survive quoting");
    }
}
