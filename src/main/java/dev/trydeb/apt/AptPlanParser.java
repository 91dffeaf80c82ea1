package dev.trydeb.apt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the action lines of {@code apt-get --simulate} (apt's documented debugging output,
 * stable across releases): {@code Inst NAME[:ARCH] [OLD] (NEW ORIGINS [ARCH])} and
 * {@code Remv NAME[:ARCH] [VERSION]}; {@code Conf} and everything else is ignored.
 */
public final class AptPlanParser {
    private static final Pattern INST = Pattern.compile(
            "^Inst (\\S+?)(?::(\\S+))? (?:\\[(\\S+)\\] )?\\((\\S+) (.*) \\[(\\S+)\\]\\)(?: \\[.*\\])?$");
    private static final Pattern REMV = Pattern.compile("^Remv (\\S+?)(?::(\\S+))?(?: \\[(\\S+)\\])?(?: \\[.*\\])?$");

    private AptPlanParser() {}

    public static AptPlan parse(String simulateOutput) {
        List<AptPlan.Install> installs = new ArrayList<>();
        List<AptPlan.Removal> removals = new ArrayList<>();
        for (String line : simulateOutput.split("\n")) {
            Matcher inst = INST.matcher(line);
            if (inst.matches()) {
                String arch = inst.group(6);
                installs.add(new AptPlan.Install(inst.group(1), arch, inst.group(4),
                        Optional.ofNullable(inst.group(3)), inst.group(5).contains("local-deb")));
                continue;
            }
            Matcher remv = REMV.matcher(line);
            if (remv.matches()) {
                removals.add(new AptPlan.Removal(remv.group(1), Optional.ofNullable(remv.group(2)).orElse(""),
                        Optional.ofNullable(remv.group(3)).orElse("")));
            }
        }
        return new AptPlan(installs, removals);
    }
}
