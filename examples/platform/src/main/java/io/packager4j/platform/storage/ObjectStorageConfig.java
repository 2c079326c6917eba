package io.packager4j.platform.storage;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * S3 (or S3-compatible) storage for inputs and published packages. Credentials are not part of it:
 * the AWS SDK's default chain finds them ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY},
 * a profile, a container or instance role), so nothing here is secret and it may be logged.
 *
 * @param endpoint      the server's URL for S3-compatible storage; null means AWS itself
 * @param region        the signing region (and the AWS endpoint's, when {@code endpoint} is null)
 * @param inputBucket   where uploads are kept and where {@code POST /encode} finds its objects
 * @param outputBucket  where presentations are published, under {@code packages/{id}/}
 * @param pathStyle     {@code http://host/bucket/key} addresses instead of {@code http://bucket.host/key}
 *                      (what most S3-compatible servers need)
 * @param partSizeBytes objects larger than this are sent by multipart upload, in parts of this size
 */
public record ObjectStorageConfig(URI endpoint, String region, String inputBucket, String outputBucket,
                                  boolean pathStyle, long partSizeBytes) {

    public static final String DEFAULT_REGION = "us-east-1";
    /** S3's smallest part (all parts but the last). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** S3's largest part. */
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;

    /** S3's bucket naming rules, the part that matters for addressing. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public ObjectStorageConfig {
        inputBucket = bucket("input", inputBucket);
        outputBucket = bucket("output", outputBucket);
        if (region == null || region.isBlank()) {
            region = DEFAULT_REGION;
        }
        if (partSizeBytes < MIN_PART_SIZE || partSizeBytes > MAX_PART_SIZE) {
            throw new IllegalArgumentException("the S3 part size must be between 5 MiB and 5 GiB, not "
                    + partSizeBytes + " bytes");
        }
        if (endpoint != null) {
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
                throw new IllegalArgumentException("the S3 endpoint must be an http:// or https:// URL, not \""
                        + endpoint + "\"");
            }
            if (endpoint.getUserInfo() != null) {
                throw new IllegalArgumentException("the S3 endpoint must not carry credentials; use the "
                        + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables");
            }
        }
    }

    /**
     * The configuration the flags describe: null when neither bucket is given (local disk, the
     * default); both buckets or neither.
     *
     * @param endpoint   blank or null for AWS
     * @param partSizeMb the multipart part size in MiB
     */
    public static ObjectStorageConfig fromOptions(String endpoint, String region, String inputBucket,
                                                  String outputBucket, boolean pathStyle, long partSizeMb) {
        boolean in = inputBucket != null && !inputBucket.isBlank();
        boolean out = outputBucket != null && !outputBucket.isBlank();
        if (!in && !out) {
            return null;
        }
        if (in != out) {
            throw new IllegalArgumentException("S3 storage needs both --s3-input-bucket and --s3-output-bucket "
                    + "(they may name the same bucket)");
        }
        URI uri;
        try {
            uri = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the S3 endpoint is not a URL: " + e.getMessage(), e);
        }
        if (partSizeMb < 5 || partSizeMb > 5 * 1024) {
            throw new IllegalArgumentException("--s3-part-size-mb must be between 5 and 5120, not " + partSizeMb);
        }
        return new ObjectStorageConfig(uri, region, inputBucket.strip(), outputBucket.strip(), pathStyle,
                partSizeMb * 1024 * 1024);
    }

    private static String bucket(String which, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the S3 " + which + " bucket is not set");
        }
        if (!BUCKET.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("\"" + name + "\" is not a valid S3 bucket name (3 to 63 lower-case "
                    + "letters, digits, dots and hyphens)");
        }
        return name;
    }

    @Override
    public String toString() {
        return "S3[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", region=" + region + ", inputBucket="
                + inputBucket + ", outputBucket=" + outputBucket + ", pathStyle=" + pathStyle + ", partSize="
                + partSizeBytes / (1024 * 1024) + " MiB]";
    }
}
