package dev.trydeb.env;

import dev.trydeb.state.MergedState;

/** Tells the user when the host now has a newer version of a package the environment overrides. */
final class HostNewerReport {
    private HostNewerReport() {}

    static void warn(MergedState state, String environment, Progress progress) {
        for (MergedState.HostNewer newer : state.hostNewer()) {
            progress.step("Note: the host now has " + newer.packageName() + " " + newer.hostVersion()
                    + ", newer than environment '" + environment + "''s " + newer.environmentVersion()
                    + "; 'trydeb install " + newer.packageName() + "' takes the newer one into the environment");
        }
    }
}
