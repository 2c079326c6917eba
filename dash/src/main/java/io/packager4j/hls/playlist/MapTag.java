package io.packager4j.hls.playlist;

import io.packager4j.core.output.ByteRange;

/**
 * {@code EXT-X-MAP}: the Media Initialization Section (the CMAF init segment).
 *
 * @param uri       the init segment's URI
 * @param byteRange its bytes in that resource, or null for the whole resource
 */
public record MapTag(String uri, ByteRange byteRange) {

    public MapTag {
        AttributeList.requireQuotable("EXT-X-MAP URI", uri);
    }

    String attributes() {
        AttributeList a = new AttributeList().quoted("URI", uri);
        if (byteRange != null) {
            a.quoted("BYTERANGE", byteRange.toString());
        }
        return a.toString();
    }
}
