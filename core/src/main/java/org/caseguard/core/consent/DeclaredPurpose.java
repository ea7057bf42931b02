package org.caseguard.core.consent;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CN-7: the purpose the sender declares for mail to a client, in one of three ways (first found wins):
 * the purpose header ({@code X-Caseguard-Purpose: scheduling}), a template header naming a configured template
 * ({@code X-Caseguard-Template: appt-reminder-v2}, mapped to its purpose in configuration), or a Subject token
 * {@code [purpose: scheduling]}. A declaration that names no known purpose is kept as {@link #unknown} so that the
 * refusal can say so.
 */
public record DeclaredPurpose(Optional<Purpose> purpose, Optional<String> unknown) {
    public static final String PURPOSE_HEADER = "X-Caseguard-Purpose";
    public static final String TEMPLATE_HEADER = "X-Caseguard-Template";
    private static final Pattern SUBJECT_TOKEN = Pattern.compile("\\[\\s*purpose\\s*:\\s*([^\\]]*?)\\s*\\]",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    public static DeclaredPurpose none() {
        return new DeclaredPurpose(Optional.empty(), Optional.empty());
    }

    public boolean isDeclared() {
        return purpose.isPresent() || unknown.isPresent();
    }

    public static DeclaredPurpose from(Optional<String> subject, List<String> purposeHeaders, List<String> templateHeaders,
                                       Map<String, Purpose> templates) {
        for (String value : purposeHeaders) {
            if (!value.isBlank()) {
                return parse(value);
            }
        }
        for (String value : templateHeaders) {
            if (!value.isBlank()) {
                Purpose purpose = templates.get(value.trim());
                return purpose != null ? new DeclaredPurpose(Optional.of(purpose), Optional.empty())
                    : new DeclaredPurpose(Optional.empty(), Optional.of("template " + value.trim()));
            }
        }
        if (subject.isPresent()) {
            Matcher matcher = SUBJECT_TOKEN.matcher(Normalizer.normalize(subject.get(), Normalizer.Form.NFKC));
            if (matcher.find()) {
                return parse(matcher.group(1));
            }
        }
        return none();
    }

    private static DeclaredPurpose parse(String value) {
        Optional<Purpose> purpose = Purpose.parse(value.trim().replace(' ', '-'));
        return purpose.isPresent() ? new DeclaredPurpose(purpose, Optional.empty())
            : new DeclaredPurpose(Optional.empty(), Optional.of(value.trim()));
    }

    /** The Subject without the purpose token, for delivery: the client does not need to see it. */
    public static String stripSubjectToken(String subject) {
        if (subject == null) {
            return null;
        }
        String compatible = Normalizer.normalize(subject, Normalizer.Form.NFKC);
        if (!SUBJECT_TOKEN.matcher(compatible).find()) {
            return subject;
        }
        return SUBJECT_TOKEN.matcher(compatible).replaceAll(" ").replaceAll("\\s{2,}", " ").trim();
    }
}
