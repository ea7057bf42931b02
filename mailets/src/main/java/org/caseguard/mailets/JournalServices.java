package org.caseguard.mailets;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.caseguard.core.registry.CaseRecord;
import org.caseguard.core.registry.Client;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.journal.TreeHeadSigner;
import org.caseguard.journal.retention.CaseDirectory;
import org.caseguard.journal.retention.CaseLifecycle;
import org.caseguard.journal.retention.Disposals;
import org.caseguard.journal.retention.RetentionSchedule;
import org.caseguard.journal.store.BlobSweeper;
import org.caseguard.journal.store.CaseExport;
import org.caseguard.journal.store.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything around the journal that the server runs once (see {@link SharedJournal}): the tree head signer, signed
 * tree heads at intervals ({@code journal.treeHead.interval}, default PT1M), case lifecycle and holds, disposal runs
 * (scheduled with {@code retention.disposal.every}) and exports. Client birth dates for age clocks come from the
 * registry.
 */
public final class JournalServices {
    private static final Logger LOGGER = LoggerFactory.getLogger(JournalServices.class);
    private static final Map<Journal, JournalServices> SERVICES = new ConcurrentHashMap<>();
    static final String TREE_HEAD_INTERVAL = "journal.treeHead.interval";
    /** The first sweep soon after start (a crash's leftovers), then hourly: each goes through what was destroyed since. */
    private static final Duration FIRST_SWEEP = Duration.ofMinutes(1);
    private static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final Journal journal;
    private final TreeHeadSigner signer;
    private final CaseLifecycle lifecycle;
    private final Disposals disposals;
    private final CaseExport export;

    private JournalServices(Journal journal, TreeHeadSigner signer, RetentionSchedule schedule, RegistryStore registry, Duration treeHeadInterval) {
        this.journal = journal;
        this.signer = signer;
        this.lifecycle = new CaseLifecycle(journal.leafStore().dataSource(), Clock.systemUTC());
        this.disposals = new Disposals(journal, schedule, lifecycle, directory(registry), signer, Clock.systemUTC(), 10_000);
        this.export = new CaseExport(journal, signer);
        resumeInterruptedDisposals();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "caseguard-journal-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::publishTreeHead, treeHeadInterval.toMillis(), treeHeadInterval.toMillis(), TimeUnit.MILLISECONDS);
        schedule.every().ifPresent(every -> scheduler.scheduleWithFixedDelay(this::scheduledDisposal, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS));
        scheduler.scheduleWithFixedDelay(this::sweepDestroyedContent, FIRST_SWEEP.toSeconds(), SWEEP_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** Blobs a destroyed scope left behind (a crash, a store failure, an Object Lock retention): see BlobSweeper. */
    private void sweepDestroyedContent() {
        try {
            BlobSweeper.Sweep sweep = journal.sweepDestroyedContent();
            if (sweep.checked() > 0) {
                LOGGER.info("caseguard journal: destroyed content swept rule=JRN-6 scopes={} emptied={} left={}", sweep.checked(), sweep.emptied(),
                    sweep.left());
            }
        } catch (RuntimeException e) {
            LOGGER.warn("caseguard journal: the sweep of destroyed content failed rule=JRN-6 ({}); the next one retries", e.getClass().getSimpleName());
        }
    }

    private void resumeInterruptedDisposals() {
        try {
            List<Disposals.Run> resumed = disposals.resumeInterrupted();
            if (!resumed.isEmpty()) {
                LOGGER.warn("caseguard disposal: {} run(s) interrupted by a stop were finished at start rule=JRN-6", resumed.size());
            }
        } catch (RuntimeException e) {
            LOGGER.error("caseguard disposal: an interrupted run could not be finished at start; the next run retries rule=JRN-6 ({})",
                e.getClass().getSimpleName());
        }
    }

    static JournalServices open(Properties properties, Path workingDirectory, RegistryStore registry) {
        return SERVICES.computeIfAbsent(SharedJournal.open(properties, workingDirectory), journal -> {
            TreeHeadSigner signer = TreeHeadSigner.openOrGenerate(properties, workingDirectory, Clock.systemUTC());
            return new JournalServices(journal, signer, RetentionSchedule.fromProperties(properties), registry, treeHeadInterval(properties));
        });
    }

    private static Duration treeHeadInterval(Properties properties) {
        String text = properties.getProperty(TREE_HEAD_INTERVAL, "PT1M").trim();
        try {
            Duration interval = Duration.parse(text);
            if (interval.compareTo(Duration.ofSeconds(1)) >= 0 && interval.compareTo(Duration.ofDays(1)) <= 0) {
                return interval;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("caseguard.properties: '" + TREE_HEAD_INTERVAL + "' must be an ISO-8601 duration from PT1S to P1D, got '" + text + "'");
    }

    private static CaseDirectory directory(RegistryStore registry) {
        return caseId -> registry.findCase(caseId).map(CaseRecord::clientIds).orElse(List.of()).stream()
            .map(clientId -> registry.findClient(clientId).flatMap(Client::dateOfBirth))
            .toList();
    }

    private void publishTreeHead() {
        try {
            signer.publish(journal.log());
        } catch (RuntimeException e) {
            LOGGER.warn("caseguard journal: tree head not signed this time rule=JRN-4 ({})", e.getClass().getSimpleName());
        }
    }

    private void scheduledDisposal() {
        try {
            Optional<Disposals.Run> run = disposals.runScheduled();
            run.ifPresent(value -> LOGGER.info("caseguard scheduled disposal rule=JRN-6 run={} status={}", value.runId(), value.status()));
        } catch (RuntimeException e) {
            LOGGER.warn("caseguard scheduled disposal failed rule=JRN-6 ({}); nothing is disposed until the next run", e.getClass().getSimpleName());
        }
    }

    public Journal journal() {
        return journal;
    }

    public TreeHeadSigner signer() {
        return signer;
    }

    public CaseLifecycle lifecycle() {
        return lifecycle;
    }

    public Disposals disposals() {
        return disposals;
    }

    public CaseExport export() {
        return export;
    }
}
