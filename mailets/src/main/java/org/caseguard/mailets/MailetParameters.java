package org.caseguard.mailets;

import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.mailet.MailetConfig;

/** Reads mailet parameters once in {@code init()}, failing with a message that names the mailet and the parameter. */
final class MailetParameters {
    private final MailetConfig config;

    MailetParameters(MailetConfig config) {
        this.config = config;
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(config.getInitParameter(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    String orDefault(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    boolean bool(String name, boolean defaultValue) throws MessagingException {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw invalid(name, "true or false", value.get());
        };
    }

    MessagingException invalid(String name, String allowed, String got) {
        return new MessagingException(config.getMailetName() + ": parameter '" + name + "' must be " + allowed + ", got '" + got + "'");
    }

    MessagingException invalid(String name, IllegalArgumentException cause) {
        return new MessagingException(config.getMailetName() + ": parameter '" + name + "': " + cause.getMessage());
    }

    /** Error-handling parameters the mailet container reads itself; every mailet accepts them. */
    static boolean isContainerParameter(String name) {
        return name.equals("onMailetException") || name.equals("onMatchException");
    }

    String mailetName() {
        return config.getMailetName();
    }

    Iterable<String> names() {
        return () -> config.getInitParameterNames();
    }
}
