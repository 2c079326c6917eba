package io.packager4j.platform.store;

/**
 * One page of a listing, newest first.
 *
 * @param page zero-based page number
 * @param size rows per page, 1 to {@value #MAX_SIZE}
 */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final PageRequest ALL_FIRST = new PageRequest(0, MAX_SIZE);

    public PageRequest {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", not " + size);
        }
    }

    public long offset() {
        return (long) page * size;
    }
}
