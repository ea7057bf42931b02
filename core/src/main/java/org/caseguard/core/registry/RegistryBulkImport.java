package org.caseguard.core.registry;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bulk import for syncing from a case-management system, in two formats:
 * <ul>
 * <li>JSON lines: one record per line with a {@code type} of {@code internal-domain}, {@code client}, {@code case},
 *     {@code party} or {@code allow}, and the fields of the matching REST body;</li>
 * <li>CSV: one file per type, a header row naming the same fields; list fields ({@code identifiers},
 *     {@code clients}) hold their items separated by {@code ;}.</li>
 * </ul>
 * Every record is validated first (a case may list clients of the same import); any error and nothing is written,
 * and every error is reported with its line number and field. Otherwise all records are written in one transaction.
 */
public final class RegistryBulkImport {
    public static final List<String> TYPES = List.of("internal-domain", "client", "case", "party", "allow");
    private static final Set<String> LIST_FIELDS = Set.of("identifiers", "clients");
    private static final Set<String> BOOLEAN_FIELDS = Set.of("restricted");

    public record Result(Map<String, Integer> counts, List<String> errors) {
    }

    private record Line(int number, String type, Map<String, Object> fields) {
    }

    private final RegistryStore registry;
    private final ObjectMapper mapper = new ObjectMapper();

    public RegistryBulkImport(RegistryStore registry) {
        this.registry = registry;
    }

    public Result importJsonLines(String content) {
        List<String> errors = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        String[] rows = content == null ? new String[0] : content.split("\r?\n");
        for (int index = 0; index < rows.length; index++) {
            String row = rows[index].trim();
            if (row.isEmpty()) {
                continue;
            }
            try {
                Map<String, Object> fields = mapper.readValue(row, new TypeReference<LinkedHashMap<String, Object>>() {
                });
                lines.add(new Line(index + 1, String.valueOf(fields.get("type")), fields));
            } catch (JsonProcessingException e) {
                errors.add("line " + (index + 1) + ": not a JSON object");
            }
        }
        return importLines(lines, errors);
    }

    /** @param type one of {@link #TYPES}: every row of the file is of that type */
    public Result importCsv(String type, String content) {
        if (!TYPES.contains(type)) {
            throw new InvalidRecordException("type", "must be one of " + String.join(", ", TYPES) + ", got \"" + type + "\"");
        }
        List<Line> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(content == null ? "" : content),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build())) {
            for (CSVRecord record : parser) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (Map.Entry<String, String> cell : record.toMap().entrySet()) {
                    if (cell.getValue() == null || cell.getValue().isEmpty()) {
                        continue;
                    }
                    fields.put(cell.getKey(), csvValue(cell.getKey(), cell.getValue()));
                }
                lines.add(new Line((int) parser.getCurrentLineNumber(), type, fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return new Result(Map.of(), List.of("not a valid CSV file with a header row: " + e.getMessage()));
        }
        return importLines(lines, new ArrayList<>());
    }

    private static Object csvValue(String field, String value) {
        if (LIST_FIELDS.contains(field)) {
            return Arrays.stream(value.split(";")).map(String::trim).filter(item -> !item.isEmpty()).toList();
        }
        if (BOOLEAN_FIELDS.contains(field)) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes" -> Boolean.TRUE;
                case "false", "no" -> Boolean.FALSE;
                default -> value;
            };
        }
        return value;
    }

    private Result importLines(List<Line> lines, List<String> errors) {
        List<String> domains = new ArrayList<>();
        List<Client> clients = new ArrayList<>();
        List<Line> cases = new ArrayList<>();
        List<ExternalParty> parties = new ArrayList<>();
        List<Line> allows = new ArrayList<>();

        for (Line line : lines) {
            Map<String, Object> fields = line.fields();
            try {
                switch (line.type()) {
                    case "internal-domain" -> domains.add(RegistryValidation.domain("domain", text(fields.get("domain"))));
                    case "client" -> clients.add(RegistryValidation.client(text(fields.get("id")), fields));
                    case "case" -> cases.add(line);
                    case "party" -> parties.add(RegistryValidation.party(text(fields.get("address")), fields));
                    case "allow" -> allows.add(line);
                    default -> throw new InvalidRecordException("type", "must be one of " + String.join(", ", TYPES)
                        + ", got \"" + line.type() + "\"");
                }
            } catch (InvalidRecordException e) {
                errors.add("line " + line.number() + ": " + e.getMessage());
            }
        }

        Set<String> importedClients = new HashSet<>();
        clients.forEach(client -> importedClients.add(client.id()));
        List<CaseRecord> caseRecords = new ArrayList<>();
        for (Line line : cases) {
            try {
                caseRecords.add(RegistryValidation.caseRecord(text(line.fields().get("number")), line.fields(),
                    id -> importedClients.contains(id) || registry.findClient(id).isPresent()));
            } catch (InvalidRecordException e) {
                errors.add("line " + line.number() + ": " + e.getMessage());
            }
        }
        Set<String> importedCases = new HashSet<>();
        caseRecords.forEach(caseRecord -> importedCases.add(caseRecord.number()));
        List<AllowListEntry> allowList = new ArrayList<>();
        for (Line line : allows) {
            try {
                Optional<String> caseNumber = Optional.ofNullable(line.fields().get("caseNumber")).map(RegistryBulkImport::text);
                allowList.add(RegistryValidation.allowEntry(text(line.fields().get("address")), caseNumber, line.fields(),
                    number -> importedCases.contains(number) || registry.findCase(number).isPresent()));
            } catch (InvalidRecordException e) {
                errors.add("line " + line.number() + ": " + e.getMessage());
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
}
