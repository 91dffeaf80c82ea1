package dev.trydeb.cli;

import dev.trydeb.env.Workspace;
import dev.trydeb.state.MergedState;
import dev.trydeb.state.StatusFile;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.PackageRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "list",
        description = {"List the environment's packages.", "",
            "One per line: name, version, "
                + "architecture, manual (you asked for it) or auto (apt pulled it in), when, by which "
                + "transaction, and the host's version when it overrides a host package. Host packages "
                + "the environment removed show as 'removed from host'."},
        mixinStandardHelpOptions = true)
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Option(names = "--json", description = "Print a JSON array, for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<PackageRecord> packages;
        List<MergedState.HostRemoved> hostRemoved;
        try (Workspace workspace = Workspace.forCurrentUser()) {
            Optional<EnvironmentRecord> env = workspace.existingEnvironment(parent.global.environment());
            packages = env.map(e -> workspace.store().currentPackages(e.id())).orElse(List.of());
            hostRemoved = env.map(e -> removedFromHost(workspace, e)).orElse(List.of());
        }
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (PackageRecord p : packages) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", p.name());
                row.put("version", p.version());
                row.put("architecture", p.architecture());
                row.put("installedAt", p.installedAt().toString());
                row.put("transaction", p.transactionId());
                row.put("automatic", p.automatic());
                row.put("overridesHostVersion", p.hostVersion().orElse(null));
                row.put("sourceFile", p.sourceFile());
                row.put("sha256", p.sha256());
                row.put("removedFromHost", false);
                rows.add(row);
            }
            for (MergedState.HostRemoved p : hostRemoved) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", p.packageName());
                row.put("version", p.version());
                row.put("architecture", p.architecture());
                row.put("removedFromHost", true);
                rows.add(row);
            }
            JsonOutput.print(rows);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (PackageRecord p : packages) {
            rows.add(List.of(p.name(), p.version(), p.architecture(), p.automatic() ? "auto" : "manual",
                    p.installedAt().toString().replaceFirst("\\.\\d+Z$", "Z"), Long.toString(p.transactionId()),
                    p.hostVersion().map(v -> "overrides host " + v).orElse("")));
        }
        for (MergedState.HostRemoved p : hostRemoved) {
            rows.add(List.of(p.packageName(), p.version(), p.architecture(), "-", "-", "-", "removed from host"));
        }
        TextTable.render(List.of("NAME", "VERSION", "ARCH", "WHY", "INSTALLED", "TX", "HOST"), rows,
                TextTable.forPeople() && !rows.isEmpty()).forEach(System.out::println);
        return 0;
    }

    /** Host packages the environment removed; the merged state is built only when a record says one is gone. */
    private static List<MergedState.HostRemoved> removedFromHost(Workspace workspace, EnvironmentRecord env) {
        boolean anyGone = workspace.store().statusRecords(env.id()).stream().anyMatch(r -> !StatusFile.isInstalled(r.stanza()));
        return anyGone ? workspace.mergedState(env).hostRemoved() : List.of();
    }
}
