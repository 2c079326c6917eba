package io.packager4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before anything is written, that the output's file system has room for the output: a run
 * that fills the disk halfway would fail late, after minutes of work, and starve whatever else
 * writes there.
 *
 * <p>The estimate is the media bytes of the selected samples (encryption does not change sizes),
 * plus per-sample fragment headers and a fixed allowance for init segments and manifests. A
 * fragmented MP4 needs about twice that, because its segments are written first and then joined
 * into the file beside them.
 */
final class OutputSpace {

    /** Per sample: a trun entry (up to 16 bytes) and a senc entry (a 16-byte IV and a subsample or two). */
    static final long BYTES_PER_SAMPLE = 48;
    /** Init segments, manifests, playlists, sidx and the directory entries themselves. */
    static final long FIXED_BYTES = 1 << 20;

    /** Usable bytes of the file system holding an existing directory; a seam for tests. */
    @FunctionalInterface
    interface UsableSpace {
        long usableBytes(Path existingDirectory) throws IOException;
    }

    static final UsableSpace FILE_STORE = dir -> Files.getFileStore(dir).getUsableSpace();

    private OutputSpace() {
    }

    /** The bytes an output of these samples needs while it is being written. */
    static long estimate(long mediaBytes, long samples, boolean joinedFile) {
        long once = mediaBytes + samples * BYTES_PER_SAMPLE + FIXED_BYTES;
        return joinedFile ? 2 * once : once;
    }

    /**
     * @param target     the output directory or file (its parent need not exist yet)
     * @param needed     the estimate
     * @param mediaBytes the selected media bytes the estimate starts from, for the message
     * @param joinedFile a fragmented MP4, for the message
     * @throws PackagingException when the file system has fewer usable bytes than needed
     */
    static void check(Path target, long needed, long mediaBytes, boolean joinedFile, UsableSpace fs)
            throws PackagingException {
        Path dir = existingAncestor(target.toAbsolutePath().normalize().getParent());
        if (dir == null) {
            return; // nothing exists to ask; creating the directory will say why
        }
        long usable;
        try {
            usable = fs.usableBytes(dir);
        } catch (IOException e) {
            throw new PackagingException("cannot tell the free space for the output " + target + " (at " + dir + "): "
                    + e.getMessage(), e);
        }
        if (usable < needed) {
            throw new PackagingException("not enough free space for the output " + target + ": about " + needed
                    + " bytes needed (" + mediaBytes + " bytes of media plus fragment headers"
                    + (joinedFile ? ", twice over: the segments are joined into the file beside them" : "")
                    + ") but only " + usable + " bytes are usable on the file system of " + dir
                    + "; nothing was written");
        }
    }

    private static Path existingAncestor(Path p) {
        while (p != null && !Files.isDirectory(p)) {
            p = p.getParent();
        }
        return p;
    }
}
