package org.caseguard.journal.content;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.crypto.SecretKey;

import org.caseguard.journal.Hash;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Content blobs on an S3-compatible object store (JRN-7), with the semantics of {@link FileContentStore}: one object
 * per (scope, SHA-256 of the plain bytes) named by {@link BlobNames}, sealed by {@link BlobSealer}, keys per scope
 * from {@link ScopeKeys}. A put returns once the store has acknowledged the object (S3 writes are durable then); the
 * sealed bytes carry Content-MD5, so the store rejects a body damaged in transit.
 * <p>With Object Lock configured every put carries its retention, so {@link #delete} is refused (false) while the
 * retention runs, and {@link #destroyScope} destroys the scope's key first: the locked objects stay, unreadable.
 */
public final class S3ContentStore extends ScopeKeyedStore {
    private final S3Client client;
    private final String bucket;
    private final Optional<ObjectLockRetention> objectLock;
    private final Clock clock;

    private S3ContentStore(S3Client client, String bucket, Optional<ObjectLockRetention> objectLock, ScopeKeys keys, Clock clock) {
        super(keys);
        this.client = client;
        this.bucket = bucket;
        this.objectLock = objectLock;
        this.clock = clock;
    }

    /** Connects and checks the bucket (and its Object Lock, when configured); any problem stops startup naming the key. */
    static S3ContentStore open(S3Settings settings, Function<String, String> environment, ScopeKeys keys, Clock clock) {
        String[] credentials = settings.credentials(environment);
        S3Client client = client(settings, credentials[0], credentials[1]);
        try {
            checkBucket(client, settings);
            return new S3ContentStore(client, settings.bucket(), settings.objectLock(), keys, clock);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static S3Client client(S3Settings settings, String accessKey, String secretKey) {
        S3ClientBuilder builder = S3Client.builder()
            .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)).build())
            .region(Region.of(settings.region()))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
            .forcePathStyle(settings.pathStyle());
        settings.endpoint().ifPresent(builder::endpointOverride);
        // In a stock James this class lives in an extension class loader: the SDK finds its own interceptor and
        // service files through the context class loader, which must be ours while it builds.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(S3ContentStore.class.getClassLoader());
        try {
            return builder.build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void checkBucket(S3Client client, S3Settings settings) {
        String where = "bucket '" + settings.bucket() + "'" + settings.endpoint().map(uri -> " at " + uri).orElse("");
        try {
            client.headBucket(head -> head.bucket(settings.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new IllegalArgumentException("caseguard.properties: 'journal.content.s3.bucket': " + where + " does not exist; create it first", e);
            }
            if (e.statusCode() == 401 || e.statusCode() == 403) {
                throw new IllegalArgumentException("caseguard.properties: " + where + " refuses the credentials from 'journal.content.s3.accessKeyEnv' / "
                    + "'journal.content.s3.secretKeyEnv' (" + e.statusCode() + ")", e);
            }
            throw new IllegalArgumentException("caseguard.properties: " + where + " cannot be used: " + e.statusCode() + " " + errorCode(e), e);
        } catch (SdkClientException e) {
            throw new IllegalArgumentException("caseguard.properties: 'journal.content.s3.endpoint': " + where + " cannot be reached", e);
        }
        settings.objectLock().ifPresent(lock -> checkObjectLock(client, settings, where, lock));
    }

    private static void checkObjectLock(S3Client client, S3Settings settings, String where, ObjectLockRetention lock) {
        String unsupported = "caseguard.properties: 'journal.content.s3.objectLock' is " + lock.mode() + ", but " + where;
        GetObjectLockConfigurationResponse answer;
        try {
            answer = client.getObjectLockConfiguration(get -> get.bucket(settings.bucket()));
        } catch (S3Exception e) {
            if (errorCode(e).equals("ObjectLockConfigurationNotFoundError")) {
                // AWS's answer for a bucket created without Object Lock: the store supports it, the bucket does not have it.
                throw new IllegalArgumentException(unsupported + " does not have Object Lock enabled; use a bucket created with Object Lock enabled, "
                    + "or set objectLock=none", e);
            }
            throw new IllegalArgumentException(unsupported + " does not support Object Lock (the store answered " + e.statusCode() + " " + errorCode(e)
                + "); use a bucket created with Object Lock enabled, or set objectLock=none", e);
        }
        if (answer.objectLockConfiguration() == null || answer.objectLockConfiguration().objectLockEnabled() != ObjectLockEnabled.ENABLED) {
            throw new IllegalArgumentException(unsupported + " does not have Object Lock enabled; use a bucket created with Object Lock enabled, or set objectLock=none");
        }
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null ? e.awsErrorDetails().errorCode() : "";
    }

    @Override
    public ContentRef put(KeyScope scope, byte[] content) {
        ContentRef ref = new ContentRef(scope, Hash.sha256(content), content.length);
        String name = BlobNames.blobName(ref);
        SecretKey key = keys.keyFor(scope);
        try {
            if (exists(name)) {
                return ref;
            }
            byte[] sealed = BlobSealer.seal(key, ref, content);
            PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(name).contentType("application/octet-stream").contentMD5(md5(sealed));
            objectLock.ifPresent(lock -> lock.applyTo(put, clock.instant()));
            client.putObject(put.build(), RequestBody.fromBytes(sealed));
            return ref;
        } catch (SdkException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content could not be written under " + scope, e);
        }
    }

    @Override
    public byte[] get(ContentRef ref) {
        SecretKey key = keys.existingKey(ref.scope());
        byte[] stored;
        try {
            stored = client.getObjectAsBytes(get -> get.bucket(bucket).key(BlobNames.blobName(ref))).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.MISSING, "no content " + ref.sha256() + " under " + ref.scope());
        } catch (SdkException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content could not be read under " + ref.scope(), e);
        }
        return BlobSealer.open(key, ref, stored);
    }

    @Override
    public boolean holds(ContentRef blob) {
        try {
            return exists(BlobNames.blobName(blob));
        } catch (SdkException e) {
            return true;
        }
    }

    @Override
    public boolean delete(ContentRef ref) {
        return deleteObject(BlobNames.blobName(ref));
    }

    /**
     * Without Object Lock: deletes the object. With it (a versioned bucket): deletes every version of the name, so no
     * delete marker hides a version that stays; a version still under retention is refused (403) and the answer is
     * false. Any other failure is false as well: the blob is left, never half-reported as gone.
     */
    private boolean deleteObject(String name) {
        try {
            if (objectLock.isEmpty()) {
                if (!exists(name)) {
                    return false;
                }
                client.deleteObject(delete -> delete.bucket(bucket).key(name));
                return true;
            }
            List<String> versions = new ArrayList<>();
            client.listObjectVersionsPaginator(list -> list.bucket(bucket).prefix(name)).forEach(page -> {
                page.versions().stream().filter(version -> version.key().equals(name)).map(ObjectVersion::versionId).forEach(versions::add);
                page.deleteMarkers().stream().filter(marker -> marker.key().equals(name)).map(marker -> marker.versionId()).forEach(versions::add);
            });
            for (String version : versions) {
                client.deleteObject(delete -> delete.bucket(bucket).key(name).versionId(version));
            }
            return !versions.isEmpty();
        } catch (SdkException e) {
            return false;
        }
    }

    /**
     * Without Object Lock: deletes every object under the scope's prefix. With it: every version and delete marker under
     * the prefix, so a name whose current version is a delete marker keeps no older version behind it. A version the
     * store still retains is refused; it stays, unreadable, and the sweep tries again.
     */
    @Override
    protected boolean removeBlobs(KeyScope scope) {
        String prefix = BlobNames.scopeFolder(scope) + "/";
        boolean complete = true;
        try {
            if (objectLock.isEmpty()) {
                List<String> names = new ArrayList<>();
                client.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix))
                    .forEach(page -> page.contents().stream().map(S3Object::key).forEach(names::add));
                for (String name : names) {
                    complete &= deleted(delete -> delete.bucket(bucket).key(name));
                }
                return complete;
            }
            List<Map.Entry<String, String>> versions = new ArrayList<>();
            client.listObjectVersionsPaginator(list -> list.bucket(bucket).prefix(prefix)).forEach(page -> {
                page.versions().forEach(version -> versions.add(Map.entry(version.key(), version.versionId())));
                page.deleteMarkers().forEach(marker -> versions.add(Map.entry(marker.key(), marker.versionId())));
            });
            for (Map.Entry<String, String> version : versions) {
                complete &= deleted(delete -> delete.bucket(bucket).key(version.getKey()).versionId(version.getValue()));
            }
            return complete;
        } catch (SdkException e) {
            return false;
        }
    }

    private boolean deleted(Consumer<DeleteObjectRequest.Builder> request) {
        try {
            client.deleteObject(request);
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    private boolean exists(String name) {
        try {
            client.headObject(head -> head.bucket(bucket).key(name));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
