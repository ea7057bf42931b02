package org.caseguard.core.consent;

import java.util.List;

/**
 * Labels the content of one message for CN-6..CN-10. Input is text already normalised by
 * {@code TextNormalizer} (the classifier normalises each segment once and hands the same strings here): the
 * Subject apart, every other text segment (bodies, attachments, quoted text) in a list, each matched on its own.
 * Thread-safe and stateless per call.
 */
public interface ContentLabeler {
    ContentLabels label(String normalizedSubject, List<String> normalizedSegments);
}
