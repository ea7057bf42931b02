package org.caseguard.core.detect;

import static org.caseguard.core.detect.EvasionMime.CRLF;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.caseguard.core.detect.EvasionMime.Part;
import org.caseguard.core.registry.Client;

/**
 * Builds one raw message carrying ONE value through a composition of transformations, one or more from each family:
 * name form, unicode trick, place, encoding, MIME structure. Positive cases carry a registered value; negative
 * controls carry the same shapes with a value that is not registered.
 */
final class EvasionGenerator {

    /** One generated message. {@code classes} are "family:Name" strings, one per transformation applied. */
    record EvasionCase(int index, boolean positive, String value, List<String> classes, byte[] raw) {
        String describe() {
            return "#" + index + (positive ? " positive" : " negative") + " " + classes + " value=" + escape(value);
        }
    }

    static final String FORM = "form";
    static final String TRICK = "trick";
    static final String PLACE = "place";
    static final String ENCODING = "encoding";
    static final String STRUCTURE = "structure";

    static final String[] TRICKS = {"None", "ZeroWidth", "SoftHyphen", "ConfusableCyrillic",
        "ConfusableGreekCapital", "ConfusableGreekSmall", "ConfusableArmenian", "ConfusableCherokee", "Fullwidth",
        "MathAlphanumeric", "CombiningMarks", "RtlOverride", "RtlIsolate", "UnicodeSpaces", "MixedCase"};
    private static final String[] PLACES = {"Subject", "XHeader", "DisplayNameTo", "DisplayNameCc", "DisplayNameFrom",
        "AddressComment", "ContentDescription", "AttachmentFilename", "PlainBody", "HtmlText", "HtmlTitle", "HtmlAlt",
        "HtmlHref", "HtmlComment", "HtmlCssContent", "BigTextAttachmentLastLine", "BigCsvAttachmentLastLine",
        "AttachedMessageHeader", "AttachedMessageBody", "ZipEntryName", "ZipEntryContent", "ZipInZip"};
    private static final String[] CHARSETS = {"UTF-8", "US-ASCII", "UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32",
        "ISO-8859-1", "ISO-8859-2", "ISO-8859-5", "ISO-8859-7", "ISO-8859-15", "windows-1250", "windows-1251",
        "windows-1252", "windows-1253", "KOI8-R", "Shift_JIS", "EUC-JP", "GB18030", "Big5", "UTF-7", "UTF-16LE-BOM",
        "ISO-8859-4", "ISO-8859-9", "ISO-8859-13", "windows-1254", "windows-1257", "KOI8-U", "EUC-KR", "ISO-2022-JP"};
    private static final String[] ZERO_WIDTH = {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"};
    private static final String[] SPACES = {"\u00A0", "\u2002", "\u2003", "\u2007", "\u2009", "\u202F", "\u205F", "\u3000"};
    private static final String[] COMBINING = {"\u0301", "\u0300", "\u0308", "\u0327", "\u0302", "\u0303", "\u0323"};
    private static final String[] DATE_FORMATS = {"DateMmDdYyyy", "DateMDYyyy", "DateDayFirst", "DateIso",
        "DateMonthDayYear", "DateDayMonthYear", "DateMonthOrdinalYear", "DateTheOrdinalOfMonth", "DateAbbrevMonth",
        "DateDashMon"};
    private static final String[] FILLER_WORDS = {"schedule", "office", "review", "update", "meeting", "room",
        "budget", "printer", "agenda", "report", "training", "parking", "supplies", "calendar", "invoice", "lunch"};

    private final EvasionRegistry registry;
    private final EvasionConfusables confusables;

    EvasionGenerator(EvasionRegistry registry, EvasionConfusables confusables) {
        this.registry = registry;
        this.confusables = confusables;
    }

    EvasionCase generate(int index, Random random, boolean positive) {
        List<String> classes = new ArrayList<>();
        String value = positive ? registeredValue(random, classes) : unregisteredValue(random, classes);
        String carried = trick(value, random, classes);
        String place = PLACES[random.nextInt(PLACES.length)];
        classes.add(PLACE + ":" + place);
        byte[] raw = build(place, carried, random, classes);
        return new EvasionCase(index, positive, carried, List.copyOf(classes), raw);
    }

    // ---------------------------------------------------------------- name forms

    private String registeredValue(Random random, List<String> classes) {
        Client client = registry.client(random);
        LocalDate dob = client.dateOfBirth().orElseThrow();
        switch (random.nextInt(7)) {
            case 0, 1:
                classes.add(FORM + ":GivenFamily");
                return client.givenName() + " " + client.familyName();
            case 2:
                classes.add(FORM + ":FamilyCommaGiven");
                return client.familyName().toUpperCase(Locale.ROOT) + ", " + client.givenName();
            case 3:
                classes.add(FORM + ":InitialsDob");
                return initials(client, random) + " DOB " + date(dob, random, classes);
            case 4:
                classes.add(FORM + ":SurnameDob");
                return surnameWithDate(client, dob, random, classes);
            case 5:
                classes.add(FORM + ":CaseNumber");
                return registry.caseOfClient.get(client.id()).number();
            default:
                classes.add(FORM + ":ClientIdentifier");
                return client.identifiers().get(0);
        }
    }

    private String unregisteredValue(Random random, List<String> classes) {
        Client client = registry.client(random);
        switch (random.nextInt(6)) {
            case 0: {
                classes.add(FORM + ":NegOtherName");
                String[] name = registry.unregisteredName(random);
                return random.nextBoolean() ? name[0] + " " + name[1] : name[1].toUpperCase(Locale.ROOT) + ", " + name[0];
            }
            case 1:
                classes.add(FORM + ":NegOtherCaseNumber");
                return registry.unregisteredCaseNumber(random);
            case 2:
                classes.add(FORM + ":NegOtherIdentifier");
                return registry.unregisteredIdentifier(random);
            case 3:
                classes.add(FORM + ":NegSurnameOtherDate");
                return surnameWithDate(client, registry.otherDate(random, client), random, classes);
            case 4:
                classes.add(FORM + ":NegInitialsOtherDate");
                return initials(client, random) + " DOB " + date(registry.otherDate(random, client), random, classes);
            default:
                classes.add(FORM + ":NegBusinessText");
                return "the " + FILLER_WORDS[random.nextInt(FILLER_WORDS.length)] + " moved to Thursday afternoon";
        }
    }

    private static String initials(Client client, Random random) {
        char g = client.givenName().charAt(0);
        char f = client.familyName().charAt(0);
        return random.nextBoolean() ? g + "." + f + "." : g + ". " + f + ".";
    }

    private String surnameWithDate(Client client, LocalDate date, Random random, List<String> classes) {
        String d = date(date, random, classes);
        return switch (random.nextInt(3)) {
            case 0 -> client.familyName() + " DOB " + d;
            case 1 -> client.familyName() + ", born " + d;
            default -> client.familyName() + " (" + d + ")";
        };
    }

    private static String date(LocalDate d, Random random, List<String> classes) {
        int i = random.nextInt(DATE_FORMATS.length);
        classes.add(FORM + ":" + DATE_FORMATS[i]);
        String month = d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        String mon = d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        int day = d.getDayOfMonth();
        return switch (i) {
            case 0 -> String.format("%02d/%02d/%d", d.getMonthValue(), day, d.getYear());
            case 1 -> d.getMonthValue() + "/" + day + "/" + d.getYear();
            case 2 -> String.format("%02d/%02d/%d", day, d.getMonthValue(), d.getYear());
            case 3 -> d.toString();
            case 4 -> month + " " + day + ", " + d.getYear();
            case 5 -> day + " " + month + " " + d.getYear();
            case 6 -> month + " " + day + ordinal(day) + ", " + d.getYear();
            case 7 -> "the " + day + ordinal(day) + " of " + month + " " + d.getYear();
            case 8 -> mon + ". " + day + " " + d.getYear();
            default -> String.format("%02d-%s-%d", day, mon, d.getYear());
        };
    }

    private static String ordinal(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    // ---------------------------------------------------------------- unicode tricks

    private String trick(String value, Random random, List<String> classes) {
        String name;
        String result;
        int attempts = 0;
        do {
            name = random.nextInt(4) == 0 ? "None" : TRICKS[random.nextInt(TRICKS.length)];
            result = applyTrick(name, value, random);
        } while (result == null && ++attempts < 20);
        if (result == null) {
            name = "None";
            result = value;
        }
        classes.add(TRICK + ":" + name);
        return result;
    }

    /** The value with the trick applied, or null when the trick cannot change this value. */
    String applyTrick(String trick, String value, Random random) {
        switch (trick) {
            case "None":
                return value;
            case "ZeroWidth":
                return insertInside(value, random, () -> ZERO_WIDTH[random.nextInt(ZERO_WIDTH.length)]);
            case "SoftHyphen":
                return insertInside(value, random, () -> "\u00AD");
            case "CombiningMarks": {
                StringBuilder b = new StringBuilder();
                boolean changed = false;
                for (char c : value.toCharArray()) {
                    b.append(c);
                    if (Character.isLetter(c) && random.nextInt(3) == 0) {
                        b.append(COMBINING[random.nextInt(COMBINING.length)]);
                        changed = true;
                    }
                }
                return changed ? b.toString() : null;
            }
            case "RtlOverride":
                // stored reversed inside RLO ... PDF, so that it DISPLAYS as the value; brackets are mirrored glyphs
                // at a right-to-left level, so the stored reversed text has them swapped
                return "\u202E" + mirrorBrackets(new StringBuilder(value).reverse().toString()) + "\u202C";
            case "RtlIsolate": {
                String[] words = value.split(" ");
                StringBuilder b = new StringBuilder();
                for (String word : words) {
                    if (b.length() > 0) {
                        b.append(' ');
                    }
                    b.append("\u2067").append(word).append("\u2069");
                }
                return b.toString();
            }
            case "UnicodeSpaces": {
                if (value.indexOf(' ') < 0) {
                    return null;
                }
                StringBuilder b = new StringBuilder();
                for (char c : value.toCharArray()) {
                    b.append(c == ' ' ? SPACES[random.nextInt(SPACES.length)] : String.valueOf(c));
                }
                return b.toString();
            }
            case "MixedCase": {
                StringBuilder b = new StringBuilder();
                for (char c : value.toCharArray()) {
                    b.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
                }
                String s = b.toString();
                return s.equals(value) ? null : s;
            }
            default: {
                // confusables of one script family: replace about half the replaceable characters, at least one
                if (confusables.coverage(trick, value) == 0) {
                    return null;
                }
                StringBuilder b = new StringBuilder();
                boolean changed = false;
                for (char c : value.toCharArray()) {
                    List<String> subs = confusables.substitutes(trick, c);
                    if (!subs.isEmpty() && (random.nextBoolean() || !changed && random.nextInt(3) == 0)) {
                        b.append(subs.get(random.nextInt(subs.size())));
                        changed = true;
                    } else {
                        b.append(c);
                    }
                }
                if (!changed) {
                    for (int i = 0; i < value.length(); i++) {
                        List<String> subs = confusables.substitutes(trick, value.charAt(i));
                        if (!subs.isEmpty()) {
                            return value.substring(0, i) + subs.get(0) + value.substring(i + 1);
                        }
                    }
                }
                return b.toString();
            }
        }
    }

    private static String mirrorBrackets(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            int i = "()[]{}<>".indexOf(c);
            b.append(i < 0 ? c : ")(][}{><".charAt(i));
        }
        return b.toString();
    }

    private static String insertInside(String value, Random random, java.util.function.Supplier<String> filler) {
        StringBuilder b = new StringBuilder();
        boolean inserted = false;
        for (int i = 0; i < value.length(); i++) {
            b.append(value.charAt(i));
            if (i + 1 < value.length() && Character.isLetterOrDigit(value.charAt(i))
                && Character.isLetterOrDigit(value.charAt(i + 1)) && (random.nextInt(3) == 0 || !inserted && i + 2 == value.length())) {
                b.append(filler.get());
                inserted = true;
            }
        }
        return inserted ? b.toString() : null;
    }

    // ---------------------------------------------------------------- places, encodings, structures

    private byte[] build(String place, String value, Random random, List<String> classes) {
        Part top = new Part();
        top.header("From", "Intake Desk <desk@agency.example>");
        top.header("To", "Partner Office <office@partner.example>");
        top.header("Date", "Mon, 7 Dec 2026 10:00:00 +0000");
        top.header("Message-ID", "<ev" + Long.toHexString(random.nextLong() & Long.MAX_VALUE) + "@agency.example>");
        String subject = "Weekly " + FILLER_WORDS[random.nextInt(FILLER_WORDS.length)] + " notes";
        Part carrier;
        boolean textCarrier = false;
        boolean htmlCarrier = false;
        switch (place) {
            case "Subject":
            case "XHeader":
            case "DisplayNameTo":
            case "DisplayNameCc":
            case "DisplayNameFrom":
            case "AddressComment": {
                String header = headerEncoded(value, random, classes);
                switch (place) {
                    case "Subject" -> subject = "Re: notes about " + header + " for Monday";
                    case "XHeader" -> top.header("X-Case-Reference", header);
                    case "DisplayNameTo" -> replaceHeader(top, "To", quotedDisplayName(header) + " <office@partner.example>");
                    case "DisplayNameCc" -> top.header("Cc", quotedDisplayName(header) + " <cc@partner.example>");
                    case "DisplayNameFrom" -> replaceHeader(top, "From", quotedDisplayName(header) + " <desk@agency.example>");
                    default -> top.header("Cc", "cc@partner.example (" + header + ")");
                }
                carrier = neutralText(random);
                break;
            }
            case "ContentDescription": {
                carrier = random.nextBoolean() ? neutralText(random) : neutralAttachment(random, "notes.txt");
                carrier.header("Content-Description", headerEncoded(value, random, classes));
                break;
            }
            case "AttachmentFilename": {
                carrier = EvasionMime.leaf("text/plain; charset=UTF-8", "7bit", neutralBody(random));
                String fileName = value + ".txt";
                carrier.header("Content-Disposition", "attachment; " + filenameParameter(fileName, random, classes));
                break;
            }
            case "PlainBody":
            case "AttachedMessageBody": {
                carrier = textPart("plain", plainText(value), value, random, classes, true);
                textCarrier = true;
                if (place.equals("AttachedMessageBody")) {
                    carrier = attachedMessage(carrier, "Fwd: case notes", random);
                    textCarrier = false;
                }
                break;
            }
            case "HtmlText":
            case "HtmlTitle":
            case "HtmlAlt":
            case "HtmlHref":
            case "HtmlComment":
            case "HtmlCssContent": {
                carrier = textPart("html", html(place, value, random), value, random, classes, false);
                textCarrier = true;
                htmlCarrier = true;
                break;
            }
            case "BigTextAttachmentLastLine":
            case "BigCsvAttachmentLastLine": {
                boolean csv = place.startsWith("BigCsv");
                String text = filler(csv, random) + (csv ? "99999,closing," + csvQuote(value) : "Final note: " + value) + CRLF;
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                boolean b64 = random.nextBoolean();
                classes.add(ENCODING + ":" + (b64 ? "Base64" : "QuotedPrintable"));
                carrier = EvasionMime.leaf((csv ? "text/csv" : "text/plain") + "; charset=UTF-8",
                    b64 ? "base64" : "quoted-printable", b64 ? EvasionMime.base64(bytes) : EvasionMime.quotedPrintable(bytes, true));
                carrier.header("Content-Disposition", "attachment; filename=\"" + (csv ? "export.csv" : "activity-log.txt") + "\"");
                break;
            }
            case "AttachedMessageHeader": {
                Part inner = new Part();
                inner.header("From", "Records <records@agency.example>");
                inner.header("To", "desk@agency.example");
                inner.header("Date", "Fri, 4 Dec 2026 09:00:00 +0000");
                inner.header("Subject", "File for " + headerEncoded(value, random, classes));
                inner.header("MIME-Version", "1.0");
                Part body = neutralText(random);
                inner.headers.addAll(body.headers);
                inner.body = body.body;
                carrier = EvasionMime.rfc822(inner);
                carrier.header("Content-Disposition", "attachment; filename=\"forwarded.eml\"");
                break;
            }
            default: {
                byte[] zip = zip(place, value, random);
                classes.add(ENCODING + ":Base64");
                carrier = EvasionMime.leaf("application/zip", "base64", EvasionMime.base64(zip));
                carrier.header("Content-Disposition", "attachment; filename=\"documents.zip\"");
            }
        }
        if (textCarrier) {
            int d = random.nextInt(3);
            if (d == 1) {
                carrier.header("Content-Disposition", "inline");
                classes.add(STRUCTURE + ":DispositionInline");
            } else if (d == 2) {
                carrier.header("Content-Disposition", "attachment; filename=\"note." + (htmlCarrier ? "html" : "txt") + "\"");
                classes.add(STRUCTURE + ":DispositionAttachment");
            }
        }
        top.header("Subject", subject);
        top.header("MIME-Version", "1.0");
        Part root = structure(carrier, htmlCarrier, random, classes);
        top.headers.addAll(root.headers);
        top.body = root.body;
        top.children = root.children;
        top.boundary = root.boundary;
        return top.toBytes();
    }

    private static void replaceHeader(Part part, String name, String value) {
        part.headers.removeIf(h -> h.startsWith(name + ":"));
        part.header(name, value);
    }

    private static String quotedDisplayName(String header) {
        return header.startsWith("=?") ? header : "\"" + header + "\"";
    }

    private String headerEncoded(String value, Random random, List<String> classes) {
        boolean ascii = value.chars().allMatch(c -> c >= 32 && c < 127);
        int choice = random.nextInt(ascii ? 4 : 3);
        switch (choice) {
            case 0:
                classes.add(ENCODING + ":Rfc2047B");
                return EvasionMime.encodedWordB(value, "UTF-8");
            case 1:
                classes.add(ENCODING + ":Rfc2047Q");
                return EvasionMime.encodedWordQ(value, "UTF-8");
            case 2: {
                boolean q = random.nextBoolean();
                classes.add(ENCODING + ":Rfc2047Split" + (q ? "Q" : "B"));
                return EvasionMime.splitEncodedWords(value, 2 + random.nextInt(3), q, random);
            }
            default:
                classes.add(ENCODING + ":HeaderPlain");
                return value;
        }
    }

    private String filenameParameter(String fileName, Random random, List<String> classes) {
        boolean ascii = fileName.chars().allMatch(c -> c >= 32 && c < 127 && c != '"' && c != '\\');
        int choice = random.nextInt(ascii ? 4 : 3);
        switch (choice) {
            case 0:
                classes.add(ENCODING + ":Rfc2231Encoded");
                return EvasionMime.param2231("filename", fileName);
            case 1:
                classes.add(ENCODING + ":Rfc2231Continued");
                return EvasionMime.param2231Continued("filename", fileName, random);
            case 2:
                return "filename=\"" + headerEncoded(fileName, random, classes) + "\"";
            default:
                classes.add(ENCODING + ":FilenamePlain");
                return "filename=\"" + fileName + "\"";
        }
    }

    /** A text/plain or text/html part in a random charset and transfer encoding (or flowed / uuencoded for plain). */
    private Part textPart(String subtype, String text, String value, Random random, List<String> classes, boolean plain) {
        int special = plain ? random.nextInt(8) : 7;
        if (special == 0) {
            classes.add(ENCODING + ":Uuencode");
            String uu = EvasionMime.uuencode("name.txt", text.getBytes(StandardCharsets.UTF_8));
            String body = "Hello," + CRLF + CRLF + "the notes are below." + CRLF + CRLF + uu + CRLF + "Regards" + CRLF;
            return EvasionMime.leaf("text/plain; charset=US-ASCII", "7bit", body.getBytes(StandardCharsets.US_ASCII));
        }
        if (special == 1 || special == 2) {
            boolean delsp = special == 1 || value.indexOf(' ') < 0;
            String flowed = flowedBreakInside(text, value, delsp, random);
            if (flowed != null) {
                classes.add(ENCODING + ":" + (delsp ? "FlowedDelspYes" : "FlowedDelspNo"));
                byte[] bytes = flowed.getBytes(StandardCharsets.UTF_8);
                boolean qp = random.nextBoolean() || !EvasionMime.isSevenBitSafe(bytes);
                classes.add(ENCODING + ":" + (qp ? "QuotedPrintable" : "SevenBit"));
                return EvasionMime.leaf("text/plain; charset=UTF-8; format=flowed; delsp=" + (delsp ? "yes" : "no"),
                    qp ? "quoted-printable" : "7bit", qp ? EvasionMime.quotedPrintable(bytes, true) : bytes);
            }
        }
        String charset;
        byte[] bytes;
        int attempts = 0;
        while (true) {
            charset = CHARSETS[random.nextInt(CHARSETS.length)];
            if (charset.equals("UTF-7")) {
                bytes = EvasionMime.utf7(text);
                break;
            }
            if (charset.equals("UTF-16LE-BOM")) {
                // declared as UTF-16, little-endian with its byte order mark (the JDK's UTF-16 encoder writes big-endian)
                byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
                bytes = new byte[le.length + 2];
                bytes[0] = (byte) 0xFF;
                bytes[1] = (byte) 0xFE;
                System.arraycopy(le, 0, bytes, 2, le.length);
                break;
            }
            Charset cs = Charset.forName(charset);
            if (cs.newEncoder().canEncode(text) || ++attempts > 30) {
                if (!cs.newEncoder().canEncode(text)) {
                    charset = "UTF-8";
                    cs = StandardCharsets.UTF_8;
                }
                bytes = text.getBytes(cs);
                break;
            }
        }
        classes.add(ENCODING + ":Charset-" + charset);
        boolean wide = charset.startsWith("UTF-16") || charset.startsWith("UTF-32");
        int cte = random.nextInt(3);
        byte[] encoded;
        String cteName;
        if (cte == 0 && !wide) {
            boolean seven = EvasionMime.isSevenBitSafe(bytes);
            classes.add(ENCODING + ":" + (seven ? "SevenBit" : "EightBit"));
            cteName = seven ? "7bit" : "8bit";
            encoded = bytes;
        } else if (cte == 1) {
            classes.add(ENCODING + ":QuotedPrintable");
            cteName = "quoted-printable";
            encoded = EvasionMime.quotedPrintable(bytes, !wide);
        } else {
            classes.add(ENCODING + ":Base64");
            cteName = "base64";
            encoded = EvasionMime.base64(bytes);
        }
        String declared = charset.equals("UTF-16LE-BOM") ? "UTF-16" : charset;
        return EvasionMime.leaf("text/" + subtype + "; charset=" + (random.nextInt(4) == 0 ? "\"" + declared + "\"" : declared),
            cteName, encoded);
    }

    /** The text with an RFC 3676 soft line break placed inside the value, or null when that is impossible. */
    private static String flowedBreakInside(String text, String value, boolean delsp, Random random) {
        int at = text.indexOf(value);
        if (at < 0 || value.length() < 2) {
            return null;
        }
        int cut;
        if (delsp) {
            cut = at + 1 + random.nextInt(value.length() - 1);
            if (value.charAt(cut - at - 1) == ' ' || value.charAt(cut - at) == ' '
                || Character.isLowSurrogate(value.charAt(cut - at))) {
                return null; // never between the two halves of one character (a mathematical letter, say)
            }
            // soft break: the line ends in one space that the reader deletes (delsp=yes)
            return text.substring(0, cut) + " " + CRLF + text.substring(cut);
        }
        int space = value.indexOf(' ');
        if (space < 0) {
            return null;
        }
        cut = at + space + 1;
        // soft break after the value's own space; the space stays (delsp=no)
        return text.substring(0, cut) + CRLF + text.substring(cut);
    }

    private Part attachedMessage(Part body, String subject, Random random) {
        Part inner = new Part();
        inner.header("From", "Records <records@agency.example>");
        inner.header("To", "desk@agency.example");
        inner.header("Date", "Fri, 4 Dec 2026 09:00:00 +0000");
        inner.header("Subject", subject);
        inner.header("MIME-Version", "1.0");
        inner.headers.addAll(body.headers);
        inner.body = body.body;
        inner.children = body.children;
        inner.boundary = body.boundary;
        Part part = EvasionMime.rfc822(inner);
        if (random.nextBoolean()) {
            part.header("Content-Disposition", "attachment; filename=\"forwarded.eml\"");
        }
        return part;
    }

    private Part structure(Part carrier, boolean html, Random random, List<String> classes) {
        int choice = random.nextInt(html ? 5 : 4);
        switch (choice) {
            case 0:
                classes.add(STRUCTURE + ":SinglePart");
                return carrier;
            case 1:
                classes.add(STRUCTURE + ":MultipartMixed");
                return EvasionMime.multipart("mixed", List.of(neutralText(random), carrier), random);
            case 2: {
                classes.add(STRUCTURE + ":Nested");
                Part part = carrier;
                int depth = 3 + random.nextInt(3);
                String[] subtypes = {"mixed", "related", "mixed", "parallel", "mixed"};
                for (int level = 0; level < depth; level++) {
                    part = EvasionMime.multipart(subtypes[level], random.nextBoolean()
                        ? List.of(part, neutralText(random)) : List.of(neutralText(random), part), random);
                }
                return part;
            }
            case 3: {
                classes.add(STRUCTURE + ":ForwardedRfc822");
                Part inner = random.nextBoolean() ? carrier
                    : EvasionMime.multipart("mixed", List.of(neutralText(random), carrier), random);
                return EvasionMime.multipart("mixed", List.of(neutralText(random), attachedMessage(inner, "Fwd: notes", random)), random);
            }
            default: {
                classes.add(STRUCTURE + ":AlternativeHtmlOnly");
                Part alternative = EvasionMime.multipart("alternative", List.of(neutralText(random), carrier), random);
                return random.nextBoolean() ? alternative
                    : EvasionMime.multipart("mixed", List.of(alternative, neutralAttachment(random, "agenda.txt")), random);
            }
        }
    }

    // ---------------------------------------------------------------- content

    private static String plainText(String value) {
        return "Hello," + CRLF + CRLF + "following up on " + value + " as discussed this morning." + CRLF + CRLF
            + "Regards," + CRLF + "Intake Desk" + CRLF;
    }

    private static String html(String place, String value, Random random) {
        String attr = value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
        String title = place.equals("HtmlTitle") ? attr : "Notes";
        String body = switch (place) {
            case "HtmlText" -> "<p>Following up on <b>" + attr + "</b> as discussed.</p>";
            case "HtmlTitle" -> "<p>See the title.</p>";
            case "HtmlAlt" -> "<p>Photo: <img src=\"cid:photo1\" alt=\"" + attr + "\"></p>";
            case "HtmlHref" -> "<p><a href=\"https://intranet.agency.example/people/" + attr + "\">profile</a></p>";
            case "HtmlComment" -> "<p>Notes attached.</p><!-- " + attr + " -->";
            default -> "<p>Notes for <span class=\"who\"></span></p>";
        };
        String style = place.equals("HtmlCssContent")
            ? "<style>.who::after { content: \"" + cssEscape(value, random) + "\"; }</style>" : "";
        return "<!DOCTYPE html><html><head><title>" + title + "</title>" + style + "</head><body>" + CRLF + body + CRLF
            + "<p>Regards,<br>Intake Desk</p></body></html>" + CRLF;
    }

    private static String cssEscape(String value, Random random) {
        StringBuilder b = new StringBuilder();
        value.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\' || cp > 126 || random.nextInt(3) == 0) {
                b.append('\\').append(Integer.toHexString(cp)).append(' ');
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private static String csvQuote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String filler(boolean csv, Random random) {
        StringBuilder b = new StringBuilder(1_200_000);
        if (csv) {
            b.append("row,category,note").append(CRLF);
        }
        int row = 0;
        while (b.length() < 1_150_000) {
            String a = FILLER_WORDS[random.nextInt(FILLER_WORDS.length)];
            String c = FILLER_WORDS[random.nextInt(FILLER_WORDS.length)];
            if (csv) {
                b.append(row).append(',').append(a).append(",routine ").append(c).append(" item").append(CRLF);
            } else {
                b.append("Line ").append(row).append(": routine ").append(a).append(" and ").append(c)
                    .append(" notes for the office, nothing to report.").append(CRLF);
            }
            row++;
        }
        return b.toString();
    }

    private static byte[] neutralBody(Random random) {
        return ("Please find the " + FILLER_WORDS[random.nextInt(FILLER_WORDS.length)] + " notes for this week." + CRLF)
            .getBytes(StandardCharsets.US_ASCII);
    }

    private static Part neutralText(Random random) {
        return EvasionMime.leaf("text/plain; charset=US-ASCII", "7bit", neutralBody(random));
    }

    private static Part neutralAttachment(Random random, String name) {
        Part part = EvasionMime.leaf("text/plain; charset=US-ASCII", "base64", EvasionMime.base64(neutralBody(random)));
        part.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        return part;
    }

    private static byte[] zip(String place, String value, Random random) {
        try {
            byte[] text = plainText(value).getBytes(StandardCharsets.UTF_8);
            return switch (place) {
                case "ZipEntryName" -> zipOf(value + ".txt", neutralBody(random));
                case "ZipEntryContent" -> zipOf("notes.txt", text);
                default -> zipOf("inner.zip", zipOf("notes.txt", text));
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zipOf(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("Documents for the office.\r\n".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp >= 32 && cp < 127) {
                b.appendCodePoint(cp);
            } else {
                b.append(String.format("\\u{%X}", cp));
            }
        });
        return b.toString();
    }
}
