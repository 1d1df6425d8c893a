package dev.eventloom.examples.orders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.eventloom.Delivery;
import dev.eventloom.EventContext;
import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.smallrye.common.annotation.Blocking;

/**
 * The order pipeline, each step a function triggered by the previous step's reply on the {@code orders} topic:
 * {@code order.created} → reserve-stock → {@code stock.reserved} → invoice → {@code order.invoiced} → notify.
 */
public class OrderFunctions {

    private static final Logger LOG = Logger.getLogger(OrderFunctions.class);

    @Inject
    Inventory inventory;

    @ConfigProperty(name = "orders.audit.file")
    Optional<Path> auditFile;

    /** How long auditing takes after the line is written: a stand-in for slower work, for the shutdown tests. */
    @ConfigProperty(name = "orders.audit.delay", defaultValue = "0s")
    java.time.Duration auditDelay;

    /**
     * Reserves stock. A bad order (no such sku, quantity 0) fails every attempt: after two retries it goes to the
     * {@code orders-dead-letters} topic with the error attached, and the pipeline goes on with the next order.
     */
    @Funq("reserve-stock")
    @Trigger(type = "order.created")
    @Reply(type = "stock.reserved")
    @Delivery(retries = 2, backoffDelay = "100ms", deadLetter = "channel:orders-dead-letters")
    public Reservation reserveStock(Order order) {
        return inventory.reserve(order);
    }

    /** Invoices a reservation once, even when Kafka redelivers it. */
    @Funq
    @Trigger(type = "stock.reserved")
    @Reply(type = "order.invoiced")
    @Delivery(idempotent = true)
    public Invoice invoice(Reservation reservation) {
        return new Invoice(reservation.orderId(), reservation.customer(),
                reservation.unitPriceCents() * reservation.quantity());
    }

    /** Tells the customer (here: the log), blocking like a mail client would, so it runs on a worker. */
    @Funq
    @Blocking
    @Trigger(type = "order.invoiced")
    public void notify(Invoice invoice) {
        LOG.infof("Notified %s: order %s, %d.%02d EUR", invoice.customer(), invoice.orderId(),
                invoice.totalCents() / 100, invoice.totalCents() % 100);
    }

    /**
     * An audit trail of every event on the topic, one id per line, when {@code orders.audit.file} is set (the crash
     * recovery test reads it to count what was processed, and twice).
     */
    @Funq
    @Blocking
    @Trigger(source = "orders")
    public void audit(@Context EventContext event) {
        if (auditFile.isEmpty()) {
            return;
        }
        try {
            Files.writeString(auditFile.get(), event.id() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            if (!auditDelay.isZero()) {
                Thread.sleep(auditDelay);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the audit trail cannot be written", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while auditing " + event.id(), e);
        }
    }
}
