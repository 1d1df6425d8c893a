package dev.eventloom.examples.orders;

/** What the customer pays ({@code order.invoiced}). */
public record Invoice(String orderId, String customer, long totalCents) {
}
