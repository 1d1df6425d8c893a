package dev.eventloom.core.runtime;

import java.util.ArrayList;
import java.util.List;

import dev.eventloom.core.runtime.filter.TriggerMetadata;

/** What the build found out about one function; recorded into the application and read once at startup. */
public final class FunctionMetadata {

    private String name;
    private String declaringClass;
    private String methodName;
    private String invokerClass;
    private DispatchMode dispatchMode;
    private InputKind inputKind;
    private InputKind dataKind;
    private String inputType;
    private OutputShape outputShape;
    private String outputType;
    private String replyType;
    private String replySource;
    private String timeout;
    private DeliveryMetadata delivery = new DeliveryMetadata();
    private Integer memory;
    private String platformTimeout;
    private List<TriggerMetadata> triggers = new ArrayList<>();

    /** {@code Class#method} for messages. */
    public String location() {
        return declaringClass + "#" + methodName;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDeclaringClass() {
        return declaringClass;
    }

    public void setDeclaringClass(String declaringClass) {
        this.declaringClass = declaringClass;
    }

    public String getMethodName() {
        return methodName;
    }

    public void setMethodName(String methodName) {
        this.methodName = methodName;
    }

    public String getInvokerClass() {
        return invokerClass;
    }

    public void setInvokerClass(String invokerClass) {
        this.invokerClass = invokerClass;
    }

    public DispatchMode getDispatchMode() {
        return dispatchMode;
    }

    public void setDispatchMode(DispatchMode dispatchMode) {
        this.dispatchMode = dispatchMode;
    }

    public InputKind getInputKind() {
        return inputKind;
    }

    public void setInputKind(InputKind inputKind) {
        this.inputKind = inputKind;
    }

    /** For {@link InputKind#TYPED_CLOUD_EVENT}: how the data is bound ({@code JSON}, {@code STRING} or {@code BYTES}). */
    public InputKind getDataKind() {
        return dataKind;
    }

    public void setDataKind(InputKind dataKind) {
        this.dataKind = dataKind;
    }

    /** The Java type JSON data is bound to, written like {@code java.util.List<com.acme.Order>}. */
    public String getInputType() {
        return inputType;
    }

    public void setInputType(String inputType) {
        this.inputType = inputType;
    }

    public OutputShape getOutputShape() {
        return outputShape;
    }

    public void setOutputShape(OutputShape outputShape) {
        this.outputShape = outputShape;
    }

    public String getOutputType() {
        return outputType;
    }

    public void setOutputType(String outputType) {
        this.outputType = outputType;
    }

    public String getReplyType() {
        return replyType;
    }

    public void setReplyType(String replyType) {
        this.replyType = replyType;
    }

    public String getReplySource() {
        return replySource;
    }

    public void setReplySource(String replySource) {
        this.replySource = replySource;
    }

    /** The timeout from {@link dev.eventloom.Delivery}, or {@code null} for the application default. */
    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    /** {@link dev.eventloom.Resources#memory()}, or {@code null}. */
    public Integer getMemory() {
        return memory;
    }

    public void setMemory(Integer memory) {
        this.memory = memory;
    }

    /** {@link dev.eventloom.Resources#timeout()}, or {@code null}. */
    public String getPlatformTimeout() {
        return platformTimeout;
    }

    public void setPlatformTimeout(String platformTimeout) {
        this.platformTimeout = platformTimeout;
    }

    /** The other {@link dev.eventloom.Delivery} settings, as written. */
    public DeliveryMetadata getDelivery() {
        return delivery;
    }

    public void setDelivery(DeliveryMetadata delivery) {
        this.delivery = delivery;
    }

    public List<TriggerMetadata> getTriggers() {
        return triggers;
    }

    public void setTriggers(List<TriggerMetadata> triggers) {
        this.triggers = triggers;
    }
}
