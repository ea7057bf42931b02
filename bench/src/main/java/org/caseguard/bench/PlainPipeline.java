package org.caseguard.bench;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the shipped mailetcontainer.xml into the "plain James" baseline: every {@code <mailet>} element whose
 * class or matcher is a caseguard one is removed (including the {@code RecipientVerdictIs} refusal line), and
 * nothing else changes: the same processors, RecipientRewriteTable, LocalDelivery, RemoteDelivery, spooler threads.
 * The caseguard Guice module and WebAdmin routes stay loaded (extensions.properties) so both servers are provisioned
 * identically; they just have no mailet in the mail path.
 */
public final class PlainPipeline implements UnaryOperator<String> {
    /** A whole mailet element, self-closing or not, whose opening tag names an org.caseguard class or matcher. */
    private static final Pattern CASEGUARD_MAILET = Pattern.compile(
        "[ \\t]*<mailet\\b[^>]*\"org\\.caseguard\\.[^\"]*\"[^>]*?(?:/>|>.*?</mailet>)[ \\t]*\\R?", Pattern.DOTALL);
    private static final Pattern LEFTOVER = Pattern.compile("(?:class|match)=\"org\\.caseguard\\.");

    @Override
    public String apply(String mailetContainer) {
        Matcher matcher = CASEGUARD_MAILET.matcher(mailetContainer);
        int removed = 0;
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            // a self-closing tag must not swallow the next element: the lazy [^>]*? stops at the first '>' anyway
            matcher.appendReplacement(out, "");
            removed++;
        }
        matcher.appendTail(out);
        String plain = out.toString();
        if (removed == 0 || LEFTOVER.matcher(plain).find()) {
            throw new IllegalStateException("PlainPipeline: could not remove every caseguard mailet (removed " + removed + ")");
        }
        return plain;
    }
}
