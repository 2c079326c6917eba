package io.packager4j.platform.storage;

import java.io.IOException;

/** The bucket has no object under the key. */
public final class NoSuchObjectException extends IOException {

    public NoSuchObjectException(String bucket, String key) {
        super("there is no object \"" + key + "\" in the bucket \"" + bucket + "\"");
    }
}
