package dev.eventloom.lambda.deployment;

import dev.eventloom.lambda.runtime.devui.LambdaJsonRpcService;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/** The Eventloom Lambda card of the Dev UI: send what an AWS source sends, with your records, to the application. */
class LambdaDevUIProcessor {

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card() {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder().title("Send an AWS event").icon("font-awesome-brands:aws")
                .componentLink("qwc-eventloom-lambda-send.js"));
        return card;
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(LambdaJsonRpcService.class);
    }
}
