package org.caseguard.mailets;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.caseguard.core.notice.NoticeComposer;
import org.caseguard.core.notice.NoticeTexts;

/**
 * The notice parameters shared by the mailets that write to people: {@code agencyName}, {@code contact} (who to
 * ask, in words), {@code noticeSender} (default: the postmaster), {@code reportingMta}, {@code timeZone}, and
 * any text of notice-texts.properties by its key (e.g. {@code guidance.FW-2}).
 */
record NoticeSettings(NoticeComposer composer, MailAddress noticeSender) {
    private static final java.util.Set<String> OWN_PARAMETERS = java.util.Set.of("agencyName", "contact", "noticeSender",
        "reportingMta", "timeZone");

    static NoticeSettings parse(MailetParameters parameters, MailetContext context, java.util.Set<String> otherParameters)
        throws MessagingException {
        NoticeTexts defaults = NoticeTexts.defaults();
        Map<String, String> overrides = new HashMap<>();
        for (String name : parameters.names()) {
            if (defaults.has(name)) {
                overrides.put(name, parameters.optional(name).orElse(""));
            } else if (!OWN_PARAMETERS.contains(name) && !otherParameters.contains(name)
                && !name.startsWith("on") /* onMailetException, onMatchException */) {
                throw parameters.invalid(name, "a known parameter (" + OWN_PARAMETERS + ", " + otherParameters
                    + " or a notice text key)", name);
            }
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(parameters.orDefault("timeZone", ZoneId.systemDefault().getId()));
        } catch (RuntimeException e) {
            throw parameters.invalid("timeZone", "a time zone id such as America/New_York", parameters.orDefault("timeZone", ""));
        }
        MailAddress sender;
        Optional<String> configuredSender = parameters.optional("noticeSender");
        try {
            sender = configuredSender.isPresent() ? new MailAddress(configuredSender.get()) : context.getPostmaster();
        } catch (javax.mail.internet.AddressException e) {
            throw parameters.invalid("noticeSender", "an email address", configuredSender.get());
        }
        String reportingMta = parameters.orDefault("reportingMta", sender.getDomain().asString());
        NoticeComposer composer = new NoticeComposer(defaults.withOverrides(overrides),
            parameters.orDefault("agencyName", "the agency"),
            parameters.orDefault("contact", "your supervisor or the privacy officer"),
            reportingMta, zone);
        return new NoticeSettings(composer, sender);
    }
}
