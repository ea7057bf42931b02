package org.caseguard.core.policy;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.caseguard.core.registry.PartyCategory;
import org.caseguard.core.rules.RuleId;
import org.caseguard.core.rules.RuleMode;

/**
 * Parameters of the firewall profile (FW, TAG-3), validated once. Rules not listed in {@code modes} are on.
 *
 * @param deniedCategories       FW-4: external party categories refused all mail, whatever the content
 * @param subjectNameAction      TAG-3: warn (notice to sender, deliver) or block
 * @param notifyExternalSender   FW-6: tell an outside sender of case mail that email is not a safe channel
 */
public record FirewallConfig(Map<RuleId, RuleMode> modes, Set<PartyCategory> deniedCategories,
                             SubjectNameAction subjectNameAction, boolean notifyExternalSender) {

    public static final Set<RuleId> CONFIGURABLE_RULES = Set.of(RuleId.FW_2, RuleId.FW_3, RuleId.FW_4, RuleId.FW_6, RuleId.TAG_3);

    public FirewallConfig {
        EnumMap<RuleId, RuleMode> copy = new EnumMap<>(RuleId.class);
        copy.putAll(modes);
        modes = Map.copyOf(copy);
        deniedCategories = Set.copyOf(deniedCategories);
    }

    public static FirewallConfig defaults() {
        return new FirewallConfig(Map.of(), Set.of(), SubjectNameAction.WARN, false);
    }

    public RuleMode mode(RuleId rule) {
        return modes.getOrDefault(rule, RuleMode.ON);
    }
}
