package org.caseguard.mailets;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.caseguard.core.notice.NoticeComposer;
import org.caseguard.core.notice.NoticeTexts;
import org.caseguard.core.registry.RegistryStore;

/**
 * The notice parameters shared by the mailets that write to people: {@code agencyName}, {@code contact} (who to
 * ask, in words), {@code noticeSender} (default: the agency's postmaster, see {@link NoticeSender}), {@code reportingMta}
 * (default: the notice sender's domain), {@code timeZone}, and any text of notice-texts.properties by its key
 * (e.g. {@code guidance.FW-2}).
 */
record NoticeSettings(NoticeTexts texts, String agencyName, String contact, Optional<String> reportingMta, ZoneId zone,
                      Optional<MailAddress> noticeSender) {
    private static final Set<String> OWN_PARAMETERS = Set.of("agencyName", "contact", "noticeSender", "reportingMta", "timeZone");

    static NoticeSettings parse(MailetParameters parameters, Set<String> otherParameters) throws MessagingException {
        NoticeTexts defaults = NoticeTexts.defaults();
        Map<String, String> overrides = new HashMap<>();
        for (String name : parameters.names()) {
            if (defaults.has(name)) {
                overrides.put(name, parameters.optional(name).orElse(""));
            } else if (!OWN_PARAMETERS.contains(name) && !otherParameters.contains(name) && !MailetParameters.isContainerParameter(name)) {
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
        Optional<MailAddress> sender = NoticeSender.parse(parameters);
        return new NoticeSettings(defaults.withOverrides(overrides), parameters.orDefault("agencyName", "the agency"),
            parameters.orDefault("contact", "your supervisor or the privacy officer"), parameters.optional("reportingMta"), zone, sender);
    }

    /** The From address of notices: {@code noticeSender}, or the agency's postmaster (see {@link NoticeSender}). */
    NoticeSender sender(RegistryStore registry) {
        return NoticeSender.of(noticeSender, registry);
    }

    NoticeComposer composer(MailAddress sender) {
        return new NoticeComposer(texts, agencyName, contact, reportingMta.orElse(sender.getDomain().asString()), zone);
    }
}
