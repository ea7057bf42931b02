package org.caseguard.bench;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.events.MailboxEvents;

/**
 * A James mailbox listener (registered through conf/listeners.xml, synchronous) that timestamps every message
 * appended to an INBOX with {@link System#nanoTime()}, keyed by user and UID. The benchmark later reads the UIDs'
 * X-Bench-Id / In-Reply-To headers over IMAP to know which message each timestamp belongs to. Same JVM as the
 * SMTP clients, so "DATA accepted" and "in the mailbox" are read from one monotonic clock.
 * State is static: run one server at a time and {@link #reset()} between them.
 */
public final class DeliveryClock implements EventListener.GroupEventListener {
    public static final class DeliveryClockGroup extends Group {
    }

    private static final Group GROUP = new DeliveryClockGroup();
    private static final Map<String, Long> APPENDED = new ConcurrentHashMap<>();
    private static final AtomicLong COUNT = new AtomicLong();

    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.SYNCHRONOUS;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof MailboxEvents.Added;
    }

    @Override
    public void event(Event event) {
        long now = System.nanoTime();
        if (event instanceof MailboxEvents.Added added && "INBOX".equalsIgnoreCase(added.getMailboxPath().getName())) {
            String user = added.getMailboxPath().getUser().asString().toLowerCase(Locale.ROOT);
            for (MessageUid uid : added.getUids()) {
                APPENDED.putIfAbsent(key(user, uid.asLong()), now);
                COUNT.incrementAndGet();
            }
        }
    }

    static String key(String user, long uid) {
        return user.toLowerCase(Locale.ROOT) + "#" + uid;
    }

    static Long appendedAt(String user, long uid) {
        return APPENDED.get(key(user, uid));
    }

    static long count() {
        return COUNT.get();
    }

    static void reset() {
        APPENDED.clear();
        COUNT.set(0);
    }

    static String listenersXml() {
        return "<?xml version=\"1.0\"?>\n<listeners>\n  <listener>\n    <class>" + DeliveryClock.class.getName()
            + "</class>\n    <async>false</async>\n  </listener>\n</listeners>\n";
    }
}
