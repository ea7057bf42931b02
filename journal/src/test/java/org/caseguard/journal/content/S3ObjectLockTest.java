package org.caseguard.journal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caseguard.journal.content.ContentStoreContract.CASE;
import static org.caseguard.journal.content.ContentStoreContract.OTHER_CASE;
import static org.caseguard.journal.content.ContentStoreContract.message;
import static org.caseguard.journal.content.ContentStoreContract.randomBytes;
import static org.caseguard.journal.content.ContentStoreContract.withAttachment;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.LeafStores;
import org.caseguard.journal.RequestTap;
import org.caseguard.journal.S3MockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/**
 * S3 Object Lock (JRN-5) against a real S3 API that implements it, Adobe S3Mock in its own JVM, through
 * {@link ContentStores#open}: the startup check of the bucket, the retention every put carries, the removal of every
 * version on delete, and crypto-shredding.
 * <p>What S3Mock 5.2.0 does not do, so what is not asserted here: it does not enforce retention (it deletes a version
 * whose retain-until date has not passed), so a delete refused while retention runs (false, the version stays) is not
 * tested; and it keeps no retention from PutObject's Object Lock headers (GetObjectRetention answers 404 for such an
 * object), so the retention each put carries is read from the requests as sent ({@link RequestTap}).
 */
class S3ObjectLockTest {
    private static final Instant NOW = Instant.parse("2026-11-24T09:15:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static S3MockServer s3;
    private static RequestTap tap;

    @TempDir
    Path workingDirectory;
    private JdbcLeafStore database;
    private final List<ContentStore> stores = new ArrayList<>();

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3MockServer.start();
        tap = RequestTap.inFrontOf(s3.endpoint());
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (tap != null) {
            tap.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void openDatabase() {
        database = LeafStores.open(new Properties(), workingDirectory);
    }

    @AfterEach
    void close() {
        stores.forEach(ContentStore::close);
        database.close();
    }

    /** A fresh bucket (with Object Lock or without) and the keys that lock every put in {@code mode} for {@code retention}. */
    private static Properties bucket(boolean objectLockEnabled, String mode, String retention) {
        Properties properties = s3.freshBucket(objectLockEnabled);
        properties.setProperty("journal.content.s3.endpoint", tap.endpoint().toString());
        properties.setProperty("journal.content.s3.objectLock", mode);
        properties.setProperty("journal.content.s3.objectLock.retention", retention);
        return properties;
    }

    private ContentStore open(Properties properties) {
        ContentStore store = ContentStores.open(properties, workingDirectory, database.dataSource(), s3.environment()::get, CLOCK);
        stores.add(store);
        return store;
    }

    private static String bucketName(Properties properties) {
        return properties.getProperty("journal.content.s3.bucket");
    }

    private static ListObjectVersionsResponse versions(String bucket, String prefix) {
        return s3.raw().listObjectVersions(list -> list.bucket(bucket).prefix(prefix));
    }

    /** The object PUTs sent to the bucket (not its bucket-level requests), by key. */
    private static List<RequestTap.Request> objectPuts(String bucket) {
        return tap.requests().stream().filter(request -> request.method().equals("PUT") && request.path().startsWith("/" + bucket + "/")).toList();
    }

    private static String key(String bucket, RequestTap.Request put) {
        String path = put.path().substring(bucket.length() + 2);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    @ParameterizedTest
    @ValueSource(strings = {"compliance", "governance"})
    void jrn5ABucketWithObjectLockIsAcceptedAndContentReadsBack(String mode) {
        ContentStore store = open(bucket(true, mode, "P7Y"));
        byte[] large = withAttachment("Court report. ", randomBytes(100_000, 7));

        ContentRef small = store.put(CASE, message("a short note "));
        ContentRef chunked = store.put(CASE, large);

        assertThat(store.get(small)).isEqualTo(message("a short note "));
        assertThat(store.get(chunked)).isEqualTo(large);
    }

    @Test
    void jrn5ABucketWithoutObjectLockStopsStartupNamingTheKey() {
        Properties properties = bucket(false, "compliance", "P7Y");

        // S3Mock answers 400 InvalidRequest here, where AWS answers 404 ObjectLockConfigurationNotFoundError: either refuses.
        assertThatThrownBy(() -> open(properties)).isInstanceOfSatisfying(IllegalArgumentException.class, e -> assertThat(e.getMessage())
            .contains("'journal.content.s3.objectLock' is compliance", "bucket '" + bucketName(properties) + "'",
                "use a bucket created with Object Lock enabled, or set objectLock=none"));
    }

    @Test
    void jrn5EveryObjectThePutsStoreCarriesTheModeAndTheRetainUntilDate() {
        Properties compliance = bucket(true, "compliance", "P7Y");
        ContentStore store = open(compliance);
        store.put(CASE, message("a short note "));
        store.put(CASE, withAttachment("Court report. ", randomBytes(100_000, 8)));
        Properties governance = bucket(true, "governance", "P90D");
        open(governance).put(OTHER_CASE, message("a short note "));

        assertLockedPuts(compliance, "COMPLIANCE", Instant.parse("2033-11-24T09:15:00Z"));
        assertLockedPuts(governance, "GOVERNANCE", Instant.parse("2027-02-22T09:15:00Z"));
    }

    private static void assertLockedPuts(Properties properties, String mode, Instant retainUntil) {
        String bucket = bucketName(properties);
        List<String> stored = versions(bucket, "").versions().stream().map(version -> version.key()).sorted().toList();
        List<RequestTap.Request> puts = objectPuts(bucket);

        assertThat(puts).as("object PUTs to " + bucket).isNotEmpty().allSatisfy(put -> {
            assertThat(put.headers()).containsEntry("x-amz-object-lock-mode", mode);
            assertThat(Instant.parse(put.headers().get("x-amz-object-lock-retain-until-date"))).isEqualTo(retainUntil);
        });
        assertThat(puts.stream().map(put -> key(bucket, put)).sorted().toList()).as("every stored version came from one of those PUTs")
            .isEqualTo(stored);
    }

    @Test
    void jrn6DeleteRemovesEveryVersionOfTheNameAndItsDeleteMarker() {
        Properties properties = bucket(true, "compliance", "P7Y");
        String bucket = bucketName(properties);
        ContentStore store = open(properties);
        ContentRef ref = store.put(CASE, message("to delete "));
        ContentRef kept = store.put(CASE, message("to keep "));
        String name = BlobNames.blobName(ref);
        // A second version of the name, then a delete marker over both, as another client or a retried write leaves them.
        s3.raw().putObject(put -> put.bucket(bucket).key(name), RequestBody.fromBytes(s3.raw().getObjectAsBytes(get -> get.bucket(bucket).key(name)).asByteArray()));
        s3.raw().deleteObject(delete -> delete.bucket(bucket).key(name));
        assertThat(versions(bucket, name).versions()).hasSize(2);
        assertThat(versions(bucket, name).deleteMarkers()).hasSize(1);

        assertThat(store.delete(ref)).isTrue();

        assertThat(versions(bucket, name).versions()).isEmpty();
        assertThat(versions(bucket, name).deleteMarkers()).isEmpty();
        assertThat(store.delete(ref)).as("nothing left to delete").isFalse();
        assertThatThrownBy(() -> store.get(ref)).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.MISSING));
        assertThat(store.get(kept)).isEqualTo(message("to keep "));
    }

    @Test
    void jrn6ADestroyedScopeCannotBeReadEvenWhereItsLockedObjectsStay() {
        Properties properties = bucket(true, "compliance", "P7Y");
        String bucket = bucketName(properties);
        ContentStore store = open(properties);
        ContentRef small = store.put(CASE, message("to dispose "));
        ContentRef chunked = store.put(CASE, withAttachment("Report to dispose. ", randomBytes(100_000, 9)));
        ContentRef kept = store.put(OTHER_CASE, message("to keep "));
        String name = BlobNames.blobName(small);
        byte[] sealed = s3.raw().getObjectAsBytes(get -> get.bucket(bucket).key(name)).asByteArray();

        store.destroyScope(CASE);
        // S3Mock lets the removal through; under a running retention AWS refuses it and the objects stay. Put one back.
        s3.raw().putObject(put -> put.bucket(bucket).key(name), RequestBody.fromBytes(sealed));

        for (ContentRef ref : List.of(small, chunked)) {
            assertThatThrownBy(() -> store.get(ref)).isInstanceOfSatisfying(ContentUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.DESTROYED));
        }
        assertThat(store.get(kept)).isEqualTo(message("to keep "));
    }

    @Test
    void jrn6DestroyingAScopeRemovesEveryVersionUnderItEvenBehindADeleteMarker() {
        Properties properties = bucket(true, "compliance", "P7Y");
        String bucket = bucketName(properties);
        ContentStore store = open(properties);
        ContentRef hidden = store.put(CASE, message("behind a delete marker "));
        store.put(CASE, withAttachment("Report to dispose. ", randomBytes(100_000, 11))); // its chunks are versions under the scope too
        ContentRef kept = store.put(OTHER_CASE, message("to keep "));
        String folder = BlobNames.scopeFolder(CASE) + "/";
        // Another client deleted one name without a version: its current version is now a delete marker, the object a
        // version behind it. A listing of current objects does not show that name at all.
        s3.raw().deleteObject(delete -> delete.bucket(bucket).key(BlobNames.blobName(hidden)));
        assertThat(versions(bucket, BlobNames.blobName(hidden)).deleteMarkers()).hasSize(1);

        store.destroyScope(CASE);

        assertThat(versions(bucket, folder).versions()).as("no version left under the scope").isEmpty();
        assertThat(versions(bucket, folder).deleteMarkers()).isEmpty();
        assertThat(store.removeLeftovers(CASE)).as("nothing left for the sweep").isTrue();
        assertThat(store.get(kept)).isEqualTo(message("to keep "));
    }
}
