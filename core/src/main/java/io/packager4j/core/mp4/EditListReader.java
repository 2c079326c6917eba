package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import io.packager4j.core.media.EditList;
import org.mp4parser.boxes.iso14496.part12.EditListBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Reduces an {@code elst} to the two things CMAF output can honour: an initial delay and the
 * media time where presentation starts. Edits after the first non-empty one (rare outside
 * editing tools) cannot be expressed in fragments and are ignored with a warning.
 */
final class EditListReader {

    private static final Logger LOG = LoggerFactory.getLogger(EditListReader.class);

    private EditListReader() {
    }

    static EditList read(EditListBox elst, long movieTimescale, long mediaTimescale, String track)
            throws PackagingException {
        if (elst == null) {
            return EditList.NONE;
        }
        List<EditListBox.Entry> entries = elst.getEntries();
        long delayMovieTicks = 0;
        int i = 0;
        while (i < entries.size() && entries.get(i).getMediaTime() == -1) {
            delayMovieTicks += entries.get(i).getSegmentDuration();
            i++;
        }
        if (i == entries.size()) {
            return EditList.NONE; // only empty edits: nothing to present from, ignore
        }
        long mediaStart = Math.max(0, entries.get(i).getMediaTime());
        if (entries.size() - i > 1) {
            LOG.warn("{}: edit list has {} non-empty edits; only the first is honoured", track, entries.size() - i);
        }
        if (delayMovieTicks < 0 || delayMovieTicks > (Long.MAX_VALUE >> 1) / Math.max(1, mediaTimescale)) {
            throw new PackagingException(track + ": edit list delay " + delayMovieTicks + " is out of range");
        }
        long delay = movieTimescale > 0 ? delayMovieTicks * mediaTimescale / movieTimescale : 0;
        return new EditList(delay, mediaStart);
    }
}
