package dev.trydeb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trydeb.env.Workspace;
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
        description = "List the packages installed into the environment.",
        mixinStandardHelpOptions = true)
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Option(names = "--json", description = "Print a JSON array, for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String name = parent.global.environment().value();
        List<PackageRecord> packages;
        try (Workspace workspace = Workspace.forCurrentUser()) {
            Optional<EnvironmentRecord> env = workspace.store().findEnvironment(name);
            packages = env.map(e -> workspace.store().currentPackages(e.id())).orElse(List.of());
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
                row.put("sourceFile", p.sourceFile());
                row.put("sha256", p.sha256());
                rows.add(row);
            }
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            return 0;
        }
        for (PackageRecord p : packages) {
            System.out.printf("%-30s %-25s %-8s installed %s (transaction %d)%n", p.name(), p.version(),
                    p.architecture(), p.installedAt(), p.transactionId());
        }
        return 0;
    }
}
