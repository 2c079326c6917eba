package io.packager4j.platform.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link ObjectStore} over the AWS SDK's S3 client (synchronous, Apache HttpClient). Files larger
 * than the part size go by multipart upload, each part read from its slice of the file when it is
 * sent (and again if the SDK retries it), so memory use does not grow with the file; a multipart
 * upload that fails is aborted, so no parts linger in the bucket.
 */
public final class S3ObjectStore implements ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);
    /** S3 allows at most this many parts: bigger files get bigger parts. */
    private static final int MAX_PARTS = 10_000;
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final long partSize;

    S3ObjectStore(S3Client s3, long partSize) {
        this.s3 = s3;
        this.partSize = partSize;
    }

    /** A client for the configured endpoint and region, with credentials from the SDK's default chain. */
    public static S3ObjectStore create(ObjectStorageConfig config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                .httpClientBuilder(Apache5HttpClient.builder());
        if (config.endpoint() != null) {
            // Many S3-compatible servers reject the flexible checksums (trailing CRC32 in aws-chunked
            // bodies) the SDK sends to AWS by default; send them only where an operation needs one.
            builder.endpointOverride(config.endpoint())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return new S3ObjectStore(builder.build(), config.partSizeBytes());
    }

    @Override
    public void put(String bucket, String key, Path file, String contentType) throws IOException {
        long size = Files.size(file);
        try {
            if (size <= partSize) {
                s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength(size),
                        RequestBody.fromContentProvider(() -> slice(file, 0, size), size, contentType));
            } else {
                putMultipart(bucket, key, file, size, contentType);
            }
        } catch (SdkException | UncheckedIOException e) {
            throw failure("PUT", bucket, key, e);
        }
    }

    private void putMultipart(String bucket, String key, Path file, long size, String contentType) {
        long part = Math.max(partSize, (size + MAX_PARTS - 1) / MAX_PARTS);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += part, number++) {
                long from = offset;
                long length = Math.min(part, size - offset);
                int n = number;
                UploadPartResponse sent = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                                .partNumber(n).contentLength(length),
                        RequestBody.fromContentProvider(() -> slice(file, from, length), length, contentType));
                parts.add(CompletedPart.builder().partNumber(n).eTag(sent.eTag()).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            LOG.debug("stored {}/{} in {} parts", bucket, key, parts.size());
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) throws IOException {
        try {
            HeadObjectResponse r = s3.headObject(b -> b.bucket(bucket).key(key));
            String etag = r.eTag() != null ? quoted(r.eTag())
                    : "\"" + Long.toHexString(r.contentLength()) + "-" + Long.toHexString(r.lastModified().toEpochMilli()) + "\"";
            return Optional.of(new ObjectInfo(r.contentLength(), r.lastModified(), etag));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("HEAD", bucket, key, e);
        } catch (SdkException e) {
            throw failure("HEAD", bucket, key, e);
        }
    }

    @Override
    public InputStream get(String bucket, String key, long start, long length, String ifMatch) throws IOException {
        if (start < 0 || length < 1) {
            throw new IllegalArgumentException("bad range " + start + "+" + length);
        }
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key)
                    .range("bytes=" + start + "-" + (start + length - 1)).ifMatch(ifMatch));
            return in;
        } catch (NoSuchKeyException e) {
            throw new NoSuchObjectException(bucket, key);
        } catch (SdkException e) {
            throw failure("GET", bucket, key, e);
        }
    }

    @Override
    public void download(String bucket, String key, Path target) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchKeyException e) {
            throw new NoSuchObjectException(bucket, key);
        } catch (SdkException e) {
            throw failure("GET", bucket, key, e);
        }
    }

    @Override
    public List<ObjectInfoWithKey> list(String bucket, String prefix) throws IOException {
        try {
            List<ObjectInfoWithKey> found = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                found.add(new ObjectInfoWithKey(o.key(), o.size()));
            }
            return found;
        } catch (SdkException e) {
            throw failure("LIST", bucket, prefix, e);
        }
    }

    @Override
    public void delete(String bucket, Collection<String> keys) throws IOException {
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = all.subList(from, Math.min(all.size(), from + DELETE_BATCH)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            try {
                DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
                if (r.hasErrors() && !r.errors().isEmpty()) {
                    throw new IOException("S3 DELETE in " + bucket + " failed for " + r.errors().size() + " object(s), "
                            + "first " + r.errors().get(0).key() + ": " + r.errors().get(0).message());
                }
            } catch (SdkException e) {
                throw failure("DELETE", bucket, batch.get(0).key() + " and others", e);
            }
        }
    }

    @Override
    public void checkBucket(String bucket) throws IOException {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            String why = switch (e.statusCode()) {
                case 404 -> "it does not exist";
                case 403 -> "access is denied (check the credentials)";
                default -> e.getMessage();
            };
            throw new IOException("cannot use the S3 bucket \"" + bucket + "\": " + why, e);
        } catch (SdkException e) {
            throw new IOException("cannot reach the S3 bucket \"" + bucket + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private static IOException failure(String operation, String bucket, String key, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return new IOException("S3 " + operation + " " + bucket + "/" + key + " failed: " + cause.getMessage(), cause);
    }

    private static String quoted(String etag) {
        if (etag == null) {
            return null;
        }
        return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }

    /** Bytes {@code [from, from + length)} of the file as a stream of its own. */
    static InputStream slice(Path file, long from, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(from);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
