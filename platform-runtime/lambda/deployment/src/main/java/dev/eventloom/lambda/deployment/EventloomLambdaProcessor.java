package dev.eventloom.lambda.deployment;

import dev.eventloom.core.deployment.LambdaPackagingBuildItem;
import dev.eventloom.lambda.runtime.LambdaDefaults;
import dev.eventloom.lambda.runtime.LambdaEventHandler;
import dev.eventloom.lambda.runtime.LambdaRecorder;
import io.quarkus.amazon.lambda.deployment.ProvidedAmazonLambdaHandlerBuildItem;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigBuilderBuildItem;
import io.quarkus.deployment.pkg.NativeConfig;

/**
 * Makes the application one AWS Lambda: {@link LambdaEventHandler} is the handler quarkus-amazon-lambda calls, and
 * HTTP-style events reach the HTTP binding through Quarkus's virtual HTTP connection. The socket HTTP server still
 * starts (the same build runs on Knative or locally); on Lambda it does not listen: see {@link LambdaDefaults}.
 */
class EventloomLambdaProcessor {

    static final String FEATURE = "eventloom-lambda";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    ProvidedAmazonLambdaHandlerBuildItem handler() {
        return new ProvidedAmazonLambdaHandlerBuildItem(LambdaEventHandler.class, "Eventloom");
    }

    /** What the manifest tells deployment: AWS's java21 runtime with Quarkus's handler, or a native bootstrap. */
    @BuildStep
    LambdaPackagingBuildItem packaging(NativeConfig nativeConfig) {
        return nativeConfig.enabled() ? new LambdaPackagingBuildItem("provided.al2023", "bootstrap")
                : new LambdaPackagingBuildItem("java21",
                        "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
    }

    /** HTTP-style events need the HTTP binding: the build tells the handler whether it is there. */
    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void httpBinding(Capabilities capabilities, LambdaRecorder recorder) {
        recorder.httpBinding(capabilities.isPresent("dev.eventloom.http"));
    }

    @BuildStep
    RunTimeConfigBuilderBuildItem lambdaDefaults() {
        return new RunTimeConfigBuilderBuildItem(LambdaDefaults.class);
    }

    @BuildStep
    AdditionalBeanBuildItem handlerBean() {
        return AdditionalBeanBuildItem.unremovableOf(LambdaEventHandler.class);
    }
}
