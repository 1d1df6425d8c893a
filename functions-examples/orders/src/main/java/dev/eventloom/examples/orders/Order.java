package dev.eventloom.examples.orders;

/** An order as its producer publishes it with type {@code order.created}. */
public record Order(String orderId, String customer, String sku, int quantity) {
}
