package org.caseguard.core.consent;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.caseguard.core.rules.RuleId;
import org.caseguard.core.rules.RuleMode;

/**
 * Parameters of the consent profile's outbound rules, validated once. Rules not listed in {@code modes} are on.
 *
 * @param templates            CN-7: template names (X-Caseguard-Template) and the purpose each declares
 * @param requireContentSupport CN-7: the content must read as the declared purpose (the content labeler finds it),
 *                              not only be free of refused content
 */
public record ConsentConfig(Map<RuleId, RuleMode> modes, Map<String, Purpose> templates, boolean requireContentSupport) {
    public static final Set<RuleId> CONFIGURABLE_RULES = Set.of(RuleId.CN_1, RuleId.CN_3, RuleId.CN_4, RuleId.CN_5,
        RuleId.CN_7, RuleId.CN_8, RuleId.CN_9);

    public ConsentConfig {
        EnumMap<RuleId, RuleMode> copy = new EnumMap<>(RuleId.class);
        copy.putAll(modes);
        modes = Map.copyOf(copy);
        templates = Map.copyOf(templates);
    }

    public static ConsentConfig defaults() {
        return new ConsentConfig(Map.of(), Map.of(), true);
    }

    public RuleMode mode(RuleId rule) {
        return modes.getOrDefault(rule, RuleMode.ON);
    }
}
