package org.caseguard.core.crypto.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** ENC-3: what is signed must be 7-bit; content that already is passes untouched, byte for byte. */
class SevenBitContentTest {
    private static byte[] multipart(String secondPartEncoding, String secondPartBody) {
        return ("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nHello Dana.\r\n"
            + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: " + secondPartEncoding + "\r\n\r\n"
            + secondPartBody + "\r\n--b--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void enc3SevenBitContentWithBase64IsReturnedUnchanged() throws Exception {
        byte[] entity = multipart("base64", "SGVsbG8gRGFuYSwgdGhpcyBpcyBiYXNlNjQu\r\nQ29udGVudC1UeXBl");
        assertThat(SevenBitContent.of(entity)).isSameAs(entity);
    }

    @Test
    void enc3APartDeclared8bitIsReencodedEvenWhenItsBytesAre7bit() throws Exception {
        byte[] entity = multipart("8bit", "plain ascii text");
        String result = new String(SevenBitContent.of(entity), StandardCharsets.ISO_8859_1);
        assertThat(result).doesNotContain("8bit").contains("Content-Transfer-Encoding: base64");
        String lowerCase = new String(SevenBitContent.of(multipart("BINARY", "plain")), StandardCharsets.ISO_8859_1);
        assertThat(lowerCase).doesNotContain("BINARY");
    }

    @Test
    void enc3EightBitBytesAndOverlongLinesAreReencoded() throws Exception {
        assertThat(new String(SevenBitContent.of(multipart("7bit", "caf\u00e9")), StandardCharsets.ISO_8859_1))
            .contains("Content-Transfer-Encoding: base64");
        assertThat(new String(SevenBitContent.of(multipart("7bit", "x".repeat(999))), StandardCharsets.ISO_8859_1))
            .contains("Content-Transfer-Encoding: base64");
        byte[] longestAllowed = multipart("7bit", "x".repeat(998));
        assertThat(SevenBitContent.of(longestAllowed)).isSameAs(longestAllowed);
    }
}
