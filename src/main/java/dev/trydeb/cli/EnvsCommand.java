package dev.trydeb.cli;

import dev.trydeb.core.ByteSize;
import dev.trydeb.env.EnvironmentSummary;
import dev.trydeb.env.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "envs",
        description = {"List your environments.", "",
            "One per line: name, packages, committed changes, disk use, the last change, and the "
                + "programs running in it ('-' for none)."},
        mixinStandardHelpOptions = true)
final class EnvsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print a JSON array, for scripts.")
    boolean json;

    @Override
    public Integer call() {
        List<EnvironmentSummary> summaries;
        try (Workspace workspace = Workspace.forCurrentUser()) {
            summaries = EnvironmentSummary.all(workspace);
        }
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (EnvironmentSummary env : summaries) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", env.name());
                row.put("packages", env.packages());
                row.put("changes", env.changes());
                row.put("diskBytes", env.diskBytes());
                row.put("lastChange", env.lastChange().map(Object::toString).orElse(null));
                row.put("running", List.copyOf(env.running()));
                rows.add(row);
            }
            JsonOutput.print(rows);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (EnvironmentSummary env : summaries) {
            rows.add(List.of(env.name(), Integer.toString(env.packages()), Integer.toString(env.changes()),
                    ByteSize.text(env.diskBytes()),
                    env.lastChange().map(t -> t.toString().replaceFirst("\\.\\d+Z$", "Z")).orElse("-"),
                    env.running().isEmpty() ? "-" : String.join(",", env.running())));
        }
        TextTable.render(List.of("NAME", "PACKAGES", "CHANGES", "DISK", "LAST CHANGE", "RUNNING"), rows,
                TextTable.forPeople() && !rows.isEmpty()).forEach(System.out::println);
        return 0;
    }
}
