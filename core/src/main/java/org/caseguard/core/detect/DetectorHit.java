package org.caseguard.core.detect;

/**
 * One detector that fired on a message: its name (e.g. {@code registry-case-number}, {@code client-name},
 * {@code us-ssn}, {@code case-number-format}, {@code explicit-mark}), how many matches, and the highest
 * confidence among them (0..1). Only hits at or above the detector's threshold are reported.
 */
public record DetectorHit(String detector, int count, double confidence) {
}
