package org.caseguard.core.detect;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * JSON as a person reads it: every value in document order, with its escapes decoded ({@code \u0054} is T), values
 * side by side so that a given and a family name in two fields read as one name; then every field name. Parsed as a
 * token stream by Jackson; text that is not valid JSON is read as it is.
 */
final class JsonText {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonText() {
    }

    static void copy(String text, Writer out) throws IOException {
        StringBuilder names = new StringBuilder();
        StringWriter values = new StringWriter(text.length());
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    names.append(parser.currentName()).append('\n');
                } else if (token.isScalarValue()) {
                    values.append(parser.getText()).append(' ');
                }
            }
        } catch (IOException notJson) {
            out.write(text);
            return;
        }
        out.write(values.toString());
        out.write('\n');
        out.write(names.toString());
    }
}
