package org.caseguard.core.crypto.smime;

import java.io.ByteArrayOutputStream;

import javax.mail.util.SharedByteArrayInputStream;

/**
 * A byte buffer whose content JavaMail can read back without copying it: a MimeMessage parsed from a
 * {@link SharedByteArrayInputStream} refers to the buffer instead of reading the body into a new array. Large
 * messages are copied several times on their way through S/MIME otherwise.
 */
final class ByteSink extends ByteArrayOutputStream {
    ByteSink(int expectedSize) {
        super(Math.max(expectedSize, 1024));
    }

    SharedByteArrayInputStream asInput() {
        return new SharedByteArrayInputStream(buf, 0, count);
    }
}
