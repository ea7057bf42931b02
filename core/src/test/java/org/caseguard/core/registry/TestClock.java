package org.caseguard.core.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand, so history instants are known exactly. */
final class TestClock extends Clock {
    private final AtomicReference<Instant> now;
    private volatile Duration tick = Duration.ZERO;

    TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    Instant advance(Duration duration) {
        return now.updateAndGet(instant -> instant.plus(duration));
    }

    /** From now on every reading moves the clock on by {@code tick}: each write gets its own instant. */
    void ticking(Duration tick) {
        this.tick = tick;
    }

    void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        Duration step = tick;
        return step.isZero() ? now.get() : now.getAndUpdate(instant -> instant.plus(step));
    }
}
