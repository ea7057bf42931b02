package org.caseguard.journal.retention;

import java.nio.file.Path;
import java.util.Properties;

import javax.sql.DataSource;

import org.caseguard.journal.S3ProxyServer;
import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.ContentStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every {@link RetentionTest} case with the content on a real S3 API (s3proxy): disposal destroys case and message keys,
 * removes the objects no longer referenced, keeps the rest readable, and the journal still verifies.
 */
class S3RetentionTest extends RetentionTest {
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
    protected ContentStore openContent(Path workingDirectory, DataSource dataSource) {
        Properties properties = s3.freshBucket();
        bucket = properties.getProperty("journal.content.s3.bucket");
        return ContentStores.open(properties, workingDirectory, dataSource, s3.environment()::get);
    }

    @Override
    protected long storedBlobCount(Path workingDirectory) {
        return s3.objectNames(bucket).size();
    }
}
