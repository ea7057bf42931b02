package org.caseguard.core.detect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parameters of a Content-Type or Content-Disposition value, decoded leniently: quoted strings, RFC 2231 extended
 * values ({@code filename*=utf-8''...}) and continuations ({@code filename*0*=}, {@code filename*1=}) in any order,
 * then RFC 2047 encoded words, which some mail programs put in file names although the standard does not allow it.
 * A malformed value yields what can be read of it, never an exception.
 */
final class MimeParameters {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9!#$%&'+.^_`{|}~-]+?)(?:\\*(\\d+))?(\\*)?");

    private final Map<String, String> values;

    private MimeParameters(Map<String, String> values) {
        this.values = values;
    }

    static MimeParameters parse(String headerValue) {
        Map<String, TreeMap<Integer, Section>> sections = new TreeMap<>();
        if (headerValue != null) {
            List<String> items = split(headerValue.replaceAll("\\r?\\n[ \\t]", " "));
            for (int i = 1; i < items.size(); i++) {
                String item = items.get(i);
                int equals = item.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                Matcher name = NAME.matcher(item.substring(0, equals).trim());
                if (!name.matches()) {
                    continue;
                }
                int index = name.group(2) == null ? -1 : parseIndex(name.group(2));
                sections.computeIfAbsent(name.group(1).toLowerCase(Locale.ROOT), k -> new TreeMap<>())
                    .putIfAbsent(index, new Section(unquote(item.substring(equals + 1).trim()), name.group(3) != null));
            }
        }
        Map<String, String> values = new TreeMap<>();
        sections.forEach((name, parts) -> values.put(name, join(parts)));
        return new MimeParameters(values);
    }

    String get(String name) {
        return values.get(name);
    }

    /** The decoded {@code name} and {@code filename} values, the places where a file name travels. */
    List<String> fileNames() {
        List<String> names = new ArrayList<>(2);
        for (String key : List.of("name", "filename")) {
            String value = values.get(key);
            if (value != null && !value.isBlank()) {
                names.add(value);
            }
        }
        return names;
    }

    private record Section(String text, boolean extended) {
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String join(TreeMap<Integer, Section> parts) {
        String charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (Section section : parts.values()) {
            String text = section.text();
            if (section.extended()) {
                if (first) {
                    int quote = text.indexOf('\'');
                    int second = quote < 0 ? -1 : text.indexOf('\'', quote + 1);
                    if (second > 0) {
                        charset = text.substring(0, quote);
                        text = text.substring(second + 1);
                    }
                }
                percentDecode(text, bytes);
            } else {
                for (int i = 0; i < text.length(); i++) {
                    writeChar(text.charAt(i), bytes);
                }
            }
            first = false;
        }
        return LenientText.decodeHeader(LenientText.decode(bytes.toByteArray(), charset));
    }

    private static void percentDecode(String text, ByteArrayOutputStream out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()
                && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                writeChar(c, out);
            }
        }
    }

    /** A header character as the byte it arrived as (raw 8-bit headers come as ISO-8859-1 characters). */
    private static void writeChar(char c, ByteArrayOutputStream out) {
        if (c <= 0xFF) {
            out.write(c);
        } else {
            out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Splits at semicolons outside quoted strings. */
    private static List<String> split(String value) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && quoted && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                items.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        items.add(current.toString());
        return items;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"")) {
            int end = value.endsWith("\"") ? value.length() - 1 : value.length();
            StringBuilder out = new StringBuilder(end);
            for (int i = 1; i < end; i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < end) {
                    c = value.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
        return value;
    }
}
