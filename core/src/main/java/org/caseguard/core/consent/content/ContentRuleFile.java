package org.caseguard.core.consent.content;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the lines of a content-rule file: {@code key = value}, {@code #} or {@code !} comment lines, blank lines, and
 * a trailing {@code \} continuing the value on the next line. It is the readable subset of a Java properties file,
 * read as UTF-8 with no escapes, so that an error can name the line, and a key given twice is an error instead of a
 * silent override.
 */
final class ContentRuleFile {

    /** One {@code key = value} entry and the line it starts on. */
    record Entry(String key, String value, int line) {
    }

    private ContentRuleFile() {
    }

    static Map<String, Entry> read(InputStream in, String source) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String trimmed = stripBom(line, lineNumber).strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                    continue;
                }
                int startLine = lineNumber;
                StringBuilder logical = new StringBuilder();
                while (trimmed.endsWith("\\")) {
                    logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    String next = reader.readLine();
                    if (next == null) {
                        trimmed = "";
                        break;
                    }
                    lineNumber++;
                    trimmed = next.strip();
                }
                logical.append(trimmed);
                addEntry(entries, logical.toString(), startLine, source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read content rules from " + source, e);
        }
        return entries;
    }

    private static String stripBom(String line, int lineNumber) {
        return lineNumber == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static void addEntry(Map<String, Entry> entries, String logical, int line, String source) {
        int separator = logical.indexOf('=');
        if (separator <= 0) {
            throw new IllegalArgumentException(source + " line " + line
                + ": expected 'key = value' (comment lines start with '#'), got '" + abbreviate(logical) + "'");
        }
        String key = logical.substring(0, separator).strip();
        String value = logical.substring(separator + 1).strip();
        Entry previous = entries.put(key, new Entry(key, value, line));
        if (previous != null) {
            throw new IllegalArgumentException(source + " line " + line + ": " + key + ": given twice (first on line "
                + previous.line() + "); each key may appear once");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
