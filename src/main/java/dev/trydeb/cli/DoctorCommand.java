package dev.trydeb.cli;

import dev.trydeb.core.ExitCode;
import dev.trydeb.doctor.Doctor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "doctor",
        description = {"Check that trydeb can work here, or say what to fix.", "",
            "One line per check, 'ok', 'warning' or 'error', with the exact fix for the last two: the kernel's "
                + "version and its user-namespace sysctls, Ubuntu's AppArmor restriction and trydeb's profile, a "
                + "sandbox with an overlay actually set up by the helper, user extended attributes on the store's "
                + "file system, your subordinate ids (/etc/subuid, /etc/subgid) and newuidmap/newgidmap, and what "
                + "a graphical program will find of your desktop session (DISPLAY, XAUTHORITY, WAYLAND_DISPLAY, "
                + "XDG_RUNTIME_DIR, DBUS_SESSION_BUS_ADDRESS, PULSE_SERVER). Exits 0 when trydeb can work (with "
                + "warnings: some packages or desktop services are out of reach), 3 when it cannot."},
        mixinStandardHelpOptions = true)
final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print a JSON object, for scripts: {\"usable\": ..., \"checks\": [...]}.")
    boolean json;

    @Override
    public Integer call() {
        Doctor.Report report = Doctor.examine();
        if (json) {
            JsonOutput.print(DoctorOutput.json(report));
        } else {
            DoctorOutput.text(report).forEach(System.out::println);
        }
        return report.usable() ? ExitCode.OK.code() : ExitCode.ENVIRONMENT_UNUSABLE.code();
    }
}
