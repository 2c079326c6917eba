package io.packager4j.platform.jobs;

/** Told when a package reaches Ready or Failed (for example to notify its client). */
@FunctionalInterface
public interface PackageOutcomes {

    /** Must not throw and must return quickly: the job that calls it is still running. */
    void finished(long packageId);

    PackageOutcomes NONE = id -> { };
}
