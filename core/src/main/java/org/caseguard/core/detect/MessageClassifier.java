package org.caseguard.core.detect;

import javax.mail.internet.MimeMessage;

/**
 * TAG-1: classifies a message in one parse and one detection pass. Thread-safe; picks up registry changes
 * without a restart. Throws {@link UnclassifiableMessageException} when the message cannot be read well enough
 * to be sure of its content: the caller must then keep the message away from outside recipients.
 */
public interface MessageClassifier {
    Classification classify(MimeMessage message) throws UnclassifiableMessageException;
}
