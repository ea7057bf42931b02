package org.caseguard.journal.store;

import java.nio.file.Path;
import java.util.Properties;

import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.S3ProxyServer;
import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.ContentStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link JournalBlobTest} with the content on a real S3 API (s3proxy on loopback). */
class S3JournalBlobTest extends JournalBlobTest {
    private static S3ProxyServer s3;
    private String bucket;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Override
    protected ContentStore openContent(Path workingDirectory, JdbcLeafStore leafStore) {
        Properties properties = s3.freshBucket();
        bucket = properties.getProperty("journal.content.s3.bucket");
        return ContentStores.open(properties, workingDirectory, leafStore.dataSource(), s3.environment()::get);
    }

    @Override
    protected byte[] readBlob(String name) {
        return s3.read(bucket, name);
    }

    @Override
    protected boolean anyBlobUnder(String scopeFolder) {
        return s3.objectNames(bucket).stream().anyMatch(name -> name.startsWith(scopeFolder + "/"));
    }

    @Override
    protected void writeBlob(String name, byte[] bytes) {
        s3.write(bucket, name, bytes);
    }
}
