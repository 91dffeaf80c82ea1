package dev.trydeb.doctor;

import java.util.Optional;

/**
 * One line of {@code trydeb doctor}: what was checked, the verdict, what was found, and for a
 * warning or an error what the user or their administrator must do.
 */
public record Finding(String check, Status status, String detail, Optional<String> fix) {
    public enum Status {
        OK("ok"),
        /** trydeb works, with less: some packages cannot be installed, a desktop service is out of reach. */
        WARNING("warning"),
        /** trydeb cannot work here. */
        ERROR("error");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Finding ok(String check, String detail) {
        return new Finding(check, Status.OK, detail, Optional.empty());
    }

    public static Finding warning(String check, String detail, String fix) {
        return new Finding(check, Status.WARNING, detail, Optional.ofNullable(fix));
    }

    public static Finding error(String check, String detail, String fix) {
        return new Finding(check, Status.ERROR, detail, Optional.ofNullable(fix));
    }
}
