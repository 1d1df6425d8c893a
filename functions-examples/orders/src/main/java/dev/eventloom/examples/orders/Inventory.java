package dev.eventloom.examples.orders;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Stock and prices, in memory to keep the example self-contained. */
@ApplicationScoped
public class Inventory {

    private final Map<String, Integer> stock = new ConcurrentHashMap<>(Map.of("book", 1_000_000, "pen", 1_000_000,
            "lamp", 3));
    private final Map<String, Long> prices = Map.of("book", 1_500L, "pen", 250L, "lamp", 4_900L);

    /** Takes {@code quantity} of {@code sku}; a bad order is an IllegalArgumentException, never retried into success. */
    public Reservation reserve(Order order) {
        if (order == null || order.orderId() == null || order.sku() == null) {
            throw new IllegalArgumentException("an order needs an orderId and a sku");
        }
        if (order.quantity() <= 0) {
            throw new IllegalArgumentException("order " + order.orderId() + " has quantity " + order.quantity());
        }
        Long price = prices.get(order.sku());
        if (price == null) {
            throw new IllegalArgumentException("order " + order.orderId() + " asks for unknown sku " + order.sku());
        }
        int[] left = new int[1];
        stock.compute(order.sku(), (sku, available) -> {
            left[0] = available - order.quantity();
            return left[0] < 0 ? available : left[0];
        });
        if (left[0] < 0) {
            throw new IllegalStateException("not enough " + order.sku() + " for order " + order.orderId());
        }
        return new Reservation(order.orderId(), order.customer(), order.sku(), order.quantity(), price);
    }
}
