package org.caseguard.mailets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.caseguard.core.autoreply.AgencyContact;
import org.caseguard.core.autoreply.AutoReplyComposer;
import org.caseguard.core.autoreply.AutoReplyKind;
import org.caseguard.core.autoreply.AutoReplyTexts;
import org.caseguard.core.autoreply.OfficeHours;
import org.caseguard.core.autoreply.ReplyAttachment;

/**
 * The parameters of {@link AnswerClientMail}, read and checked once: which replies are on, what they say, the office
 * hours, the reply period and the CN-10 forms (read into memory here, so a missing or unreadable file stops the
 * server at start rather than a client's request later).
 */
record AutoReplySettings(Set<AutoReplyKind> enabled, AutoReplyComposer composer, OfficeHours officeHours,
                         Duration replyPeriod, Optional<MailAddress> noticeSender) {
    private static final Set<String> OWN_PARAMETERS = Set.of("crisisReply", "privacyRequestReply", "noConsentReply",
        "outOfHoursReply", "acknowledge", "agencyName", "telephone", "postalAddress", "crisisLine", "officeHours",
        "officeHoursText", "holidays", "zone", "replyPeriod", "forms", "noticeSender");
    static final String TEXT_PREFIX = "text.";

    static AutoReplySettings parse(MailetParameters parameters) throws MessagingException {
        return parse(parameters, ConfiguredFiles.asWritten());
    }

    static AutoReplySettings parse(MailetParameters parameters, ConfiguredFiles locator) throws MessagingException {
        AutoReplyTexts defaults = AutoReplyTexts.defaults();
        Map<String, String> overrides = new HashMap<>();
        for (String name : parameters.names()) {
            if (name.startsWith(TEXT_PREFIX) && defaults.has(name.substring(TEXT_PREFIX.length()))) {
                overrides.put(name.substring(TEXT_PREFIX.length()), parameters.optional(name).orElse(""));
            } else if (!OWN_PARAMETERS.contains(name) && !MailetParameters.isContainerParameter(name)) {
                throw parameters.invalid(name, "a known parameter (" + new TreeSet<>(OWN_PARAMETERS) + " or text.<key> with key one of "
                    + defaults.keys() + ")", name);
            }
        }
        AutoReplyTexts texts;
        try {
            texts = defaults.withOverrides(overrides);
        } catch (IllegalArgumentException e) {
            throw parameters.invalid(TEXT_PREFIX + "*", e);
        }

        Set<AutoReplyKind> enabled = EnumSet.noneOf(AutoReplyKind.class);
        enableIf(parameters.bool("crisisReply", true), AutoReplyKind.CRISIS, enabled);
        enableIf(parameters.bool("privacyRequestReply", true), AutoReplyKind.PRIVACY_REQUEST, enabled);
        enableIf(parameters.bool("noConsentReply", true), AutoReplyKind.NO_CONSENT, enabled);
        enableIf(parameters.bool("outOfHoursReply", false), AutoReplyKind.OUT_OF_HOURS, enabled);
        enableIf(parameters.bool("acknowledge", false), AutoReplyKind.ACKNOWLEDGEMENT, enabled);

        ZoneId zone;
        String zoneValue = parameters.orDefault("zone", ZoneId.systemDefault().getId());
        try {
            zone = ZoneId.of(zoneValue);
        } catch (RuntimeException e) {
            throw parameters.invalid("zone", "a time zone id such as America/Los_Angeles", zoneValue);
        }
        OfficeHours hours;
        try {
            hours = OfficeHours.parse("officeHours", parameters.orDefault("officeHours", "Mon-Fri 08:00-17:00"),
                "holidays", parameters.orDefault("holidays", ""), zone);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(parameters.mailetName() + ": " + e.getMessage());
        }
        Duration period = period(parameters);
        List<ReplyAttachment> forms = forms(parameters, enabled.contains(AutoReplyKind.PRIVACY_REQUEST), locator);

        AgencyContact contact = new AgencyContact(parameters.orDefault("agencyName", "the agency"),
            required(parameters, "telephone", "the agency's telephone number, e.g. (213) 555-0100", !enabled.isEmpty()),
            required(parameters, "postalAddress", "the agency's postal address for letters and returned forms", !enabled.isEmpty()),
            required(parameters, "crisisLine", "the crisis line, e.g. '988 (call or text, 24 hours)'", !enabled.isEmpty()),
            parameters.orDefault("officeHoursText", hours.describe()));

        Optional<MailAddress> noticeSender = NoticeSender.parse(parameters);
        return new AutoReplySettings(Set.copyOf(enabled), new AutoReplyComposer(texts, contact, forms), hours, period, noticeSender);
    }

    private static void enableIf(boolean on, AutoReplyKind kind, Set<AutoReplyKind> enabled) {
        if (on) {
            enabled.add(kind);
        }
    }

    private static String required(MailetParameters parameters, String name, String what, boolean needed) throws MessagingException {
        Optional<String> value = parameters.optional(name);
        if (value.isEmpty() && needed) {
            throw parameters.invalid(name, what + " (required while any automatic reply is on)", "");
        }
        return value.orElse("");
    }

    private static Duration period(MailetParameters parameters) throws MessagingException {
        String value = parameters.orDefault("replyPeriod", "P1D");
        try {
            Duration period = Duration.parse(value.toUpperCase(Locale.ROOT));
            if (!period.isNegative() && !period.isZero()) {
                return period;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw parameters.invalid("replyPeriod", "a positive ISO-8601 duration such as P1D, PT12H or P7D", value);
    }

    private static List<ReplyAttachment> forms(MailetParameters parameters, boolean needed, ConfiguredFiles locator) throws MessagingException {
        Optional<String> value = parameters.optional("forms");
        if (value.isEmpty()) {
            if (needed) {
                throw parameters.invalid("forms", "the approved request forms as comma separated file paths"
                    + " (required while privacyRequestReply is on)", "");
            }
            return List.of();
        }
        List<ReplyAttachment> forms = new ArrayList<>();
        for (String entry : value.get().split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            Path path;
            try {
                path = locator.locate(entry.trim());
            } catch (IOException | RuntimeException e) {
                throw parameters.invalid("forms", "comma separated paths of readable files (absolute, or file://conf/... under James's"
                    + " directory); this one cannot be found", entry.trim());
            }
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw parameters.invalid("forms", "comma separated paths of readable files; this one does not exist or cannot be read",
                    entry.trim());
            }
            try {
                forms.add(new ReplyAttachment(path.getFileName().toString(), contentType(path), Files.readAllBytes(path)));
            } catch (IOException e) {
                throw parameters.invalid("forms", "comma separated paths of readable files; reading this one failed (" + e.getMessage() + ")",
                    entry.trim());
            }
        }
        if (forms.isEmpty() && needed) {
            throw parameters.invalid("forms", "at least one file path", value.get());
        }
        return forms;
    }

    private static String contentType(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (name.endsWith(".docx")) {
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        }
        if (name.endsWith(".doc")) {
            return "application/msword";
        }
        if (name.endsWith(".txt")) {
            return "text/plain; charset=UTF-8";
        }
        return "application/octet-stream";
    }
}
