package dev.eventloom.core.runtime;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for events the platform creates (replies, events made from plain requests). CloudEvents ids need to be unique
 * per source, not unpredictable, so they are random version-4 UUIDs drawn from {@link ThreadLocalRandom} rather than
 * {@link UUID#randomUUID()}, whose shared {@code SecureRandom} is slower and contended between event loops.
 */
public final class EventIds {

    private EventIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(most, least).toString();
    }
}
