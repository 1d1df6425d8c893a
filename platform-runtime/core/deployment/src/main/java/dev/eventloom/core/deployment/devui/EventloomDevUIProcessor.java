package dev.eventloom.core.deployment.devui;

import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.deployment.ManifestBuildItem;
import dev.eventloom.core.runtime.devui.EventloomJsonRpcService;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Eventloom card of the Dev UI: the functions as the build found them, the event graph they form, the live
 * invocation log and a form to send an event. Build-time data is the manifest; the rest is
 * {@link EventloomJsonRpcService}.
 */
public class EventloomDevUIProcessor {

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card(ManifestBuildItem manifest) {
        Map<String, Object> data = new ObjectMapper().convertValue(manifest.manifest(), new TypeReference<>() {
        });
        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("manifest", data);
        card.addPage(Page.webComponentPageBuilder().title("Functions").icon("font-awesome-solid:bolt")
                .componentLink("qwc-eventloom-functions.js")
                .staticLabel(String.valueOf(manifest.manifest().path("functions").size())));
        card.addPage(Page.webComponentPageBuilder().title("Event graph").icon("font-awesome-solid:diagram-project")
                .componentLink("qwc-eventloom-graph.js"));
        card.addPage(Page.webComponentPageBuilder().title("Invocations").icon("font-awesome-solid:list")
                .componentLink("qwc-eventloom-invocations.js"));
        card.addPage(Page.webComponentPageBuilder().title("Send an event").icon("font-awesome-solid:paper-plane")
                .componentLink("qwc-eventloom-send.js"));
        return card;
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(EventloomJsonRpcService.class);
    }
}
