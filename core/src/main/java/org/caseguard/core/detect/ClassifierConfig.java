package org.caseguard.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Immutable configuration of {@link DefaultMessageClassifier}. Field names are the mailet parameter names
 * ({@link #fromParameters(Map)}); every invalid value is rejected with an {@link IllegalArgumentException} that names
 * the parameter and what is allowed.
 *
 * @param caseNumberFormats  regexes of case-number formats (TAG-1 {@code case-number-format}), matched case-insensitively
 *                           as whole tokens on the normalised text, where separators appear as {@code ' '} or {@code '-'}
 * @param ssnMinConfidence   minimum confidence of a {@code us-ssn} hit to count, 0..1
 * @param dobProximity       max distance in characters between a client's surname and date of birth
 * @param markTokens         TAG-4 subject tokens; {@code *} stands for any text, e.g. {@code [case *]}
 * @param markHeader         TAG-4 header name; any non-empty value other than {@code none} marks the message; empty = off
 * @param maxDepth           maximum MIME nesting depth (multiparts and attached messages) before failing closed
 * @param maxAttachmentChars maximum characters of text in one body part or attachment (archives and documents with
 *                           everything inside them); a longer one is not read in part: the message is unclassifiable
 */
public record ClassifierConfig(List<String> caseNumberFormats, double ssnMinConfidence, int dobProximity,
                               List<String> markTokens, String markHeader, int maxDepth, int maxAttachmentChars) {

    public static final List<String> DEFAULT_MARK_TOKENS = List.of("[case *]", "[secure]", "[confidential]");
    public static final String DEFAULT_MARK_HEADER = "X-Caseguard-Mark";

    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]+");

    public ClassifierConfig {
        caseNumberFormats = List.copyOf(Objects.requireNonNull(caseNumberFormats, "caseNumberFormats"));
        markTokens = List.copyOf(Objects.requireNonNull(markTokens, "markTokens"));
        markHeader = markHeader == null ? "" : markHeader.trim();
        for (String format : caseNumberFormats) {
            try {
                Pattern.compile(format);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("caseNumberFormats: invalid regex '" + format + "': "
                    + e.getDescription() + " near index " + e.getIndex());
            }
            if (format.isBlank()) {
                throw new IllegalArgumentException("caseNumberFormats: empty regex is not allowed");
            }
            if (Pattern.compile(format).matcher("").matches()) {
                throw new IllegalArgumentException("caseNumberFormats: regex '" + format
                    + "' matches the empty string; it must require at least one character");
            }
        }
        if (!(ssnMinConfidence >= 0.0 && ssnMinConfidence <= 1.0)) {
            throw new IllegalArgumentException("ssnMinConfidence: must be a number from 0 to 1, got " + ssnMinConfidence);
        }
        if (dobProximity < 0 || dobProximity > 10_000) {
            throw new IllegalArgumentException("dobProximity: must be 0..10000 characters, got " + dobProximity);
        }
        for (String token : markTokens) {
            if (token == null || token.isBlank() || token.replace("*", "").isBlank()) {
                throw new IllegalArgumentException("markTokens: each token must contain text other than '*', got '"
                    + token + "'");
            }
        }
        if (!markHeader.isEmpty() && !HEADER_NAME.matcher(markHeader).matches()) {
            throw new IllegalArgumentException("markHeader: must be a header name (printable ASCII, no ':' or space)"
                + " or empty to disable, got '" + markHeader + "'");
        }
        if (maxDepth < 1 || maxDepth > 1000) {
            throw new IllegalArgumentException("maxDepth: must be 1..1000, got " + maxDepth);
        }
        if (maxAttachmentChars < 1) {
            throw new IllegalArgumentException("maxAttachmentChars: must be at least 1, got " + maxAttachmentChars);
        }
    }

    public static ClassifierConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().caseNumberFormats(caseNumberFormats).ssnMinConfidence(ssnMinConfidence)
            .dobProximity(dobProximity).markTokens(markTokens).markHeader(markHeader).maxDepth(maxDepth)
            .maxAttachmentChars(maxAttachmentChars);
    }

    /**
     * Reads the configuration from mailet-style string parameters; absent or blank parameters keep their defaults.
     * {@code caseNumberFormats} and {@code markTokens} are comma separated; a comma inside {@code {}}, {@code []} or
     * {@code ()} or escaped as {@code \,} does not separate.
     */
    public static ClassifierConfig fromParameters(Map<String, String> parameters) {
        Builder builder = builder();
        String value;
        if (present(value = parameters.get("caseNumberFormats"))) {
            builder.caseNumberFormats(splitList(value));
        }
        if (present(value = parameters.get("ssnMinConfidence"))) {
            builder.ssnMinConfidence(parseDouble("ssnMinConfidence", value));
        }
        if (present(value = parameters.get("dobProximity"))) {
            builder.dobProximity(parseInt("dobProximity", value));
        }
        if (present(value = parameters.get("markTokens"))) {
            builder.markTokens(splitList(value));
        }
        if (parameters.containsKey("markHeader")) {
            builder.markHeader(parameters.get("markHeader"));
        }
        if (present(value = parameters.get("maxDepth"))) {
            builder.maxDepth(parseInt("maxDepth", value));
        }
        if (present(value = parameters.get("maxAttachmentChars"))) {
            builder.maxAttachmentChars(parseInt("maxAttachmentChars", value));
        }
        return builder.build();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static double parseDouble(String parameter, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(parameter + ": must be a number, got '" + value + "'");
        }
    }

    private static int parseInt(String parameter, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(parameter + ": must be a whole number, got '" + value + "'");
        }
    }

    static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int nesting = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == ',') {
                current.append(',');
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '{' || c == '[' || c == '(') {
                nesting++;
            } else if ((c == '}' || c == ']' || c == ')') && nesting > 0) {
                nesting--;
            } else if (c == ',' && nesting == 0) {
                addIfNotBlank(items, current);
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        addIfNotBlank(items, current);
        return items;
    }

    private static void addIfNotBlank(List<String> items, StringBuilder current) {
        String item = current.toString().trim();
        if (!item.isEmpty()) {
            items.add(item);
        }
    }

    public static final class Builder {
        private List<String> caseNumberFormats = List.of();
        private double ssnMinConfidence = 0.65;
        private int dobProximity = 100;
        private List<String> markTokens = DEFAULT_MARK_TOKENS;
        private String markHeader = DEFAULT_MARK_HEADER;
        private int maxDepth = 32;
        private int maxAttachmentChars = 32_000_000;

        private Builder() {
        }

        public Builder caseNumberFormats(List<String> value) {
            caseNumberFormats = value;
            return this;
        }

        public Builder ssnMinConfidence(double value) {
            ssnMinConfidence = value;
            return this;
        }

        public Builder dobProximity(int value) {
            dobProximity = value;
            return this;
        }

        public Builder markTokens(List<String> value) {
            markTokens = value;
            return this;
        }

        public Builder markHeader(String value) {
            markHeader = value;
            return this;
        }

        public Builder maxDepth(int value) {
            maxDepth = value;
            return this;
        }

        public Builder maxAttachmentChars(int value) {
            maxAttachmentChars = value;
            return this;
        }

        public ClassifierConfig build() {
            return new ClassifierConfig(caseNumberFormats, ssnMinConfidence, dobProximity, markTokens, markHeader,
                maxDepth, maxAttachmentChars);
        }
    }
}
