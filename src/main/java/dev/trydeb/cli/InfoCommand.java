package dev.trydeb.cli;

import dev.trydeb.env.NotInstalled;
import dev.trydeb.env.Workspace;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.PackageRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "info",
        description = {"Show one package of the environment.", "",
            "Its record, dpkg status stanza and files."},
        mixinStandardHelpOptions = true)
final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Option(names = "--json", description = "Print a JSON object, for scripts.")
    boolean json;

    @Parameters(paramLabel = "NAME", description = "A package the environment installed.")
    String name;

    @Override
    public Integer call() throws Exception {
        String envName = parent.global.environment().value();
        PackageRecord p;
        List<String> files;
        try (Workspace workspace = Workspace.forCurrentUser()) {
            EnvironmentRecord env = workspace.store().findEnvironment(envName).orElseThrow(() ->
                    workspace.noSuchEnvironment(parent.global.environment()));
            p = workspace.store().findCurrentPackage(env.id(), name).orElseThrow(() ->
                    NotInstalled.inEnvironment(name, envName));
            files = workspace.store().packageFiles(p.id());
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", p.name());
            out.put("version", p.version());
            out.put("architecture", p.architecture());
            out.put("environment", envName);
            out.put("installedAt", p.installedAt().toString());
            out.put("transaction", p.transactionId());
            out.put("automatic", p.automatic());
            out.put("overridesHostVersion", p.hostVersion().orElse(null));
            out.put("sourceFile", p.sourceFile());
            out.put("sha256", p.sha256());
            out.put("control", p.control());
            out.put("files", files);
            JsonOutput.print(out);
            return 0;
        }
        System.out.println("Environment: " + envName);
        System.out.println("Installed: " + p.installedAt() + " by transaction " + p.transactionId()
                + (p.automatic() ? " (pulled in by apt)" : " (asked for)"));
        p.hostVersion().ifPresent(v -> System.out.println("Overrides the host's version: " + v));
        System.out.println("From: " + p.sourceFile() + " (sha256 " + p.sha256() + ")");
        System.out.println(p.control().strip());
        System.out.println("Files:");
        files.forEach(f -> System.out.println("  " + f));
        return 0;
    }
}
