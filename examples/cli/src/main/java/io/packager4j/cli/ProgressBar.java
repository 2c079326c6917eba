package io.packager4j.cli;

import io.packager4j.ProgressListener;

import java.io.PrintWriter;

/** Draws a one-line progress bar on a terminal, redrawing only when the shown percentage changes. */
final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 40;
    private final PrintWriter out;
    private int shownPercent = -1;

    ProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void onProgress(Progress progress) {
        int percent = (int) Math.floor(progress.fraction() * 100);
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        int filled = percent * WIDTH / 100;
        out.print("\rpackaging [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%");
        out.flush();
    }

    /** Ends the bar's line so that what follows starts on a fresh one. */
    synchronized void finish() {
        if (shownPercent >= 0) {
            out.println();
            out.flush();
        }
    }
}
