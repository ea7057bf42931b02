package org.caseguard.core.detect;

import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeVisitor;

/**
 * Everything a reader of an HTML part can be shown, through jsoup's HTML5 parser: the rendered text, then every
 * attribute value (title, alt, href with its percent-escapes undone, aria-label, value...), comments, the contents of
 * style and script elements, and the text CSS generates ({@code content:} strings of style sheets and style
 * attributes, CSS escapes decoded).
 */
final class HtmlText {

    private static final Pattern CONTENT_DECLARATION = Pattern.compile("(?i)(?<![\\w-])content\\s*:");
    private static final Pattern CSS_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");

    private HtmlText() {
    }

    static String text(String html) {
        return text(Jsoup.parse(html));
    }

    /** XML (SVG, XHTML, office XML, feeds): the text of its elements run together as a reader sees them, plus the rest. */
    static String xmlText(String xml) {
        return text(Jsoup.parse(xml, "", Parser.xmlParser()));
    }

    private static String text(Document document) {
        StringBuilder text = new StringBuilder(document.text());
        StringBuilder generated = new StringBuilder();
        List<Element> displayedOtherwise = new ArrayList<>();
        boolean[] hidden = {false};
        document.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Comment comment) {
                    text.append('\n').append(comment.getData());
                } else if (node instanceof DataNode data) {
                    text.append('\n').append(data.getWholeData());
                    if (node.parent() instanceof Element parent && parent.normalName().equals("style")) {
                        appendGeneratedContent(data.getWholeData(), generated);
                    }
                } else if (node instanceof Element element) {
                    if (element.normalName().equals("bdo")) {
                        displayedOtherwise.add(element);
                    }
                    for (Attribute attribute : element.attributes()) {
                        String value = attribute.getValue();
                        if (attribute.getKey().equalsIgnoreCase("hidden")) {
                            hidden[0] = true;
                        }
                        if (value.isEmpty()) {
                            continue;
                        }
                        text.append('\n').append(value);
                        if (PERCENT_ESCAPE.matcher(value).find()) {
                            text.append('\n').append(percentDecoded(value));
                        }
                        if (attribute.getKey().equalsIgnoreCase("style")) {
                            appendGeneratedContent(value, generated);
                            hidden[0] |= HIDDEN_STYLE.matcher(value).find();
                            if (REVERSED_STYLE.matcher(value).find() || REVERSED_FLEX.matcher(value).find()) {
                                displayedOtherwise.add(element);
                            }
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
            }
        });
        if (generated.length() > 0) {
            text.append('\n').append(generated);
        }
        if (hidden[0]) {
            text.append('\n').append(visibleText(document));
        }
        for (Element element : displayedOtherwise) {
            appendAsDisplayed(element, text);
        }
        return text.toString();
    }

    private static final Pattern HIDDEN_STYLE = Pattern.compile(
        "(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden|font-size\\s*:\\s*0(?:\\.0*)?(?:[a-z%]+)?\\s*(?:;|$|!)"
            + "|opacity\\s*:\\s*0(?:\\.0*)?\\s*(?:;|$|!)");
    private static final Pattern REVERSED_STYLE = Pattern.compile("(?i)direction\\s*:\\s*rtl");
    private static final Pattern OVERRIDE_STYLE = Pattern.compile("(?i)unicode-bidi\\s*:\\s*bidi-override");
    private static final Pattern REVERSED_FLEX = Pattern.compile("(?i)flex-direction\\s*:\\s*(?:row|column)-reverse");

    /** The text without hidden elements: junk letters hidden inside a name by {@code display:none} or {@code font-size:0}. */
    private static String visibleText(Document document) {
        Document visible = document.clone();
        for (Element element : visible.getAllElements()) {
            String style = element.attr("style");
            if (element.hasAttr("hidden") || !style.isEmpty() && HIDDEN_STYLE.matcher(style).find()) {
                element.remove();
            }
        }
        return visible.text();
    }

    /**
     * What the reader is shown where markup reorders text: a {@code <bdo dir=rtl>} or a bidi override written
     * backwards, the items of a reversed flex box in the order they appear.
     */
    private static void appendAsDisplayed(Element element, StringBuilder text) {
        String style = element.attr("style");
        boolean overridden = element.normalName().equals("bdo") && element.attr("dir").equalsIgnoreCase("rtl")
            || REVERSED_STYLE.matcher(style).find() && OVERRIDE_STYLE.matcher(style).find();
        if (overridden) {
            text.append('\n').append(new StringBuilder(element.text()).reverse());
        }
        if (REVERSED_FLEX.matcher(style).find()) {
            StringBuilder items = new StringBuilder();
            for (int i = element.childrenSize() - 1; i >= 0; i--) {
                items.append(element.child(i).text());
            }
            text.append('\n').append(items);
        }
    }

    private static String percentDecoded(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    /** The strings of every {@code content:} declaration, each declaration's strings joined as CSS renders them. */
    static void appendGeneratedContent(String css, StringBuilder out) {
        String plain = CSS_COMMENT.matcher(css).replaceAll(" ");
        Matcher declaration = CONTENT_DECLARATION.matcher(plain);
        while (declaration.find()) {
            int i = declaration.end();
            StringBuilder value = new StringBuilder();
            while (i < plain.length()) {
                char c = plain.charAt(i);
                if (c == ';' || c == '}' || c == '!') {
                    break;
                }
                if (c == '"' || c == '\'') {
                    i = readString(plain, i, value);
                } else {
                    i++;
                }
            }
            if (value.length() > 0) {
                out.append(value).append('\n');
            }
        }
    }

    /** Reads a CSS string token starting at the quote at {@code start} (CSS Syntax 4.3.5); returns the index after it. */
    private static int readString(String css, int start, StringBuilder out) {
        char quote = css.charAt(start);
        int i = start + 1;
        while (i < css.length()) {
            char c = css.charAt(i);
            if (c == quote) {
                return i + 1;
            }
            if (c == '\n') {
                return i; // a bad string ends at the line break
            }
            if (c == '\\' && i + 1 < css.length()) {
                i = readEscape(css, i + 1, out);
                continue;
            }
            out.append(c);
            i++;
        }
        return i;
    }

    private static int readEscape(String css, int i, StringBuilder out) {
        char c = css.charAt(i);
        if (c == '\n' || c == '\r' || c == '\f') {
            return i + 1; // an escaped line break continues the string
        }
        int end = i;
        while (end < css.length() && end - i < 6 && Character.digit(css.charAt(end), 16) >= 0) {
            end++;
        }
        if (end == i) {
            out.append(c);
            return i + 1;
        }
        int codePoint = Integer.parseInt(css.substring(i, end), 16);
        out.appendCodePoint(codePoint == 0 || codePoint > 0x10FFFF || Character.isSurrogate((char) codePoint)
            && codePoint <= 0xFFFF ? 0xFFFD : codePoint);
        if (end < css.length() && Character.isWhitespace(css.charAt(end))) {
            end++; // one whitespace after a hex escape belongs to it
        }
        return end;
    }
}
