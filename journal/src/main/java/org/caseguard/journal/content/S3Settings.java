package org.caseguard.journal.content;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code journal.content.s3.*} keys of {@code caseguard.properties}, checked once at startup; every error names
 * the key and what is allowed. Credentials are never in the file: the file names the environment variables that hold
 * them, as for the master key's password.
 */
record S3Settings(Optional<URI> endpoint, String bucket, String region, boolean pathStyle, String accessKeyEnv,
                  String secretKeyEnv, Optional<ObjectLockRetention> objectLock) {
    static final String PREFIX = "journal.content.s3.";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static S3Settings from(Properties properties) {
        Optional<URI> endpoint = optional(properties, "endpoint").map(S3Settings::endpoint);
        String bucket = required(properties, "bucket", "an existing bucket's name (3-63 of a-z 0-9 . -)");
        if (!BUCKET.matcher(bucket).matches()) {
            throw invalid("bucket", bucket, "a bucket name: 3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit");
        }
        String region = required(properties, "region", "the bucket's region, e.g. us-east-1");
        if (!REGION.matcher(region).matches()) {
            throw invalid("region", region, "a region name such as us-east-1");
        }
        String pathStyle = optional(properties, "pathStyle").orElse("true");
        if (!pathStyle.equals("true") && !pathStyle.equals("false")) {
            throw invalid("pathStyle", pathStyle, "true (bucket in the path, the default) or false (bucket in the host name)");
        }
        String accessKeyEnv = environmentName(properties, "accessKeyEnv");
        String secretKeyEnv = environmentName(properties, "secretKeyEnv");
        return new S3Settings(endpoint, bucket, region, Boolean.parseBoolean(pathStyle), accessKeyEnv, secretKeyEnv, objectLock(properties));
    }

    /** The access key id and secret from the named environment variables; an unset one stops startup naming its key. */
    String[] credentials(Function<String, String> environment) {
        return new String[] {fromEnvironment(environment, "accessKeyEnv", accessKeyEnv), fromEnvironment(environment, "secretKeyEnv", secretKeyEnv)};
    }

    private static String fromEnvironment(Function<String, String> environment, String key, String name) {
        String value = environment.apply(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("caseguard.properties: '" + PREFIX + key + "' names environment variable " + name + ", which is not set");
        }
        return value;
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw invalid("endpoint", value, "an http(s) URL such as https://s3.us-east-1.amazonaws.com or http://127.0.0.1:9000 (omit it for AWS)");
    }

    private static Optional<ObjectLockRetention> objectLock(Properties properties) {
        String mode = optional(properties, "objectLock").orElse("none");
        Optional<String> retention = optional(properties, "objectLock.retention");
        if (mode.equals("none")) {
            if (retention.isPresent()) {
                throw new IllegalArgumentException("caseguard.properties: '" + PREFIX + "objectLock.retention' is set but '" + PREFIX
                    + "objectLock' is none; set objectLock to governance or compliance, or remove the retention");
            }
            return Optional.empty();
        }
        if (!mode.equals("governance") && !mode.equals("compliance")) {
            throw invalid("objectLock", mode, "none (default), governance or compliance");
        }
        String period = retention.orElseThrow(() -> new IllegalArgumentException("caseguard.properties: '" + PREFIX
            + "objectLock' is " + mode + " and needs '" + PREFIX + "objectLock.retention', an ISO-8601 period such as P7Y or P90D"));
        try {
            Period parsed = Period.parse(period);
            if (parsed.isNegative() || parsed.isZero()) {
                throw invalid("objectLock.retention", period, "a positive ISO-8601 period such as P7Y or P90D");
            }
            return Optional.of(new ObjectLockRetention(mode, parsed));
        } catch (DateTimeParseException e) {
            throw invalid("objectLock.retention", period, "an ISO-8601 period such as P7Y or P90D");
        }
    }

    private static String environmentName(Properties properties, String key) {
        String name = required(properties, key, "the name of the environment variable holding it (never the value itself)");
        if (!ENV_NAME.matcher(name).matches()) {
            throw invalid(key, name, "an environment variable's name (letters, digits, _), never the credential itself");
        }
        return name;
    }

    private static Optional<String> optional(Properties properties, String key) {
        return Optional.ofNullable(properties.getProperty(PREFIX + key)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static String required(Properties properties, String key, String allowed) {
        return optional(properties, key).orElseThrow(() -> new IllegalArgumentException("caseguard.properties: '" + PREFIX + key
            + "' is required with journal.content.backend=s3: " + allowed));
    }

    private static IllegalArgumentException invalid(String key, String value, String allowed) {
        return new IllegalArgumentException("caseguard.properties: '" + PREFIX + key + "' is '" + value + "'; allowed: " + allowed);
    }
}
