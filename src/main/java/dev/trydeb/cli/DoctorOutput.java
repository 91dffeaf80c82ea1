package dev.trydeb.cli;

import dev.trydeb.doctor.Doctor;
import dev.trydeb.doctor.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How 'trydeb doctor' shows its findings: a line each, then the verdict; or JSON. */
final class DoctorOutput {
    private DoctorOutput() {}

    /** "ok: kernel: Linux 6.1 (...)", "error: store: ...; fix: ...", then one line of verdict. */
    static List<String> text(Doctor.Report report) {
        List<String> lines = new ArrayList<>();
        long warnings = 0;
        for (Finding f : report.findings()) {
            lines.add(f.status().label() + ": " + f.check() + ": " + f.detail() + f.fix().map(fix -> "; fix: " + fix).orElse(""));
            warnings += f.status() == Finding.Status.WARNING ? 1 : 0;
        }
        lines.add(!report.usable() ? "trydeb cannot work here: fix the errors above"
                : warnings > 0 ? "trydeb can work here, with less: see the warnings above"
                : "trydeb can work here");
        return lines;
    }

    static Map<String, Object> json(Doctor.Report report) {
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("check", f.check());
            check.put("status", f.status().label());
            check.put("detail", f.detail());
            check.put("fix", f.fix().orElse(null));
            checks.add(check);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("usable", report.usable());
        out.put("checks", checks);
        return out;
    }
}
