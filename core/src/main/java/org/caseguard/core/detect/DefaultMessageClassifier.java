package org.caseguard.core.detect;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import javax.mail.internet.MimeMessage;

import org.caseguard.core.consent.ContentLabeler;
import org.caseguard.core.registry.RegistrySnapshot;
import org.caseguard.core.registry.RegistryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TAG-1 classifier: one MIME walk ({@link MessageTextExtractor}), one normalisation per text segment, one scan of its
 * groups against the {@link RegistryIndex} plus the SSN pass, and the configured case-number formats.
 *
 * <p>The registry index is rebuilt when {@code version} reports a value other than the index's version. One thread
 * rebuilds while the others keep classifying with the previous index; only the very first classification waits.
 * Logs carry detector names and counts only, never content (OPS-1).
 */
public final class DefaultMessageClassifier implements MessageClassifier {

    static final String REGISTRY_CASE_NUMBER = "registry-case-number";
    static final String CLIENT_IDENTIFIER = "client-identifier";
    static final String CLIENT_NAME = "client-name";
    static final double SURNAME_WITH_BIRTH_DATE_CONFIDENCE = 0.9;

    private static final Logger LOGGER = LoggerFactory.getLogger(DefaultMessageClassifier.class);

    private final ClassifierConfig config;
    private final Supplier<RegistrySnapshot> snapshots;
    private final LongSupplier version;
    private final MessageTextExtractor extractor;
    private final CaseNumberFormats caseNumberFormats;
    private final ExplicitMarks explicitMarks;
    private final AtomicReference<RegistryIndex> index = new AtomicReference<>();
    private final ReentrantLock rebuildLock = new ReentrantLock();
    private final Optional<ContentLabeler> contentLabeler;

    public DefaultMessageClassifier(ClassifierConfig config, Supplier<RegistrySnapshot> snapshots, LongSupplier version) {
        this(config, snapshots, version, Optional.empty());
    }

    /** With a content labeler (consent profile): it gets the same normalised text, no second extraction. */
    public DefaultMessageClassifier(ClassifierConfig config, Supplier<RegistrySnapshot> snapshots, LongSupplier version,
                                    Optional<ContentLabeler> contentLabeler) {
        this.contentLabeler = Objects.requireNonNull(contentLabeler, "contentLabeler");
        this.config = Objects.requireNonNull(config, "config");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.version = Objects.requireNonNull(version, "version");
        this.extractor = new MessageTextExtractor(config);
        this.caseNumberFormats = new CaseNumberFormats(config.caseNumberFormats());
        this.explicitMarks = new ExplicitMarks(config);
    }

    /** Reads the registry from {@code store}, rebuilding the index whenever {@link RegistryStore#version()} changes. */
    public static DefaultMessageClassifier forStore(ClassifierConfig config, RegistryStore store) {
        return new DefaultMessageClassifier(config, store::snapshot, store::version);
    }

    public static DefaultMessageClassifier forStore(ClassifierConfig config, RegistryStore store, Optional<ContentLabeler> labeler) {
        return new DefaultMessageClassifier(config, store::snapshot, store::version, labeler);
    }

    /** A classifier over one fixed snapshot (tests, tools). */
    public static DefaultMessageClassifier forSnapshot(ClassifierConfig config, RegistrySnapshot snapshot) {
        return new DefaultMessageClassifier(config, () -> snapshot, snapshot::version);
    }

    public ClassifierConfig config() {
        return config;
    }

    /** TAG-4: the Subject without the configured mark tokens. */
    public String stripExplicitMarks(String subject) {
        return explicitMarks.strip(subject);
    }

    @Override
    public Classification classify(MimeMessage message) throws UnclassifiableMessageException {
        return classify(message, contentLabeler.isPresent());
    }

    /**
     * With {@code labelContent} false the content labeler (if any) does not run: it costs about as much as the
     * detection, and only mail to or from clients needs its labels.
     */
    public Classification classify(MimeMessage message, boolean labelContent) throws UnclassifiableMessageException {
        return classify(extractor.extract(message), labelContent);
    }

    /** The one MIME walk: Subject, text parts, quoted and attached messages, attachment text (for search terms as well). */
    public ExtractedText extract(MimeMessage message) throws UnclassifiableMessageException {
        return extractor.extract(message);
    }

    /** Classifies already extracted text; {@link #classify(MimeMessage)} is this after one MIME walk. */
    public Classification classify(ExtractedText text) {
        return classify(text, contentLabeler.isPresent());
    }

    public Classification classify(ExtractedText text, boolean labelContent) {
        boolean labelling = labelContent && contentLabeler.isPresent();
        RegistryIndex registry = currentIndex();
        Findings findings = new Findings(registry, labelling);
        findings.scan(text.subject(), true);
        for (String segment : text.segments()) {
            findings.scan(segment, false);
        }
        int marks = explicitMarks.countInSubject(text.subject());
        for (String value : text.markHeaderValues()) {
            if (ExplicitMarks.isMarkingHeaderValue(value)) {
                marks++;
            }
        }
        Classification classification = findings.toClassification(marks);
        if (labelling) {
            classification = classification.withContentLabels(
                contentLabeler.get().label(findings.normalizedSubject, findings.normalizedSegments));
        }
        if (LOGGER.isDebugEnabled()) {
            LOGGER.debug("classified: sensitivity={} detectors={}", classification.sensitivity().wire(),
                classification.detectors().stream().map(hit -> hit.detector() + "=" + hit.count()).toList());
        }
        return classification;
    }

    /** The index for the registry's current version, rebuilding it first if needed (see class comment). */
    RegistryIndex currentIndex() {
        RegistryIndex current = index.get();
        long wanted = version.getAsLong();
        if (current != null && current.version() == wanted) {
            return current;
        }
        if (current == null) {
            rebuildLock.lock();
        } else if (!rebuildLock.tryLock()) {
            return current;
        }
        try {
            RegistryIndex latest = index.get();
            if (latest != null && latest.version() == wanted) {
                return latest;
            }
            long started = System.nanoTime();
            RegistryIndex rebuilt = RegistryIndex.build(snapshots.get());
            index.set(rebuilt);
            LOGGER.info("registry index built: version={} clients={} keys={} millis={}", rebuilt.version(),
                rebuilt.clientCount(), rebuilt.keyCount(), (System.nanoTime() - started) / 1_000_000);
            return rebuilt;
        } finally {
            rebuildLock.unlock();
        }
    }

    /** Everything found in one message; not thread-safe, one per classification. */
    private final class Findings implements RegistryIndex.MatchSink {
        private final RegistryIndex registry;
        private final Set<String> caseNumbers = new HashSet<>();
        private final Set<String> clientIds = new HashSet<>();
        private final Set<String> subjectClientIds = new HashSet<>();
        private final List<int[]> surnameMatches = new ArrayList<>();
        private final List<RegistryIndex.Entry> surnameEntries = new ArrayList<>();
        private int caseNumberHits;
        private int identifierHits;
        private int fullNameHits;
        private int surnameWithBirthDateHits;
        private int ssnHits;
        private double ssnConfidence;
        private int formatHits;
        private boolean inSubject;
        private String normalizedSubject = "";
        private final List<String> normalizedSegments = new ArrayList<>();

        private final boolean keepSegments;

        Findings(RegistryIndex registry, boolean keepSegments) {
            this.registry = registry;
            this.keepSegments = keepSegments;
        }

        void scan(String segment, boolean subject) {
            if (segment == null || segment.isEmpty()) {
                return;
            }
            String normalized = TextNormalizer.normalize(segment);
            if (subject) {
                normalizedSubject = normalized;
            } else if (keepSegments) {
                normalizedSegments.add(normalized);
            }
            scanNormalized(normalized, subject);
            String collapsed = SpacedLetters.collapse(normalized);
            if (collapsed != null) {
                scanNormalized(collapsed, subject);
            }
            String displayed = BidiText.displayOrder(segment);
            if (displayed != null) {
                scanNormalized(TextNormalizer.normalize(displayed), subject);
            }
        }

        private void scanNormalized(String normalized, boolean subject) {
            String view = DetectionView.of(normalized);
            TokenGroups groups = TokenGroups.of(view);
            inSubject = subject;
            surnameMatches.clear();
            surnameEntries.clear();
            registry.scan(groups, this);
            matchBirthDatesNearSurnames(groups);
            SsnDetector.Result ssn = SsnDetector.detect(groups, config.ssnMinConfidence());
            ssnHits += ssn.count();
            ssnConfidence = Math.max(ssnConfidence, ssn.confidence());
            formatHits += caseNumberFormats.count(normalized);
            if (view != normalized) {
                formatHits += caseNumberFormats.count(view); // configured formats also see look-alikes read as digits
            }
        }

        @Override
        public void accept(RegistryIndex.Entry entry, int firstGroup, int lastGroup) {
            if (!entry.caseNumbers.isEmpty()) {
                caseNumberHits++;
                caseNumbers.addAll(entry.caseNumbers);
            }
            if (!entry.identifierClientIds.isEmpty()) {
                identifierHits++;
                clientIds.addAll(entry.identifierClientIds);
            }
            if (!entry.nameClientIds.isEmpty()) {
                fullNameHits++;
                clientIds.addAll(entry.nameClientIds);
                if (inSubject) {
                    subjectClientIds.addAll(entry.nameClientIds);
                }
            }
            if (!entry.partialNameClientsByBirthDate.isEmpty()) {
                surnameMatches.add(new int[] {firstGroup, lastGroup});
                surnameEntries.add(entry);
            }
        }

        /**
         * Partial names (surname, given name, initials) count with the client's date of birth within
         * {@code dobProximity} characters. The dates of the text are found once, in one pass, and only when it has a
         * partial name: common words can be initials, so a search around each of them would cost a pass each.
         */
        private void matchBirthDatesNearSurnames(TokenGroups groups) {
            if (surnameMatches.isEmpty()) {
                return;
            }
            List<int[]> dates = new ArrayList<>();
            List<BirthDates.Found> found = new ArrayList<>();
            for (int k = 0; k < groups.size(); k++) {
                BirthDates.Found date = BirthDates.dateAt(groups, k);
                if (date != null) {
                    dates.add(new int[] {groups.start(k), groups.end(date.lastGroup())});
                    found.add(date);
                }
            }
            if (dates.isEmpty()) {
                return;
            }
            int window = config.dobProximity();
            for (int m = 0; m < surnameMatches.size(); m++) {
                int from = groups.start(surnameMatches.get(m)[0]);
                int to = groups.end(surnameMatches.get(m)[1]);
                Map<LocalDate, List<String>> byDate = surnameEntries.get(m).partialNameClientsByBirthDate;
                for (int d = firstDateEndingAfter(dates, from - window); d < dates.size(); d++) {
                    int dateStart = dates.get(d)[0];
                    int dateEnd = dates.get(d)[1];
                    if (dateStart > to + window) {
                        break;
                    }
                    int distance = dateStart >= to ? dateStart - to : dateEnd <= from ? from - dateEnd : 0;
                    if (distance > window) {
                        continue;
                    }
                    for (LocalDate date : found.get(d).dates()) {
                        List<String> ids = byDate.get(date);
                        if (ids != null) {
                            surnameWithBirthDateHits++;
                            clientIds.addAll(ids);
                        }
                    }
                }
            }
        }

        /** Dates are in text order and do not nest, so their ends are ordered too: a binary search finds the first. */
        private int firstDateEndingAfter(List<int[]> dates, int position) {
            int low = 0;
            int high = dates.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (dates.get(middle)[1] < position) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        Classification toClassification(int explicitMarkHits) {
            Set<String> allCases = new HashSet<>(caseNumbers);
            for (String clientId : clientIds) {
                allCases.addAll(registry.caseNumbersOfClient(clientId));
            }
            List<DetectorHit> hits = new ArrayList<>();
            addHit(hits, REGISTRY_CASE_NUMBER, caseNumberHits, 1.0);
            addHit(hits, CLIENT_IDENTIFIER, identifierHits, 1.0);
            addHit(hits, CLIENT_NAME, fullNameHits + surnameWithBirthDateHits,
                fullNameHits > 0 ? 1.0 : SURNAME_WITH_BIRTH_DATE_CONFIDENCE);
            addHit(hits, SsnDetector.NAME, ssnHits, ssnConfidence);
            addHit(hits, CaseNumberFormats.NAME, formatHits, CaseNumberFormats.CONFIDENCE);
            addHit(hits, ExplicitMarks.NAME, explicitMarkHits, 1.0);
            boolean restricted = ssnHits > 0 || allCases.stream().anyMatch(registry::isRestricted);
            Sensitivity sensitivity = restricted ? Sensitivity.RESTRICTED
                : hits.isEmpty() ? Sensitivity.NONE : Sensitivity.CASE;
            return new Classification(sensitivity, allCases, clientIds, subjectClientIds, explicitMarkHits > 0, hits);
        }

        private void addHit(List<DetectorHit> hits, String detector, int count, double confidence) {
            if (count > 0) {
                hits.add(new DetectorHit(detector, count, confidence));
            }
        }
    }
}
