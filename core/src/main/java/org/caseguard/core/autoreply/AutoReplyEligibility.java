package org.caseguard.core.autoreply;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.ContentType;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.ParseException;

/**
 * RFC 3834 (sections 2 and 3.1): whether an incoming message may get an automatic reply at all, before any
 * per-address rate limit ({@link AutoReplyLedger}). Refuses, in this order:
 * <ul>
 * <li>{@code null-sender}: no envelope sender ({@code MAIL FROM:<>}), the mark of bounces and other automatic mail;</li>
 * <li>{@code system-sender}: a sender whose local part names a mail system, not a person (MAILER-DAEMON,
 *     postmaster, listserv, majordomo, mailman, {@code owner-*}, {@code *-owner}, {@code *-request}, {@code *-bounces},
 *     {@code bounce*}, and every spelling of no-reply / do-not-reply);</li>
 * <li>{@code auto-submitted}: an {@code Auto-Submitted} header with any value but {@code no}, or the older
 *     {@code X-Autoreply} / {@code X-Autorespond} / {@code X-Autoresponder} headers other responders use;</li>
 * <li>{@code precedence}: {@code Precedence: bulk, list or junk};</li>
 * <li>{@code list}: any {@code List-*} header (RFC 2369, RFC 2919): mail through a list must not be answered to the list;</li>
 * <li>{@code suppressed}: {@code X-Auto-Response-Suppress} (Microsoft) naming All, AutoReply or OOF;</li>
 * <li>{@code report}: a delivery or disposition report ({@code multipart/report}, {@code message/delivery-status},
 *     {@code message/disposition-notification});</li>
 * <li>{@code sender-mismatch}: the envelope sender is neither in {@code From} nor in {@code Sender}. The reply
 *     goes to the envelope sender (3.1.1); when the visible author is someone else, the mail was relayed,
 *     redistributed or forged, and a reply would reach a party the author did not choose. Comparison ignores
 *     the case of the whole address.</li>
 * </ul>
 * Reasons are wire codes for logs: they never carry the address.
 */
public final class AutoReplyEligibility {
    public enum Refusal {
        NULL_SENDER("null-sender"), SYSTEM_SENDER("system-sender"), AUTO_SUBMITTED("auto-submitted"),
        PRECEDENCE("precedence"), LIST("list"), SUPPRESSED("suppressed"), REPORT("report"),
        SENDER_MISMATCH("sender-mismatch");

        private final String wire;

        Refusal(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private static final Set<String> SYSTEM_LOCAL_PARTS = Set.of("mailer-daemon", "mailerdaemon", "postmaster",
        "listserv", "majordomo", "mailman", "daemon", "root");
    private static final Set<String> NO_REPLY = Set.of("noreply", "donotreply", "dontreply", "noreplies", "noresponse");
    private static final Set<String> LEGACY_RESPONDER_HEADERS = Set.of("X-Autoreply", "X-Autorespond", "X-Autoresponder");
    private static final Set<String> LIST_HEADERS = Set.of("List-Id", "List-Help", "List-Unsubscribe", "List-Subscribe",
        "List-Post", "List-Owner", "List-Archive", "List-Unsubscribe-Post");
    private static final Set<String> REPORT_TYPES = Set.of("multipart/report", "message/delivery-status",
        "message/disposition-notification");

    private AutoReplyEligibility() {
    }

    /** Empty when the message may be answered automatically; otherwise the first reason it may not. */
    public static Optional<Refusal> check(Optional<String> envelopeSender, MimeMessage message) throws MessagingException {
        if (envelopeSender.isEmpty() || envelopeSender.get().isBlank()) {
            return Optional.of(Refusal.NULL_SENDER);
        }
        String sender = envelopeSender.get().trim();
        if (isSystemSender(sender)) {
            return Optional.of(Refusal.SYSTEM_SENDER);
        }
        if (isAutoSubmitted(message)) {
            return Optional.of(Refusal.AUTO_SUBMITTED);
        }
        if (isBulk(message)) {
            return Optional.of(Refusal.PRECEDENCE);
        }
        for (String header : LIST_HEADERS) {
            if (message.getHeader(header) != null) {
                return Optional.of(Refusal.LIST);
            }
        }
        if (isSuppressed(message)) {
            return Optional.of(Refusal.SUPPRESSED);
        }
        if (isReport(message)) {
            return Optional.of(Refusal.REPORT);
        }
        if (!authorIs(sender, message)) {
            return Optional.of(Refusal.SENDER_MISMATCH);
        }
        return Optional.empty();
    }

    static boolean isSystemSender(String address) {
        int at = address.lastIndexOf('@');
        String local = (at < 0 ? address : address.substring(0, at)).toLowerCase(Locale.ROOT);
        if (SYSTEM_LOCAL_PARTS.contains(local) || local.startsWith("owner-") || local.endsWith("-owner")
            || local.endsWith("-request") || local.endsWith("-bounces") || local.startsWith("bounce")) {
            return true;
        }
        String squeezed = local.replaceAll("[-_.+]", "");
        return NO_REPLY.stream().anyMatch(squeezed::startsWith);
    }

    private static boolean isAutoSubmitted(MimeMessage message) throws MessagingException {
        String value = message.getHeader("Auto-Submitted", ",");
        if (value != null) {
            // RFC 3834 5.1: the keyword may be followed by parameters and comments, e.g. "no (by a person)".
            String keyword = value.trim().split("[\\s;(]", 2)[0].toLowerCase(Locale.ROOT);
            if (!keyword.equals("no")) {
                return true;
            }
        }
        for (String header : LEGACY_RESPONDER_HEADERS) {
            if (message.getHeader(header) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBulk(MimeMessage message) throws MessagingException {
        String value = message.getHeader("Precedence", ",");
        if (value == null) {
            return false;
        }
        String precedence = value.trim().toLowerCase(Locale.ROOT);
        return precedence.startsWith("bulk") || precedence.startsWith("list") || precedence.startsWith("junk");
    }

    private static boolean isSuppressed(MimeMessage message) throws MessagingException {
        String value = message.getHeader("X-Auto-Response-Suppress", ",");
        if (value == null) {
            return false;
        }
        for (String token : value.split("[,\\s]+")) {
            String flag = token.trim().toLowerCase(Locale.ROOT);
            if (flag.equals("all") || flag.equals("autoreply") || flag.equals("oof")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isReport(MimeMessage message) throws MessagingException {
        String contentType = message.getContentType();
        if (contentType == null) {
            return false;
        }
        try {
            return REPORT_TYPES.contains(new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT));
        } catch (ParseException e) {
            return false;
        }
    }

    private static boolean authorIs(String sender, MimeMessage message) throws MessagingException {
        return contains(sender, safeAddresses(message, "From")) || contains(sender, safeAddresses(message, "Sender"));
    }

    private static Address[] safeAddresses(MimeMessage message, String header) throws MessagingException {
        String value = message.getHeader(header, ",");
        if (value == null) {
            return new Address[0];
        }
        try {
            return InternetAddress.parseHeader(value, false);
        } catch (AddressException e) {
            return new Address[0];
        }
    }

    private static boolean contains(String sender, Address[] addresses) {
        for (Address address : addresses) {
            if (address instanceof InternetAddress internet && internet.getAddress() != null
                && internet.getAddress().trim().equalsIgnoreCase(sender)) {
                return true;
            }
        }
        return false;
    }
}
