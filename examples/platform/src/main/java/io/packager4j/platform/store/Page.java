package io.packager4j.platform.store;

import java.util.List;

/** A page of rows and how many there are in all. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
