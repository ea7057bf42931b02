package org.caseguard.journal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.caseguard.journal.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** The content contract on a real S3 API (s3proxy on loopback), and the startup checks of the S3 keys. */
class S3ContentStoreTest extends ContentStoreContract {
    private static S3ProxyServer s3;
    private Properties bucket;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Override
    protected Properties contentProperties() {
        if (bucket == null) {
            bucket = s3.freshBucket();
        }
        return bucket;
    }

    private String bucketName() {
        return contentProperties().getProperty("journal.content.s3.bucket");
    }

    @Override
    protected Map<String, String> environment() {
        return s3.environment();
    }

    @Override
    protected List<String> blobNames() {
        return s3.objectNames(bucketName()).stream().sorted().toList();
    }

    @Override
    protected byte[] readBlob(String name) {
        return s3.read(bucketName(), name);
    }

    @Override
    protected void writeBlob(String name, byte[] bytes) {
        s3.write(bucketName(), name, bytes);
    }

    private Properties with(String key, String value) {
        Properties properties = new Properties();
        properties.putAll(contentProperties());
        if (value == null) {
            properties.remove(key);
        } else {
            properties.setProperty(key, value);
        }
        return properties;
    }

    private void assertStartupFails(Properties properties, Map<String, String> environment, String... mentions) {
        assertThatThrownBy(() -> ContentStores.open(properties, workingDirectory, database.dataSource(), environment::get))
            .isInstanceOfSatisfying(IllegalArgumentException.class, e -> assertThat(e.getMessage()).contains(mentions));
    }

    @Test
    void missingOrMalformedKeysStopStartupNamingTheKey() {
        assertStartupFails(with("journal.content.s3.bucket", null), s3.environment(), "'journal.content.s3.bucket' is required");
        assertStartupFails(with("journal.content.s3.bucket", "Case_Mail"), s3.environment(), "'journal.content.s3.bucket'", "lowercase");
        assertStartupFails(with("journal.content.s3.region", null), s3.environment(), "'journal.content.s3.region' is required");
        assertStartupFails(with("journal.content.s3.endpoint", "127.0.0.1:9000"), s3.environment(), "'journal.content.s3.endpoint'", "http(s) URL");
        assertStartupFails(with("journal.content.s3.pathStyle", "yes"), s3.environment(), "'journal.content.s3.pathStyle'");
        assertStartupFails(with("journal.content.s3.accessKeyEnv", null), s3.environment(), "'journal.content.s3.accessKeyEnv' is required");
        assertStartupFails(with("journal.content.s3.secretKeyEnv", "AKIA/secret+value"), s3.environment(), "'journal.content.s3.secretKeyEnv'",
            "never the credential itself");
        assertStartupFails(with("journal.content.s3.objectLock", "legal-hold"), s3.environment(), "'journal.content.s3.objectLock'", "governance or compliance");
        assertStartupFails(with("journal.content.s3.objectLock", "compliance"), s3.environment(), "'journal.content.s3.objectLock.retention'", "P7Y");
        assertStartupFails(with("journal.content.s3.objectLock.retention", "P7Y"), s3.environment(), "'journal.content.s3.objectLock' is none");
        Properties negative = with("journal.content.s3.objectLock", "governance");
        negative.setProperty("journal.content.s3.objectLock.retention", "seven years");
        assertStartupFails(negative, s3.environment(), "'journal.content.s3.objectLock.retention'", "ISO-8601");
    }

    @Test
    void anUnsetCredentialVariableStopsStartupNamingKeyAndVariableNotItsValue() {
        assertStartupFails(contentProperties(), Map.of(S3ProxyServer.ACCESS_KEY_ENV, "caseguard-test"), "'journal.content.s3.secretKeyEnv'",
            S3ProxyServer.SECRET_KEY_ENV, "not set");
    }

    @Test
    void wrongCredentialsAMissingBucketAndAnUnreachableEndpointStopStartup() throws Exception {
        assertStartupFails(contentProperties(), Map.of(S3ProxyServer.ACCESS_KEY_ENV, "caseguard-test", S3ProxyServer.SECRET_KEY_ENV, "wrong"),
            "refuses the credentials", "journal.content.s3.accessKeyEnv");
        assertStartupFails(with("journal.content.s3.bucket", "no-such-bucket"), s3.environment(), "'journal.content.s3.bucket'", "does not exist");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertStartupFails(with("journal.content.s3.endpoint", "http://127.0.0.1:" + closedPort), s3.environment(), "'journal.content.s3.endpoint'",
            "cannot be reached");
    }

    @Test
    void objectLockOnABucketThatDoesNotSupportItStopsStartupSayingSo() {
        // s3proxy answers GetObjectLockConfiguration with NotImplemented: the journal must not believe content is locked.
        Properties properties = with("journal.content.s3.objectLock", "compliance");
        properties.setProperty("journal.content.s3.objectLock.retention", "P7Y");

        assertStartupFails(properties, s3.environment(), "'journal.content.s3.objectLock' is compliance", "does not support Object Lock");
    }

    @Test
    void withObjectLockEveryPutCarriesTheModeAndTheRetainUntilDate() {
        ObjectLockRetention lock = new ObjectLockRetention("compliance", Period.ofYears(7));
        PutObjectRequest put = lock.applyTo(PutObjectRequest.builder().bucket("b").key("k"), Instant.parse("2026-11-24T09:15:00Z")).build();

        assertThat(put.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(put.objectLockRetainUntilDate()).isEqualTo(Instant.parse("2033-11-24T09:15:00Z"));
        assertThat(new ObjectLockRetention("governance", Period.ofDays(90)).applyTo(PutObjectRequest.builder(), Instant.parse("2026-11-24T00:00:00Z"))
            .build().objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
    }
}
