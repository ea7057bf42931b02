package org.caseguard.server;

import javax.jms.ConnectionFactory;

import org.apache.activemq.store.PersistenceAdapter;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.EmbeddedActiveMQ;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorNoop;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;

/**
 * JRN-2 on the embedded server: James's memory flavour keeps its spool and outgoing queues in memory, so a crash
 * would lose mail that SMTP clients had seen accepted, before it was journaled or delivered. This replaces them with
 * James's ActiveMQ queues, persisted under {@code var/store/activemq} (KahaDB, synced to disk on every enqueue): after
 * a crash the restarted server takes up every accepted mail where it was. The journal keys a mail by its name, so a
 * mail taken up again after a crash in the middle of its processing is journaled once.
 */
final class PersistentMailQueueModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(PersistenceAdapter.class).to(KahaDBPersistenceAdapter.class);
        bind(KahaDBPersistenceAdapter.class).in(Scopes.SINGLETON);
        bind(EmbeddedActiveMQ.class).in(Scopes.SINGLETON);
        bind(ActiveMQMailQueueFactory.class).in(Scopes.SINGLETON);
        bind(ActiveMQMetricCollector.class).to(ActiveMQMetricCollectorNoop.class);
    }

    @Provides
    @Singleton
    ConnectionFactory connectionFactory(EmbeddedActiveMQ broker) {
        return broker.getConnectionFactory();
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(ActiveMQMailQueueFactory queues) {
        queues.init();
        return queues;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queues(MailQueueFactory<? extends ManageableMailQueue> queues) {
        return queues;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> typedQueues(MailQueueFactory<? extends ManageableMailQueue> queues) {
        return queues;
    }
}
