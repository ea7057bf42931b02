package org.caseguard.server.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import javax.mail.Address;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.search.HeaderTerm;
import javax.mail.search.SearchTerm;

/**
 * A staff member's ordinary mail client: SMTP submission with AUTH to send, IMAP to read. JavaMail, the same
 * client library many desktop and server clients use.
 */
public final class StaffMail {
    public static final String PASSWORD = "secret-Passw0rd";

    /** A message this harness handed to the server, as the journal must have recorded it (JRN-1). */
    public record Sent(String messageId, String envelopeSender, List<String> envelopeRecipients) {
    }

    private final List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    private final int submissionPort;
    private final int inboundPort;
    private final int imapPort;

    public StaffMail(int submissionPort, int inboundPort, int imapPort) {
        this.submissionPort = submissionPort;
        this.inboundPort = inboundPort;
        this.imapPort = imapPort;
    }

    /** Sends raw RFC 5322 text as {@code user} through submission; the envelope recipients may differ from the headers (Bcc). */
    public void send(String user, String rawMessage, String... envelopeRecipients) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(submissionPort));
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.from", user);
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "60000");
        Session session = Session.getInstance(properties);
        MimeMessage message = parse(session, rawMessage);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", submissionPort, user, PASSWORD);
            transport.sendMessage(message, addresses(envelopeRecipients));
        }
        sent.add(new Sent(message.getMessageID(), user, List.of(envelopeRecipients)));
    }

    /** Sends as an outside server would: to the inbound port, no authentication. */
    public void sendFromOutside(String envelopeSender, String rawMessage, String... envelopeRecipients) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(inboundPort));
        properties.put("mail.smtp.from", envelopeSender);
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "60000");
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", inboundPort, null, null);
            MimeMessage message = parse(session, rawMessage);
            transport.sendMessage(message, addresses(envelopeRecipients));
            sent.add(new Sent(message.getMessageID(), envelopeSender, List.of(envelopeRecipients)));
        }
    }

    /** Every message sent through this harness so far, in order. */
    public List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** Every message in the user's INBOX, as raw text, read over IMAP. */
    public List<String> inbox(String user) throws MessagingException {
        return read(user, null);
    }

    /**
     * The messages in the user's INBOX whose header {@code name} contains {@code value}, found by an IMAP SEARCH
     * on the server, so polling does not download the whole mailbox each time.
     */
    public List<String> withHeader(String user, String name, String value) throws MessagingException {
        return read(user, new HeaderTerm(name, value));
    }

    private List<String> read(String user, SearchTerm term) throws MessagingException {
        return withInbox(user, inbox -> {
            List<String> messages = new ArrayList<>();
            for (Message message : term == null ? inbox.getMessages() : inbox.search(term)) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                try {
                    message.writeTo(out);
                } catch (java.io.IOException e) {
                    throw new MessagingException("cannot read message", e);
                }
                messages.add(out.toString(StandardCharsets.UTF_8));
            }
            return messages;
        });
    }

    /** The Message-ID of every message in the user's INBOX (headers only: cheap even for very large mail). */
    public List<String> inboxMessageIds(String user) throws MessagingException {
        return withInbox(user, inbox -> {
            List<String> ids = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                String[] values = message.getHeader("Message-ID");
                if (values != null) {
                    ids.addAll(Arrays.asList(values));
                }
            }
            return ids;
        });
    }

    @FunctionalInterface
    private interface InboxWork<T> {
        T run(Folder inbox) throws MessagingException;
    }

    /**
     * James 3.8.1's IMAP server was seen to stall a read for 20 s and then drop the connection while mail was being
     * delivered to the same mailbox: a read that dies that way is retried on a new connection (twice at most), so
     * that an assertion made outside a polling loop is not lost to it.
     */
    private <T> T withInbox(String user, InboxWork<T> work) throws MessagingException {
        for (int attempt = 1; ; attempt++) {
            try {
                return withInboxOnce(user, work);
            } catch (javax.mail.FolderClosedException | javax.mail.StoreClosedException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private <T> T withInboxOnce(String user, InboxWork<T> work) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "10000");
        properties.put("mail.imap.timeout", "20000");
        // One FETCH BODY[] per message: James 3.8.1's IMAP server was seen to stall on partial fetches under load.
        properties.put("mail.imap.partialfetch", "false");
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", imapPort, user, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            T result = work.run(inbox);
            inbox.close(false);
            return result;
        } finally {
            store.close();
        }
    }

    private static MimeMessage parse(Session session, String raw) throws MessagingException {
        return new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (getHeader("Message-ID") == null) {
                    super.updateMessageID();
                }
            }
        };
    }

    private static Address[] addresses(String... recipients) throws MessagingException {
        List<Address> addresses = new ArrayList<>();
        for (String recipient : Arrays.asList(recipients)) {
            InternetAddress address;
            try {
                address = new InternetAddress(recipient, false);
            } catch (javax.mail.internet.AddressException unusual) {
                // a permissive client sends what the user typed (e.g. a trailing dot): let the server judge it
                address = new InternetAddress();
                address.setAddress(recipient);
            }
            addresses.add(address);
        }
        return addresses.toArray(new Address[0]);
    }
}
