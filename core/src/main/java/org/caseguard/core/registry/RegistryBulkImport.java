package org.caseguard.core.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bulk import for syncing from a case-management system: JSON lines, one record per line with a {@code type} of
 * {@code internal-domain}, {@code client}, {@code case}, {@code party} or {@code allow}. Every line is validated
 * first (a case may list clients of the same file); any error and nothing is written, and every error is reported
 * with its line number and field. Otherwise all records are written in one transaction.
 */
public final class RegistryBulkImport {
    public record Result(Map<String, Integer> counts, List<String> errors) {
    }

    private final RegistryStore registry;
    private final ObjectMapper mapper = new ObjectMapper();

    public RegistryBulkImport(RegistryStore registry) {
        this.registry = registry;
    }

    public Result importJsonLines(String content) {
        List<String> errors = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        List<Client> clients = new ArrayList<>();
        List<ParsedCase> cases = new ArrayList<>();
        List<ExternalParty> parties = new ArrayList<>();
        List<ParsedAllow> allows = new ArrayList<>();

        String[] lines = content == null ? new String[0] : content.split("\r?\n");
        for (int index = 0; index < lines.length; index++) {
            int lineNumber = index + 1;
            String line = lines[index].trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                Map<String, Object> fields = mapper.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {
                });
                String type = String.valueOf(fields.get("type"));
                switch (type) {
                    case "internal-domain" -> domains.add(RegistryValidation.domain("domain", String.valueOf(fields.get("domain"))));
                    case "client" -> clients.add(RegistryValidation.client(text(fields.get("id")), fields));
                    case "case" -> cases.add(new ParsedCase(lineNumber, fields));
                    case "party" -> parties.add(RegistryValidation.party(text(fields.get("address")), fields));
                    case "allow" -> allows.add(new ParsedAllow(lineNumber, fields));
                    default -> throw new InvalidRecordException("type", "must be one of internal-domain, client, case, party, allow, got \"" + type + "\"");
                }
            } catch (JsonProcessingException e) {
                errors.add("line " + lineNumber + ": not a JSON object");
            } catch (InvalidRecordException e) {
                errors.add("line " + lineNumber + ": " + e.getMessage());
            }
        }

        Set<String> importedClients = new HashSet<>();
        clients.forEach(client -> importedClients.add(client.id()));
        List<CaseRecord> caseRecords = new ArrayList<>();
        for (ParsedCase parsed : cases) {
            try {
                caseRecords.add(RegistryValidation.caseRecord(text(parsed.fields().get("number")), parsed.fields(),
                    id -> importedClients.contains(id) || registry.findClient(id).isPresent()));
            } catch (InvalidRecordException e) {
                errors.add("line " + parsed.line() + ": " + e.getMessage());
            }
        }
        Set<String> importedCases = new HashSet<>();
        caseRecords.forEach(caseRecord -> importedCases.add(caseRecord.number()));
        List<AllowListEntry> allowList = new ArrayList<>();
        for (ParsedAllow parsed : allows) {
            try {
                Optional<String> caseNumber = Optional.ofNullable(parsed.fields().get("caseNumber")).map(RegistryBulkImport::text);
                allowList.add(RegistryValidation.allowEntry(text(parsed.fields().get("address")), caseNumber, parsed.fields(),
                    number -> importedCases.contains(number) || registry.findCase(number).isPresent()));
            } catch (InvalidRecordException e) {
                errors.add("line " + parsed.line() + ": " + e.getMessage());
            }
        }

        if (!errors.isEmpty()) {
            return new Result(Map.of(), errors);
        }
        registry.applyBatch(new RegistryBatch(domains, clients, caseRecords, parties, allowList));
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("internalDomains", domains.size());
        counts.put("clients", clients.size());
        counts.put("cases", caseRecords.size());
        counts.put("parties", parties.size());
        counts.put("allowList", allowList.size());
        return new Result(counts, List.of());
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private record ParsedCase(int line, Map<String, Object> fields) {
    }

    private record ParsedAllow(int line, Map<String, Object> fields) {
    }
}
