package org.caseguard.core.consent.content;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.caseguard.core.consent.ContentLabel;
import org.caseguard.core.consent.ContentLabeler;
import org.caseguard.core.consent.ContentLabels;
import org.caseguard.core.detect.TextNormalizer;

/** Precision and recall per label of a labeler on a corpus, plus the messages it got wrong. */
final class LabelScores {

    final String corpus;
    final int messages;
    private final Map<ContentLabel, int[]> counts = new EnumMap<>(ContentLabel.class);
    final List<String> errors = new ArrayList<>();
    private final Map<ContentLabel, List<String>> labelErrors = new EnumMap<>(ContentLabel.class);

    private LabelScores(String corpus, int messages) {
        this.corpus = corpus;
        this.messages = messages;
        for (ContentLabel label : ContentLabel.values()) {
            counts.put(label, new int[3]);
            labelErrors.put(label, new ArrayList<>());
        }
    }

    static LabelScores of(ContentLabeler labeler, ContentCorpus corpus) {
        LabelScores scores = new LabelScores(corpus.name(), corpus.messages().size());
        for (ContentCorpus.Message message : corpus.messages()) {
            ContentLabels labels = labeler.label(TextNormalizer.normalize(message.subject()),
                List.of(TextNormalizer.normalize(message.body())));
            Set<ContentLabel> found = EnumSet.noneOf(ContentLabel.class);
            found.addAll(labels.labels());
            for (ContentLabel label : ContentLabel.values()) {
                int[] c = scores.counts.get(label);
                boolean expected = message.labels().contains(label);
                boolean got = found.contains(label);
                if (expected && got) {
                    c[0]++;
                } else if (got) {
                    c[1]++;
                    scores.labelErrors.get(label).add(message.id() + " false alarm " + labels.evidence().get(label)
                        + " (" + message.note() + ")");
                } else if (expected) {
                    c[2]++;
                    scores.labelErrors.get(label).add(message.id() + " missed (" + message.note() + ")");
                }
            }
            if (!found.equals(message.labels())) {
                Set<ContentLabel> missed = EnumSet.copyOf(message.labels().isEmpty()
                    ? EnumSet.noneOf(ContentLabel.class) : message.labels());
                missed.removeAll(found);
                Set<ContentLabel> extra = found.isEmpty() ? EnumSet.noneOf(ContentLabel.class) : EnumSet.copyOf(found);
                extra.removeAll(message.labels());
                Map<ContentLabel, List<String>> why = new EnumMap<>(ContentLabel.class);
                extra.forEach(label -> why.put(label, labels.evidence().get(label)));
                scores.errors.add(message.id() + " missed=" + missed + " extra=" + why + " (" + message.note() + ")");
            }
        }
        return scores;
    }

    /** The messages this one label got wrong: missed, or a false alarm with the rules that fired. */
    List<String> errors(ContentLabel label) {
        return List.copyOf(labelErrors.get(label));
    }

    /** One table row for one label, for corpora annotated for that label only. */
    String row(ContentLabel label) {
        int[] c = counts.get(label);
        return String.format(Locale.ROOT, "| %-16s | %-22s | %7d | %3d | %3d | %3d | %9.3f | %6.3f |",
            corpus, label, support(label), c[0], c[1], c[2], precision(label), recall(label));
    }

    int support(ContentLabel label) {
        int[] c = counts.get(label);
        return c[0] + c[2];
    }

    double precision(ContentLabel label) {
        int[] c = counts.get(label);
        return c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
    }

    double recall(ContentLabel label) {
        int[] c = counts.get(label);
        return c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s (%d messages)%n", corpus, messages));
        out.append(String.format(Locale.ROOT, "| %-30s | %7s | %3s | %3s | %3s | %9s | %6s |%n",
            "label", "support", "TP", "FP", "FN", "precision", "recall"));
        out.append("|--------------------------------|---------|-----|-----|-----|-----------|--------|\n");
        for (ContentLabel label : ContentLabel.values()) {
            int[] c = counts.get(label);
            out.append(String.format(Locale.ROOT, "| %-30s | %7d | %3d | %3d | %3d | %9.3f | %6.3f |%n",
                label, support(label), c[0], c[1], c[2], precision(label), recall(label)));
        }
        return out.toString();
    }
}
