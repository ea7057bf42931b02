package org.caseguard.core.rules;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every rule of ../shared/docs/rules.md that the code can decide on. The wire form ({@link #id()}) is what
 * appears in verdicts, notices, journal entries, logs, metrics and configuration parameter names.
 */
public enum RuleId {
    TAG_1("TAG-1"), TAG_2("TAG-2"), TAG_3("TAG-3"), TAG_4("TAG-4"),
    FW_1("FW-1"), FW_2("FW-2"), FW_3("FW-3"), FW_4("FW-4"), FW_5("FW-5"), FW_6("FW-6"),
    CN_1("CN-1"), CN_2("CN-2"), CN_3("CN-3"), CN_4("CN-4"), CN_5("CN-5"), CN_6("CN-6"), CN_7("CN-7"), CN_8("CN-8"),
    CN_9("CN-9"), CN_10("CN-10"),
    ENC_1("ENC-1"), ENC_2("ENC-2"),
    NTC_1("NTC-1"), NTC_2("NTC-2"), NTC_3("NTC-3"),
    OPS_1("OPS-1"), OPS_2("OPS-2"), OPS_3("OPS-3");

    private final String id;

    RuleId(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<RuleId> parse(String value) {
        return Arrays.stream(values()).filter(rule -> rule.id.equalsIgnoreCase(value.trim())).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
