package org.caseguard.mailets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.consent.ConsentView;
import org.caseguard.core.consent.ContentLabeler;
import org.caseguard.core.consent.content.RuleBasedContentLabeler;
import org.caseguard.core.detect.Classification;
import org.caseguard.core.detect.ClassifierConfig;
import org.caseguard.core.detect.DefaultMessageClassifier;
import org.caseguard.core.detect.ExtractedText;
import org.caseguard.core.detect.SearchTerms;
import org.caseguard.core.detect.UnclassifiableMessageException;
import org.caseguard.core.domain.InternalDomains;
import org.caseguard.core.registry.RegistryCache;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.matchers.CaseguardAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TAG-1 / TAG-4: classifies each message once (one parse, one detection pass) and records the result as mail
 * attributes for the later stages; gives the mail an opaque key for logs and notices. Mail that cannot be read
 * completely goes to {@code unclassifiableProcessor} (required), where it is held: never delivered outside. When every
 * recipient is internal, it goes on instead, classified restricted ({@link Classification#unreadable()}), since it
 * leaves nobody's hands but the agency's.
 *
 * <p>Parameters: {@code unclassifiableProcessor}, and the classifier's {@code caseNumberFormats}, {@code ssnMinConfidence},
 * {@code dobProximity}, {@code markTokens}, {@code markHeader}, {@code maxDepth}, {@code maxAttachmentChars};
 * {@code searchWords} (JRN-3): how many distinct words of each message go to the journal's full-text index, the first
 * ones, Subject first (default 5000; 0 turns the index off);
 * {@code contentLabels} (consent profile, CN-6..CN-10): {@code none} (default), {@code default} (the rules shipped in
 * the jar), or a rules file ({@code file://conf/...} under James's directory, or an absolute path); the labels are
 * computed in the same pass and recorded as {@code caseguard.contentLabels}, for mail whose envelope sender or a
 * recipient is a client address in the consent registry (only that mail is judged on them; the labeler costs about as
 * much as the detection, so other mail is spared it). A forward to an outside address is re-sent through root by
 * James's RecipientRewriteTable and so classified again for where it goes; should mail still reach a client address
 * without labels, the consent decision refuses it to the client (CN-8, not checked).</p>
 */
public class ClassifyMessage extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClassifyMessage.class);
    /** JRN-3: distinct words handed to the journal's search index per message (the first ones, Subject first). */
    static final int DEFAULT_SEARCH_WORDS = 5000;
    static final int MAX_SEARCH_WORDS = 100_000;
    private static final Set<String> CLASSIFIER_PARAMETERS = Set.of("caseNumberFormats", "ssnMinConfidence", "dobProximity",
        "markTokens", "markHeader", "maxDepth", "maxAttachmentChars");

    private final RegistryStore registry;
    private final MetricFactory metricFactory;
    private final ConfiguredFiles files;
    private DefaultMessageClassifier classifier;
    private boolean labelsContent;
    private final RegistryCache<ConsentView> consentView;
    private final RegistryCache<InternalDomains> internalDomains;
    private String unclassifiableProcessor;
    private int searchWords;

    @Inject
    public ClassifyMessage(RegistryStore registry, MetricFactory metricFactory, FileSystem fileSystem) {
        this(registry, metricFactory, ConfiguredFiles.through(fileSystem));
    }

    ClassifyMessage(RegistryStore registry, MetricFactory metricFactory) {
        this(registry, metricFactory, ConfiguredFiles.asWritten());
    }

    private ClassifyMessage(RegistryStore registry, MetricFactory metricFactory, ConfiguredFiles files) {
        this.registry = registry;
        this.metricFactory = metricFactory;
        this.files = files;
        this.consentView = new RegistryCache<>(registry::version, () -> ConsentView.of(registry.consents().all()));
        this.internalDomains = new RegistryCache<>(registry::version, () -> new InternalDomains(registry.internalDomains()));
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        unclassifiableProcessor = parameters.optional("unclassifiableProcessor")
            .orElseThrow(() -> parameters.invalid("unclassifiableProcessor", "the name of the processor that holds unreadable mail", ""));
        Map<String, String> classifierParameters = new HashMap<>();
        for (String name : parameters.names()) {
            if (CLASSIFIER_PARAMETERS.contains(name)) {
                classifierParameters.put(name, getInitParameter(name));
            } else if (!name.equals("unclassifiableProcessor") && !name.equals("contentLabels") && !name.equals("searchWords")
                && !MailetParameters.isContainerParameter(name)) {
                throw parameters.invalid(name, "one of unclassifiableProcessor, contentLabels, searchWords, " + CLASSIFIER_PARAMETERS, name);
            }
        }
        searchWords = searchWords(parameters);
        Optional<ContentLabeler> labeler = contentLabeler(parameters);
        labelsContent = labeler.isPresent();
        try {
            classifier = DefaultMessageClassifier.forStore(ClassifierConfig.fromParameters(classifierParameters), registry, labeler);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getMailetName() + ": " + e.getMessage());
        }
    }

    private static int searchWords(MailetParameters parameters) throws MessagingException {
        String value = parameters.orDefault("searchWords", String.valueOf(DEFAULT_SEARCH_WORDS));
        String allowed = "a whole number from 0 (no full-text index) to " + MAX_SEARCH_WORDS;
        try {
            int words = Integer.parseInt(value);
            if (words >= 0 && words <= MAX_SEARCH_WORDS) {
                return words;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw parameters.invalid("searchWords", allowed, value);
    }

    private Optional<ContentLabeler> contentLabeler(MailetParameters parameters) throws MessagingException {
        String value = parameters.orDefault("contentLabels", "none");
        if (value.equals("none")) {
            return Optional.empty();
        }
        if (value.equals("default")) {
            return Optional.of(RuleBasedContentLabeler.defaults());
        }
        Path file;
        try {
            file = files.locate(value);
        } catch (IOException | RuntimeException e) {
            throw parameters.invalid("contentLabels", "none, default, or a readable rules file (file://conf/... or an absolute path)", value);
        }
        try {
            return Optional.of(RuleBasedContentLabeler.fromFile(file));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw parameters.invalid("contentLabels", e instanceof IllegalArgumentException illegal ? illegal
                : new IllegalArgumentException("cannot read the rules file " + value));
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String key = CaseguardAttributes.journalKey(mail).orElseGet(() -> UUID.randomUUID().toString());
        CaseguardAttributes.setMessageKey(mail, key);
        try {
            boolean label = labelsContent && isClientMail(mail);
            ExtractedText text = classifier.extract(mail.getMessage());
            Classification classification = classifier.classify(text, label);
            CaseguardAttributes.setClassification(mail, classification);
            if (searchWords > 0) {
                CaseguardAttributes.setSearchWords(mail, SearchTerms.of(text, searchWords));
            }
            if (label) {
                CaseguardAttributes.setContentLabels(mail, classification.contentLabels());
            }
            metricFactory.generate("caseguard.TAG-1." + classification.sensitivity().wire()).increment();
            LOGGER.debug("caseguard classified key={} sensitivity={} detectors={}", key, classification.sensitivity().wire(),
                classification.detectors().stream().map(hit -> hit.detector() + "x" + hit.count()).toList());
        } catch (UnclassifiableMessageException e) {
            if (allRecipientsInternal(mail)) {
                // nothing leaves the agency: delivered as restricted content, never as clean
                CaseguardAttributes.setClassification(mail, Classification.unreadable());
                metricFactory.generate("caseguard.TAG-1.unreadable-internal").increment();
                LOGGER.info("caseguard TAG-1 key={} not read completely; internal recipients only: restricted", key);
                return;
            }
            LOGGER.warn("caseguard TAG-1 key={} unclassifiable: held in {}", key, unclassifiableProcessor);
            mail.setAttribute(new Attribute(CaseguardAttributes.UNCLASSIFIABLE, AttributeValue.of(reasonCode(e))));
            mail.setState(unclassifiableProcessor);
        }
    }

    /** The envelope sender, a recipient, or a From address (AnswerClientMail recognises clients by it too) is a client's. */
    private boolean isClientMail(Mail mail) throws MessagingException {
        ConsentView view = consentView.get();
        if (mail.getMaybeSender().asOptional().filter(sender -> !view.rolesOf(sender.asString()).isEmpty()).isPresent()
            || mail.getRecipients().stream().anyMatch(recipient -> !view.rolesOf(recipient.asString()).isEmpty())) {
            return true;
        }
        javax.mail.Address[] from;
        try {
            from = mail.getMessage().getFrom();
        } catch (javax.mail.internet.AddressException unparsable) {
            return true; // cannot tell: label it
        }
        return from != null && java.util.Arrays.stream(from)
            .anyMatch(address -> address instanceof javax.mail.internet.InternetAddress internet
                && !view.rolesOf(internet.getAddress()).isEmpty());
    }

    /** Every envelope recipient is in an internal domain (TAG-1: unreadable mail is held only when it would leave). */
    private boolean allRecipientsInternal(Mail mail) {
        InternalDomains internal = internalDomains.get();
        return !mail.getRecipients().isEmpty()
            && mail.getRecipients().stream().allMatch(recipient -> internal.isInternalAddress(recipient.asString()));
    }

    /** The exception's class only: its message might quote the content it choked on. */
    private static String reasonCode(UnclassifiableMessageException e) {
        return e.getCause() == null ? "unreadable" : e.getCause().getClass().getSimpleName();
    }

    @Override
    public String getMailetInfo() {
        return "caseguard classification (TAG-1, TAG-4)";
    }
}
