package io.packager4j.platform.store;

/**
 * Where a package is, in the order a job moves it; the names are the original platform's.
 * {@link #FAILED} can follow any other but {@link #READY}.
 */
public enum PackageStatus {
    /** Queued: the input is ingested, the job has not fragmented it yet. */
    INGESTED("Ingested"),
    /** The input was fragmented into a clear fragmented MP4. */
    FRAGMENTED("Fragmented"),
    /** The encrypted fragmented MP4 (the download) exists; the DASH presentation is being written. */
    ENCRYPTED("Encrypted"),
    /** Published: the manifest and segments are served. */
    READY("Ready"),
    FAILED("Failed");

    private final String label;

    PackageStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isFinal() {
        return this == READY || this == FAILED;
    }

    public static PackageStatus ofLabel(String label) {
        for (PackageStatus s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown package status " + label);
    }
}
