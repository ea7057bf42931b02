package org.caseguard.core.detect;

import java.util.List;

/**
 * All readable text of one message, before normalisation. {@code subject} is the top-level Subject (kept apart for
 * TAG-3); {@code segments} are every other text (other free-text headers, bodies, attached messages, attachments),
 * each detected on its own so that a match never spans two parts.
 */
public record ExtractedText(String subject, List<String> segments, List<String> markHeaderValues) {
    public ExtractedText {
        subject = subject == null ? "" : subject;
        segments = List.copyOf(segments);
        markHeaderValues = List.copyOf(markHeaderValues);
    }

    public static ExtractedText of(String subject, String... segments) {
        return new ExtractedText(subject, List.of(segments), List.of());
    }
}
