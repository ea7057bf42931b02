package org.caseguard.core.detect;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * TAG-4 explicit marks: configured Subject tokens ({@code *} = any text, whitespace = any whitespace, letters in any
 * case, full-width forms accepted) and a mark header whose value is anything but empty or "none".
 */
public final class ExplicitMarks {

    static final String NAME = "explicit-mark";

    private final Pattern tokens;
    private final String header;

    public ExplicitMarks(ClassifierConfig config) {
        this.tokens = compile(config.markTokens());
        this.header = config.markHeader();
    }

    /** Removes every configured mark token from {@code subject} (TAG-4 "stripped before delivery"). */
    public static String stripExplicitMarks(String subject, ClassifierConfig config) {
        return new ExplicitMarks(config).strip(subject);
    }

    private static Pattern compile(List<String> markTokens) {
        StringBuilder regex = new StringBuilder();
        for (String token : markTokens) {
            if (regex.length() > 0) {
                regex.append('|');
            }
            regex.append("(?:");
            String[] literals = token.trim().split("\\*", -1);
            for (int i = 0; i < literals.length; i++) {
                if (i > 0) {
                    regex.append(".*?");
                }
                appendLiteral(regex, literals[i]);
            }
            regex.append(')');
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Whitespace matches any whitespace run; brackets may have whitespace inside ("[ case 1 ]"). */
    private static void appendLiteral(StringBuilder regex, String literal) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (Character.isWhitespace(c)) {
                while (i + 1 < literal.length() && Character.isWhitespace(literal.charAt(i + 1))) {
                    i++;
                }
                regex.append("\\s+");
            } else if (c == '[' || c == '(' || c == '{') {
                regex.append('\\').append(c).append("\\s*");
            } else if (c == ']' || c == ')' || c == '}') {
                regex.append("\\s*\\").append(c);
            } else if (Character.isLetterOrDigit(c)) {
                regex.append(c);
            } else {
                regex.append('\\').append(c);
            }
        }
    }

    String headerName() {
        return header;
    }

    int countInSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            return 0;
        }
        return (int) tokens.matcher(Normalizer.normalize(subject, Normalizer.Form.NFKC)).results().count();
    }

    static boolean isMarkingHeaderValue(String value) {
        String trimmed = value == null ? "" : value.trim();
        return !trimmed.isEmpty() && !trimmed.toLowerCase(Locale.ROOT).equals("none");
    }

    public String strip(String subject) {
        if (subject == null) {
            return null;
        }
        String stripped = tokens.matcher(subject).replaceAll(" ");
        String compatible = Normalizer.normalize(stripped, Normalizer.Form.NFKC);
        if (tokens.matcher(compatible).find()) {
            stripped = tokens.matcher(compatible).replaceAll(" ");
        }
        return stripped.replaceAll("\\s{2,}", " ").trim();
    }
}
