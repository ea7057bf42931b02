package org.caseguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caseguard.core.detect.Fixtures.classifier;
import static org.caseguard.core.detect.Fixtures.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MalformedMessageTest {

    @Test
    void truncatedMultipartWithoutClosingBoundaryIsClassifiedFromWhatCanBeRead() throws Exception {
        Classification result = classifier().classify(parse("Subject: hi\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"XX\"\n\n--XX\nContent-Type: text/plain\n\nfirst part\n"
            + "--XX\nContent-Type: text/plain\n\ncase 2023-CW-00123 and then the conn"));
        assertThat(result.caseNumbers()).containsExactly("2023-CW-00123");
    }

    @Test
    void unknownTransferEncodingIsReadAsIs() throws Exception {
        Classification result = classifier().classify(parse("Subject: hi\nContent-Transfer-Encoding: x-weird\n\n"
            + "Maria Lopez\n"));
        assertThat(result.clientIds()).containsExactly("c-maria");
    }

    @Test
    void rawUtf8HeaderIsDecoded() throws Exception {
        byte[] raw = "Subject: Jos\u00e9 N\u00fa\u00f1ez\r\n\r\nhi\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(classifier().classify(parse(raw)).subjectClientIds()).containsExactly("c-jose");
    }

    @Test
    void junkInsideBase64DoesNotHideTheContentAroundIt() throws Exception {
        String name = Base64.getEncoder().encodeToString("Maria Lopez".getBytes(StandardCharsets.US_ASCII));
        Classification result = classifier().classify(parse("Subject: hi\nContent-Transfer-Encoding: base64\n\n"
            + "%%%%" + name + "\n@@@@\n"));
        assertThat(result.clientIds()).containsExactly("c-maria");
    }

    @Test
    void nestingDeeperThanMaxDepthFailsClosedWithoutStackOverflow() throws Exception {
        String message = "Subject: innermost\n\nMaria Lopez\n";
        for (int i = 0; i < 100; i++) {
            message = "Subject: level " + i + "\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n" + message;
        }
        String nested = message;
        assertThatThrownBy(() -> classifier().classify(parse(nested)))
            .isInstanceOf(UnclassifiableMessageException.class).hasMessageContaining("maxDepth=32");

        String shallow = "Subject: innermost\n\nMaria Lopez\n";
        for (int i = 0; i < 10; i++) {
            shallow = "Subject: level " + i + "\nContent-Type: message/rfc822\n\n" + shallow;
        }
        assertThat(classifier().classify(parse(shallow)).clientIds()).containsExactly("c-maria");
    }

    @Test
    void encryptedOrCorruptDocumentFailsClosed() throws Exception {
        String pdf = Base64.getMimeEncoder().encodeToString("%PDF-1.7\n1 0 obj garbage".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> classifier().classify(parse("Subject: hi\nContent-Type: multipart/mixed; boundary=B\n\n"
            + "--B\nContent-Type: text/plain\n\nsee attached\n--B\nContent-Type: application/pdf; name=r.pdf\n"
            + "Content-Transfer-Encoding: base64\n\n" + pdf + "\n--B--\n")))
            .isInstanceOf(UnclassifiableMessageException.class);
    }

    @Test
    void tag1TwentyMegabytesOfUnidentifiedRandomBytesAreHeldAsUnreadableQuickly() throws Exception {
        byte[] junk = new byte[20 * 1024 * 1024];
        new Random(42).nextBytes(junk);
        byte[] bytes = withBinaryAttachment(junk);
        long started = System.nanoTime();
        assertThatThrownBy(() -> classifier().classify(parse(bytes)))
            .isInstanceOf(UnclassifiableMessageException.class).hasMessageContaining("looks encrypted or compressed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void tag1UnidentifiedBinaryIsReadForTheStringsItHoldsInAsciiAndUtf16() throws Exception {
        byte[] data = new byte[200_000];
        new Random(7).ints(data.length, 0, 16).forEach(new java.util.function.IntConsumer() {
            int i;

            @Override
            public void accept(int value) {
                data[i++] = (byte) value;
            }
        });
        byte[] ascii = "ref 2023-CW-00123".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, data, 150_001, ascii.length);
        byte[] wide = "Maria Lopez".getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(wide, 0, data, 90_003, wide.length);
        Classification result = classifier().classify(parse(withBinaryAttachment(data)));
        assertThat(result.caseNumbers()).contains("2023-CW-00123");
        assertThat(result.clientIds()).contains("c-maria");
    }

    private static byte[] withBinaryAttachment(byte[] content) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.write(("Subject: data\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\n"
            + "see the file\r\n--B\r\nContent-Type: application/octet-stream; name=dump.bin\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        raw.write(Base64.getMimeEncoder().encode(content));
        raw.write("\r\n--B--\r\n".getBytes(StandardCharsets.US_ASCII));
        return raw.toByteArray();
    }
}
