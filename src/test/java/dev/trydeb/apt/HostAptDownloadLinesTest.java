package dev.trydeb.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** `apt-get --download-only -q` off a terminal (apt 2.6), reduced to what trydeb has not shown already. */
class HostAptDownloadLinesTest {
    private static final String OUTPUT = """
            Reading package lists...
            Building dependency tree...
            Reading state information...
            The following NEW packages will be installed:
              figlet
            0 upgraded, 1 newly installed, 0 to remove and 130 not upgraded.
            Need to get 137 kB of archives.
            After this operation, 757 kB of additional disk space will be used.
            Get:1 http://deb.debian.org/debian bookworm/main amd64 figlet amd64 2.2.5-3+b1 [137 kB]
            Err:2 http://deb.debian.org/debian bookworm/main amd64 sl amd64 5.02-1+b1
            Fetched 137 kB in 0s (7288 kB/s)
            E: Failed to fetch http://deb.debian.org/debian/pool/main/s/sl/sl_5.02-1+b1_amd64.deb
            Download complete and in download only mode
            """;

    @Test
    void isDownloadLine_aptsDownloadOutput_keepsFilesAndProblemsNotThePlan() {
        List<String> kept = OUTPUT.lines().filter(HostApt::isDownloadLine).toList();

        assertEquals(List.of(
                "Get:1 http://deb.debian.org/debian bookworm/main amd64 figlet amd64 2.2.5-3+b1 [137 kB]",
                "Err:2 http://deb.debian.org/debian bookworm/main amd64 sl amd64 5.02-1+b1",
                "Fetched 137 kB in 0s (7288 kB/s)",
                "E: Failed to fetch http://deb.debian.org/debian/pool/main/s/sl/sl_5.02-1+b1_amd64.deb"), kept);
    }
}
