package dev.eventloom.core.runtime;

/**
 * The {@link dev.eventloom.Delivery} settings the build read, as written; {@code null} means not set. Recorded into the
 * application and turned into a {@link DeliveryPolicy} with the run-time configuration at startup.
 */
public final class DeliveryMetadata {

    private Integer retries;
    private String backoff;
    private String backoffDelay;
    private String maxBackoffDelay;
    private String deadLetter;
    private Integer maxConcurrency;
    private Boolean idempotent;
    private String idempotencyTtl;
    private Boolean ordered;

    public Integer getRetries() {
        return retries;
    }

    public void setRetries(Integer retries) {
        this.retries = retries;
    }

    public String getBackoff() {
        return backoff;
    }

    public void setBackoff(String backoff) {
        this.backoff = backoff;
    }

    public String getBackoffDelay() {
        return backoffDelay;
    }

    public void setBackoffDelay(String backoffDelay) {
        this.backoffDelay = backoffDelay;
    }

    public String getMaxBackoffDelay() {
        return maxBackoffDelay;
    }

    public void setMaxBackoffDelay(String maxBackoffDelay) {
        this.maxBackoffDelay = maxBackoffDelay;
    }

    public String getDeadLetter() {
        return deadLetter;
    }

    public void setDeadLetter(String deadLetter) {
        this.deadLetter = deadLetter;
    }

    public Integer getMaxConcurrency() {
        return maxConcurrency;
    }

    public void setMaxConcurrency(Integer maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
    }

    public Boolean getIdempotent() {
        return idempotent;
    }

    public void setIdempotent(Boolean idempotent) {
        this.idempotent = idempotent;
    }

    public String getIdempotencyTtl() {
        return idempotencyTtl;
    }

    public void setIdempotencyTtl(String idempotencyTtl) {
        this.idempotencyTtl = idempotencyTtl;
    }

    public Boolean getOrdered() {
        return ordered;
    }

    public void setOrdered(Boolean ordered) {
        this.ordered = ordered;
    }
}
