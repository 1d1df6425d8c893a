package dev.eventloom.examples.orders;

/** Stock set aside for an order ({@code stock.reserved}). */
public record Reservation(String orderId, String customer, String sku, int quantity, long unitPriceCents) {
}
