package org.caseguard.mailets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * TAG-2: removes classification headers. With {@code prefix} (default {@code X-Caseguard-}) every header whose
 * name starts with it goes: use it before remote delivery so nothing about a case leaves. With {@code headers}
 * (comma separated) only those go: use it first in root to drop classification headers forged by a sender.
 */
public class StripClassificationHeaders extends GenericMailet {
    private String prefix;
    private Set<String> exactNames;

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        if (parameters.optional("prefix").isPresent() && parameters.optional("headers").isPresent()) {
            throw parameters.invalid("headers", "absent when 'prefix' is given (use one or the other)", parameters.optional("headers").get());
        }
        exactNames = parameters.optional("headers")
            .map(list -> java.util.Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet()))
            .orElse(Set.of());
        prefix = exactNames.isEmpty() ? parameters.orDefault("prefix", "X-Caseguard-").toLowerCase(Locale.ROOT) : null;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        List<String> toRemove = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            String name = header.getName().toLowerCase(Locale.ROOT);
            if (prefix != null ? name.startsWith(prefix) : exactNames.contains(name)) {
                toRemove.add(header.getName());
            }
        }
        if (!toRemove.isEmpty()) {
            for (String name : toRemove) {
                message.removeHeader(name);
            }
            message.saveChanges();
        }
    }

    @Override
    public String getMailetInfo() {
        return "caseguard classification header removal (TAG-2)";
    }
}
