package org.caseguard.mailets;

import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.mailet.MailetConfig;
import org.caseguard.core.rules.RuleId;
import org.caseguard.core.rules.RuleMode;

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

    /**
     * NTC-2: {@code mode.<RULE>} parameters (on | off | audit) for the given rules; a mode for any other rule is an
     * error naming the rules this mailet decides.
     */
    java.util.Map<RuleId, RuleMode> ruleModes(java.util.Set<RuleId> configurable) throws MessagingException {
        java.util.Map<RuleId, RuleMode> modes = new java.util.EnumMap<>(RuleId.class);
        for (RuleId rule : configurable) {
            String name = "mode." + rule.id();
            Optional<String> value = optional(name);
            if (value.isPresent()) {
                try {
                    modes.put(rule, RuleMode.parse(name, value.get()));
                } catch (IllegalArgumentException e) {
                    throw invalid(name, e);
                }
            }
        }
        for (String name : names()) {
            if (name.startsWith("mode.") && RuleId.parse(name.substring("mode.".length())).filter(configurable::contains).isEmpty()) {
                throw invalid(name, "a mode for one of " + configurable.stream().map(RuleId::id).sorted().toList(), name);
            }
        }
        return modes;
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
