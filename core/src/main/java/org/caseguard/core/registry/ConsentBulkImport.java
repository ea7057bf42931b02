package org.caseguard.core.registry;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.caseguard.core.consent.ConsentJson;
import org.caseguard.core.consent.ConsentRecord;
import org.caseguard.core.consent.ConsentValidation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bulk import of consent records, in the style of {@link RegistryBulkImport}:
 * <ul>
 * <li>JSON lines: one consent record per line, in the wire form of the routes (with its {@code clientId});</li>
 * <li>CSV: a header row naming the fields by path ({@code form.signedOn}, {@code responsibleAdult.name}); list
 *     fields ({@code permittedPurposes}, {@code knownAddresses}) hold their items separated by {@code ;}, booleans
 *     are {@code true}/{@code false} (or {@code yes}/{@code no}), an empty cell is an absent field.</li>
 * </ul>
 * Every line is validated first, against the same rules as a PUT, and its client must be registered; any error and
 * nothing is written, every error reported with its line number and field. Otherwise all records are stored in
 * one transaction, attributed to {@code changedBy}. An import adds and replaces; it never deletes.
 */
public final class ConsentBulkImport {
    public static final List<String> CSV_COLUMNS = List.of("clientId", "preferredContact",
        "programApproval.program", "programApproval.approvedBy", "programApproval.approvedOn",
        "clinicianDetermination.clinician", "clinicianDetermination.determinedOn",
        "form.formId", "form.signedByClient", "form.signedByWorker", "form.signedOn", "form.effectiveFrom", "form.expiresOn",
        "form.revokedOn", "form.revokedBy",
        "consentedAddress", "minor", "consentGivenBy",
        "responsibleAdult.name", "responsibleAdult.relationship", "responsibleAdult.address",
        "permittedPurposes", "knownAddresses", "worker", "supervisor");
    private static final Set<String> LIST_COLUMNS = Set.of("permittedPurposes", "knownAddresses");
    private static final Set<String> BOOLEAN_COLUMNS = Set.of("minor", "form.signedByClient");

    public record Result(Map<String, Integer> counts, List<String> errors) {
    }

    /** One line of the file: its body, or empty when it was not even a JSON object. */
    private record Line(int number, Optional<JsonNode> body) {
    }

    private final RegistryStore registry;

    public ConsentBulkImport(RegistryStore registry) {
        this.registry = registry;
    }

    public Result importJsonLines(String content, String changedBy) {
        List<Line> lines = new ArrayList<>();
        String[] rows = content == null ? new String[0] : content.split("\r?\n");
        for (int index = 0; index < rows.length; index++) {
            String row = rows[index].trim();
            if (row.isEmpty()) {
                continue;
            }
            Optional<JsonNode> body;
            try {
                body = Optional.of(ConsentJson.tree(row));
            } catch (InvalidRecordException e) {
                body = Optional.empty();
            }
            lines.add(new Line(index + 1, body));
        }
        return importLines(lines, changedBy);
    }

    public Result importCsv(String content, String changedBy) {
        List<Line> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(content == null ? "" : content),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build())) {
            for (String column : parser.getHeaderNames()) {
                if (!CSV_COLUMNS.contains(column)) {
                    return new Result(Map.of(), List.of("line 1: \"" + column + "\" is not a known column; known columns are " + CSV_COLUMNS));
                }
            }
            for (CSVRecord record : parser) {
                lines.add(new Line((int) parser.getCurrentLineNumber(), Optional.of(body(record))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Commons CSV's message quotes the offending cell: not repeated, it may be personal.
            return new Result(Map.of(), List.of("not a valid CSV file with a header row naming the fields"));
        }
        return importLines(lines, changedBy);
    }

    /** A CSV row as the JSON body of the same record: dotted columns become nested objects. */
    private static JsonNode body(CSVRecord record) {
        ObjectNode body = ConsentJson.mapper().createObjectNode();
        for (Map.Entry<String, String> cell : record.toMap().entrySet()) {
            String column = cell.getKey();
            String value = cell.getValue();
            if (value == null || value.isEmpty()) {
                continue;
            }
            int dot = column.indexOf('.');
            ObjectNode parent = dot < 0 ? body
                : body.has(column.substring(0, dot)) ? (ObjectNode) body.get(column.substring(0, dot)) : body.putObject(column.substring(0, dot));
            String field = column.substring(dot + 1);
            if (LIST_COLUMNS.contains(column)) {
                ArrayNode items = parent.putArray(field);
                Arrays.stream(value.split(";")).map(String::trim).filter(item -> !item.isEmpty()).forEach(items::add);
            } else if (BOOLEAN_COLUMNS.contains(column)) {
                switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "yes" -> parent.put(field, true);
                    case "false", "no" -> parent.put(field, false);
                    default -> parent.put(field, value);
                }
            } else {
                parent.put(field, value);
            }
        }
        return body;
    }

    private Result importLines(List<Line> lines, String changedBy) {
        java.util.function.Predicate<String> registered = clientLookup(lines.size());
        List<String> errors = new ArrayList<>();
        List<ConsentRecord> records = new ArrayList<>();
        Map<String, Integer> lineOfClient = new HashMap<>();
        for (Line line : lines) {
            if (line.body().isEmpty()) {
                errors.add("line " + line.number() + ": not a JSON object");
                continue;
            }
            try {
                ConsentRecord record = ConsentValidation.parse(line.body().get(), Optional.empty());
                Integer earlier = lineOfClient.putIfAbsent(record.clientId(), line.number());
                if (earlier != null) {
                    throw new InvalidRecordException("clientId", "client \"" + record.clientId() + "\" is already on line " + earlier);
                }
                if (!registered.test(record.clientId())) {
                    throw new InvalidRecordException("clientId", "unknown client \"" + record.clientId() + "\": register the client first");
                }
                records.add(record);
            } catch (InvalidRecordException e) {
                errors.add("line " + line.number() + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            return new Result(Map.of(), errors);
        }
        registry.consents().putAll(records, changedBy);
        return new Result(Map.of("consents", records.size()), List.of());
    }

    /** A few lines: one lookup each; a large file: every client id read once (a sync usually covers most clients). */
    private java.util.function.Predicate<String> clientLookup(int lines) {
        if (lines <= 100) {
            return clientId -> registry.findClient(clientId).isPresent();
        }
        Set<String> ids = new java.util.HashSet<>();
        registry.clients().forEach(client -> ids.add(client.id()));
        return ids::contains;
    }
}
