package org.caseguard.core.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.caseguard.core.consent.ContentLabels;

/**
 * TAG-1: the result of classifying one message once. Travels between James processors as mail attributes made
 * only of strings, numbers, booleans, lists and maps ({@link #toAttributeMap()} / {@link #fromAttributeMap(Map)}).
 *
 * @param caseNumbers        registry case numbers referenced (directly, or through a client of the case)
 * @param clientIds          registry client ids referenced (by identifier, full name, or surname with date of birth)
 * @param subjectClientIds   clients whose full name appears in the Subject (TAG-3)
 * @param explicitMark       the sender marked the message as case mail (TAG-4)
 * @param contentLabels      what the content is about, for the consent rules (CN-6..CN-10); none when no labeler is configured.
 *                           Travels in its own attribute ({@code caseguard.contentLabels}), present only when a labeler ran.
 */
public record Classification(Sensitivity sensitivity, Set<String> caseNumbers, Set<String> clientIds,
                             Set<String> subjectClientIds, boolean explicitMark, List<DetectorHit> detectors,
                             ContentLabels contentLabels) {

    public Classification {
        caseNumbers = Set.copyOf(new TreeSet<>(caseNumbers));
        clientIds = Set.copyOf(new TreeSet<>(clientIds));
        subjectClientIds = Set.copyOf(new TreeSet<>(subjectClientIds));
        detectors = List.copyOf(detectors);
        contentLabels = contentLabels == null ? ContentLabels.none() : contentLabels;
    }

    /** Detector of content that could not be read completely (TAG-1), delivered only inside the agency. */
    public static final String UNREADABLE = "unreadable-content";

    /** The classification of mail not read completely: restricted, so that no rule takes it for clean. */
    public static Classification unreadable() {
        return new Classification(Sensitivity.RESTRICTED, Set.of(), Set.of(), Set.of(), false,
            List.of(new DetectorHit(UNREADABLE, 1, 1.0)));
    }

    public Classification(Sensitivity sensitivity, Set<String> caseNumbers, Set<String> clientIds,
                          Set<String> subjectClientIds, boolean explicitMark, List<DetectorHit> detectors) {
        this(sensitivity, caseNumbers, clientIds, subjectClientIds, explicitMark, detectors, ContentLabels.none());
    }

    public Classification withContentLabels(ContentLabels labels) {
        return new Classification(sensitivity, caseNumbers, clientIds, subjectClientIds, explicitMark, detectors, labels);
    }

    public static Classification none() {
        return new Classification(Sensitivity.NONE, Set.of(), Set.of(), Set.of(), false, List.of());
    }

    public boolean isCaseIdentifying() {
        return sensitivity.isCaseIdentifying();
    }

    public Map<String, Object> toAttributeMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sensitivity", sensitivity.wire());
        map.put("caseNumbers", List.copyOf(new TreeSet<>(caseNumbers)));
        map.put("clientIds", List.copyOf(new TreeSet<>(clientIds)));
        map.put("subjectClientIds", List.copyOf(new TreeSet<>(subjectClientIds)));
        map.put("explicitMark", explicitMark);
        map.put("detectors", detectors.stream()
            .map(hit -> Map.<String, Object>of("detector", hit.detector(), "count", hit.count(), "confidence", hit.confidence()))
            .toList());
        return map;
    }

    @SuppressWarnings("unchecked")
    public static Classification fromAttributeMap(Map<String, Object> map) {
        List<Map<String, Object>> detectors = (List<Map<String, Object>>) map.getOrDefault("detectors", List.of());
        return new Classification(
            Sensitivity.parse((String) map.get("sensitivity")),
            Set.copyOf((List<String>) map.getOrDefault("caseNumbers", List.of())),
            Set.copyOf((List<String>) map.getOrDefault("clientIds", List.of())),
            Set.copyOf((List<String>) map.getOrDefault("subjectClientIds", List.of())),
            (Boolean) map.getOrDefault("explicitMark", false),
            detectors.stream()
                .map(hit -> new DetectorHit((String) hit.get("detector"), ((Number) hit.get("count")).intValue(),
                    ((Number) hit.get("confidence")).doubleValue()))
                .toList());
    }
}
