package org.caseguard.matchers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.caseguard.core.autoreply.ClientMailFlags;
import org.caseguard.core.consent.ContentLabels;
import org.caseguard.core.detect.Classification;
import org.caseguard.core.policy.RecipientVerdict;
import org.caseguard.core.rules.RuleId;

/**
 * The mail attributes through which caseguard stages talk to each other. All values are strings, numbers,
 * booleans, lists and maps, so they survive the distributed James's JSON serialisation between processors.
 */
public final class CaseguardAttributes {
    public static final AttributeName CLASSIFICATION = AttributeName.of("caseguard.classification");
    public static final AttributeName VERDICTS = AttributeName.of("caseguard.verdicts");
    public static final AttributeName ADVISORIES = AttributeName.of("caseguard.advisories");
    public static final AttributeName MESSAGE_KEY = AttributeName.of("caseguard.messageKey");
    /** The journal's key for this message (JRN-1), set once it is journaled; copies made of it keep it. */
    public static final AttributeName JOURNAL_KEY = AttributeName.of("caseguard.journalKey");
    public static final AttributeName UNCLASSIFIABLE = AttributeName.of("caseguard.unclassifiable");
    /** JRN-3: the message's normalised words, from classification's one MIME walk, until the journal has indexed them. */
    public static final AttributeName SEARCH_WORDS = AttributeName.of("caseguard.searchWords");
    /** {@link ContentLabels#toAttributeMap()}: what the content labeler found (CN-6 crisis, CN-7..CN-10). */
    public static final AttributeName CONTENT_LABELS = AttributeName.of("caseguard.contentLabels");
    /** {@link ClientMailFlags#toAttributeMap()}: set on inbound client mail for the delivery stage. */
    public static final AttributeName CLIENT_MAIL = AttributeName.of("caseguard.clientMail");
    /** The rule ID (CN-6, CN-10, OPS-2) under which this server generated the mail as an automatic reply. */
    public static final AttributeName AUTO_REPLY = AttributeName.of("caseguard.autoReply");
    /** Recipient addresses the mail may reach only encrypted (ENC-1); refused if it cannot be (ENC-2). */
    public static final AttributeName ENCRYPTION_REQUIRED = AttributeName.of("caseguard.encryptionRequired");
    public static final AttributeName VERDICT_DETAILS = AttributeName.of("caseguard.verdictDetails");

    private CaseguardAttributes() {
    }

    public static void setClassification(Mail mail, Classification classification) {
        mail.setAttribute(new Attribute(CLASSIFICATION, wrap(classification.toAttributeMap())));
    }

    @SuppressWarnings("unchecked")
    public static Optional<Classification> classification(Mail mail) {
        return mail.getAttribute(CLASSIFICATION)
            .map(attribute -> (Map<String, Object>) unwrap(attribute.getValue()))
            .map(Classification::fromAttributeMap);
    }

    public static void setVerdicts(Mail mail, Map<String, String> verdictsByRecipient) {
        Map<String, AttributeValue<?>> values = new LinkedHashMap<>();
        verdictsByRecipient.forEach((recipient, verdict) -> values.put(recipient, AttributeValue.of(verdict)));
        mail.setAttribute(new Attribute(VERDICTS, AttributeValue.of(values)));
    }

    /** The recorded verdict per recipient address (as written at decision time). */
    @SuppressWarnings("unchecked")
    public static Map<String, RecipientVerdict> verdicts(Mail mail) {
        Map<String, RecipientVerdict> verdicts = new LinkedHashMap<>();
        mail.getAttribute(VERDICTS)
            .map(attribute -> (Map<String, Object>) unwrap(attribute.getValue()))
            .ifPresent(map -> map.forEach((recipient, wire) -> verdicts.put(recipient, RecipientVerdict.parse(recipient, (String) wire))));
        return verdicts;
    }

    public static void setAdvisories(Mail mail, Collection<String> ruleIds) {
        mail.setAttribute(new Attribute(ADVISORIES, wrap(List.copyOf(ruleIds))));
    }

    @SuppressWarnings("unchecked")
    public static List<String> advisories(Mail mail) {
        return mail.getAttribute(ADVISORIES)
            .map(attribute -> (List<String>) unwrap(attribute.getValue()))
            .orElse(List.of());
    }

    public static Optional<String> journalKey(Mail mail) {
        return mail.getAttribute(JOURNAL_KEY).map(attribute -> String.valueOf(attribute.getValue().value()));
    }

    /** Marks the mail journaled; the journal key also becomes the opaque key of logs and notices. */
    public static void setJournalKey(Mail mail, String key) {
        mail.setAttribute(new Attribute(JOURNAL_KEY, AttributeValue.of(key)));
        setMessageKey(mail, key);
    }

    public static void setMessageKey(Mail mail, String key) {
        mail.setAttribute(new Attribute(MESSAGE_KEY, AttributeValue.of(key)));
    }

    /** An opaque key for logs and notices, stable across recipient splits; the mail name when none was set. */
    public static String messageKey(Mail mail) {
        return mail.getAttribute(MESSAGE_KEY)
            .map(attribute -> String.valueOf(attribute.getValue().value()))
            .orElse(mail.getName());
    }

    public static void setSearchWords(Mail mail, java.util.Collection<String> words) {
        mail.setAttribute(new Attribute(SEARCH_WORDS, wrap(List.copyOf(words))));
    }

    @SuppressWarnings("unchecked")
    public static List<String> searchWords(Mail mail) {
        return mail.getAttribute(SEARCH_WORDS).map(attribute -> (List<String>) unwrap(attribute.getValue())).orElse(List.of());
    }

    /** Once the journal has indexed them: the words go no further than the journal. */
    public static void clearSearchWords(Mail mail) {
        mail.removeAttribute(SEARCH_WORDS);
    }

    public static void setContentLabels(Mail mail, ContentLabels labels) {
        mail.setAttribute(new Attribute(CONTENT_LABELS, wrap(labels.toAttributeMap())));
    }

    /** Empty when no labeler has run on this mail (not the same as "labeled, nothing found"). */
    @SuppressWarnings("unchecked")
    public static Optional<ContentLabels> contentLabels(Mail mail) {
        return mail.getAttribute(CONTENT_LABELS)
            .map(attribute -> (Map<String, Object>) unwrap(attribute.getValue()))
            .map(ContentLabels::fromAttributeMap);
    }

    public static void setClientMail(Mail mail, ClientMailFlags flags) {
        mail.setAttribute(new Attribute(CLIENT_MAIL, wrap(flags.toAttributeMap())));
    }

    @SuppressWarnings("unchecked")
    public static Optional<ClientMailFlags> clientMail(Mail mail) {
        return mail.getAttribute(CLIENT_MAIL)
            .map(attribute -> (Map<String, Object>) unwrap(attribute.getValue()))
            .map(ClientMailFlags::fromAttributeMap);
    }

    public static void setAutoReply(Mail mail, RuleId rule) {
        mail.setAttribute(autoReply(rule));
    }

    public static Attribute autoReply(RuleId rule) {
        return new Attribute(AUTO_REPLY, AttributeValue.of(rule.id()));
    }

    public static Optional<RuleId> autoReply(Mail mail) {
        return mail.getAttribute(AUTO_REPLY).map(attribute -> String.valueOf(unwrap(attribute.getValue())))
            .flatMap(RuleId::parse);
    }

    public static Attribute encryptionRequired(Collection<String> recipients) {
        return new Attribute(ENCRYPTION_REQUIRED, wrap(List.copyOf(new java.util.TreeSet<>(recipients))));
    }

    /** Recipients that may only receive this mail encrypted (CN-1d, ENC-1); the encryption stage or ENC-2 handles them. */
    public static void setEncryptionRequired(Mail mail, Collection<String> recipients) {
        mail.setAttribute(encryptionRequired(recipients));
    }

    @SuppressWarnings("unchecked")
    public static java.util.Set<String> encryptionRequired(Mail mail) {
        return mail.getAttribute(ENCRYPTION_REQUIRED)
            .map(attribute -> java.util.Set.copyOf((List<String>) unwrap(attribute.getValue())))
            .orElse(java.util.Set.of());
    }

    /** Plain-language explanations per refused recipient (no client detail), shown in the notice. */
    public static void setVerdictDetails(Mail mail, Map<String, List<String>> details) {
        mail.setAttribute(new Attribute(VERDICT_DETAILS, wrap(details)));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, List<String>> verdictDetails(Mail mail) {
        return mail.getAttribute(VERDICT_DETAILS)
            .map(attribute -> (Map<String, List<String>>) unwrap(attribute.getValue()))
            .orElse(Map.of());
    }

    /** {@link #wrap} for other stages' own attributes. */
    public static AttributeValue<?> wrapValue(Object value) {
        return wrap(value);
    }

    /** {@link #unwrap} for other stages' own attributes (and tests reading them). */
    public static Object unwrapValue(Object value) {
        return unwrap(value);
    }

    /** Wraps plain strings, numbers, booleans, lists and maps, at any depth, as James AttributeValues. */
    static AttributeValue<?> wrap(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, AttributeValue<?>> wrapped = new LinkedHashMap<>();
            map.forEach((key, nested) -> wrapped.put(String.valueOf(key), wrap(nested)));
            return AttributeValue.of(wrapped);
        }
        if (value instanceof Collection<?> collection) {
            List<AttributeValue<?>> wrapped = new ArrayList<>();
            collection.forEach(nested -> wrapped.add(wrap(nested)));
            return AttributeValue.of(wrapped);
        }
        return AttributeValue.ofAny(value);
    }

    /** Turns nested AttributeValues back into plain strings, numbers, booleans, lists and maps. */
    static Object unwrap(Object value) {
        if (value instanceof AttributeValue<?> attributeValue) {
            return unwrap(attributeValue.value());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((key, nested) -> plain.put(String.valueOf(key), unwrap(nested)));
            return plain;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> plain = new ArrayList<>();
            collection.forEach(nested -> plain.add(unwrap(nested)));
            return plain;
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(CaseguardAttributes::unwrap).orElse(null);
        }
        return value;
    }
}
