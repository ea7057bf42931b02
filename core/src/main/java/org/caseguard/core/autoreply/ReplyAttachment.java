package org.caseguard.core.autoreply;

/** A file attached to automatic replies (CN-10: an approved request form), read once at configuration time. */
public record ReplyAttachment(String fileName, String contentType, byte[] content) {
    public ReplyAttachment {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
