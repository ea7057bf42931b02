package org.caseguard.core.consent.content;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.caseguard.core.consent.ContentLabel;

/** The labelled messages in src/test/resources/consent-corpus (one JSON object per line). */
record ContentCorpus(String name, List<Message> messages) {

    record Message(String id, String direction, String subject, String body, Set<ContentLabel> labels, String note) {
    }

    static ContentCorpus load(String name) {
        String resource = "/consent-corpus/" + name + ".jsonl";
        ObjectMapper json = new ObjectMapper();
        List<Message> messages = new ArrayList<>();
        try (InputStream in = ContentCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                Set<ContentLabel> labels = EnumSet.noneOf(ContentLabel.class);
                node.get("labels").forEach(label -> labels.add(ContentLabel.valueOf(label.asText())));
                messages.add(new Message(node.get("id").asText(), node.get("direction").asText(),
                    node.get("subject").asText(), node.get("body").asText(), labels, node.path("note").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ContentCorpus(name, List.copyOf(messages));
    }
}
