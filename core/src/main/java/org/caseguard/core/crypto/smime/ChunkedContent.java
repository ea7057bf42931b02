package org.caseguard.core.crypto.smime;

import java.io.IOException;
import java.io.OutputStream;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cms.CMSTypedData;

/**
 * CMS content handed to the cipher or digest 16 KB at a time. The JDK's AES, GHASH and SHA-2 use the CPU's
 * instructions only once the JIT has compiled the methods that do one call's work, which it does by call count: a
 * 20 MB message passed in one call is processed by the interpreter's plain Java version. In pieces, the compiled
 * version takes over after a few messages (measured in bench/README.md).
 */
final class ChunkedContent implements CMSTypedData {
    private static final int CHUNK = 16 * 1024;

    private final byte[] bytes;

    ChunkedContent(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public ASN1ObjectIdentifier getContentType() {
        return CMSObjectIdentifiers.data;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        for (int offset = 0; offset < bytes.length; offset += CHUNK) {
            out.write(bytes, offset, Math.min(CHUNK, bytes.length - offset));
        }
    }

    @Override
    public Object getContent() {
        return bytes.clone();
    }
}
