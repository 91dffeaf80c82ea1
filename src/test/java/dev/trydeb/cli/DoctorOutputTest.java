package dev.trydeb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trydeb.doctor.Doctor;
import dev.trydeb.doctor.Finding;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorOutputTest {
    private static final Finding KERNEL = Finding.ok("kernel", "Linux 6.1.0");
    private static final Finding SUBIDS = Finding.warning("subordinate-ids", "no range for alice",
            "sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 alice");
    private static final Finding STORE = Finding.error("store", "no user xattrs", "set XDG_DATA_HOME elsewhere");

    @Test
    void text_oneLineEachWithTheFix_thenTheVerdict() {
        assertEquals(List.of("ok: kernel: Linux 6.1.0",
                "warning: subordinate-ids: no range for alice; fix: sudo usermod --add-subuids 100000-165535"
                        + " --add-subgids 100000-165535 alice",
                "error: store: no user xattrs; fix: set XDG_DATA_HOME elsewhere",
                "trydeb cannot work here: fix the errors above"),
                DoctorOutput.text(new Doctor.Report(List.of(KERNEL, SUBIDS, STORE))));
    }

    @Test
    void text_verdicts() {
        assertEquals("trydeb can work here", last(DoctorOutput.text(new Doctor.Report(List.of(KERNEL)))));
        assertEquals("trydeb can work here, with less: see the warnings above",
                last(DoctorOutput.text(new Doctor.Report(List.of(KERNEL, SUBIDS)))));
    }

    @Test
    void json_usableAndEveryCheck() {
        Map<String, Object> json = DoctorOutput.json(new Doctor.Report(List.of(KERNEL, STORE)));
        assertEquals(false, json.get("usable"));
        Map<String, Object> kernel = new HashMap<>();
        kernel.put("check", "kernel");
        kernel.put("status", "ok");
        kernel.put("detail", "Linux 6.1.0");
        kernel.put("fix", null);
        assertEquals(Arrays.asList(kernel, Map.of("check", "store", "status", "error", "detail", "no user xattrs",
                "fix", "set XDG_DATA_HOME elsewhere")), json.get("checks"));
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
