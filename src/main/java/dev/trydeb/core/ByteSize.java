package dev.trydeb.core;

/** Sizes as apt prints them: bytes below a kilobyte, then kB and MB with one decimal (SI units). */
public final class ByteSize {
    private ByteSize() {
    }

    public static String text(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        // In tenths by arithmetic: String.format would start java.util.Formatter on every install.
        return bytes < 1_000_000 ? tenths(bytes, 100) + " kB" : tenths(bytes, 100_000) + " MB";
    }

    private static String tenths(long bytes, long tenth) {
        long rounded = Math.round((double) bytes / tenth);
        return rounded / 10 + "." + rounded % 10;
    }
}
