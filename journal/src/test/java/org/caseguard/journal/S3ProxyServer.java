package org.caseguard.journal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 API on loopback (s3proxy, in-memory backend, AWS signature v2/v4 with its own credentials) for running the
 * content-store and journal suites on the S3 backend: one server per test class, a fresh bucket per test. A raw
 * client gives tests the store's-eye view of the objects (to count them, or to change a byte behind the journal).
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY_ENV = "CASEGUARD_TEST_S3_ACCESS_KEY";
    public static final String SECRET_KEY_ENV = "CASEGUARD_TEST_S3_SECRET_KEY";
    private static final String ACCESS_KEY = "caseguard-test";
    private static final String SECRET_KEY = "caseguard-test-secret-" + UUID.randomUUID();

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client raw;

    private S3ProxyServer(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.raw = rawClient(endpoint, ACCESS_KEY, SECRET_KEY);
    }

    /** A plain SDK client on a loopback S3 API, path-style: the tests' view of the bucket, behind the journal's back. */
    static S3Client rawClient(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))).build();
    }

    public static S3ProxyServer start() throws Exception {
        Properties blobStore = new Properties();
        blobStore.setProperty("jclouds.identity", ACCESS_KEY);
        blobStore.setProperty("jclouds.credential", SECRET_KEY);
        S3Proxy proxy = S3Proxy.builder().blobStore(BlobStores.create("transient", blobStore))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .endpoint(URI.create("http://127.0.0.1:0")).build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3ProxyServer(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The credentials as the journal reads them: from the environment variables its properties name. */
    public Map<String, String> environment() {
        return Map.of(ACCESS_KEY_ENV, ACCESS_KEY, SECRET_KEY_ENV, SECRET_KEY);
    }

    /** Creates an empty bucket and returns the {@code journal.content.*} keys that put the journal's content there. */
    public Properties freshBucket() {
        String bucket = "journal-" + UUID.randomUUID().toString().substring(0, 8);
        raw.createBucket(create -> create.bucket(bucket));
        return bucketProperties(endpoint, bucket);
    }

    /** The {@code journal.content.*} keys for a bucket on a loopback S3 API, credentials from the test variables. */
    static Properties bucketProperties(URI endpoint, String bucket) {
        Properties properties = new Properties();
        properties.setProperty("journal.content.backend", "s3");
        properties.setProperty("journal.content.s3.endpoint", endpoint.toString());
        properties.setProperty("journal.content.s3.bucket", bucket);
        properties.setProperty("journal.content.s3.region", "us-east-1");
        properties.setProperty("journal.content.s3.accessKeyEnv", ACCESS_KEY_ENV);
        properties.setProperty("journal.content.s3.secretKeyEnv", SECRET_KEY_ENV);
        return properties;
    }

    public List<String> objectNames(String bucket) {
        List<String> names = new ArrayList<>();
        raw.listObjectsV2Paginator(list -> list.bucket(bucket)).forEach(page -> page.contents().stream().map(S3Object::key).forEach(names::add));
        return names;
    }

    public byte[] read(String bucket, String name) {
        return raw.getObjectAsBytes(get -> get.bucket(bucket).key(name)).asByteArray();
    }

    public void write(String bucket, String name, byte[] bytes) {
        raw.putObject(put -> put.bucket(bucket).key(name), RequestBody.fromBytes(bytes));
    }

    public S3Client raw() {
        return raw;
    }

    @Override
    public void close() throws Exception {
        raw.close();
        proxy.stop();
    }
}
