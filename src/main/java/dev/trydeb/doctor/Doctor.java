package dev.trydeb.doctor;

import dev.trydeb.core.HostUser;
import dev.trydeb.sandbox.SandboxLauncher;
import dev.trydeb.sandbox.UidMapping;
import dev.trydeb.store.XdgDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Whether trydeb can work on this host for this user, and what to do where it cannot: every check, in order. */
public final class Doctor {
    private Doctor() {}

    public record Report(List<Finding> findings) {
        public Report {
            findings = List.copyOf(findings);
        }

        /** No error: trydeb works here, perhaps with less (warnings). */
        public boolean usable() {
            return findings.stream().noneMatch(f -> f.status() == Finding.Status.ERROR);
        }
    }

    public static Report examine() {
        Path helper = SandboxLauncher.configuredHelper();
        return examine(Path.of("/"), HostUser.current(), System.getenv(), XdgDirectories.fromEnvironment().storeRoot(),
                helper, new HelperProbes(helper));
    }

    static Report examine(Path root, HostUser user, Map<String, String> env, Path storeRoot, Path helper,
                          LiveProbes probes) {
        HostChecks host = new HostChecks(root, user, probes);
        List<Finding> findings = new ArrayList<>();
        findings.add(host.kernel());
        findings.add(host.maxUserNamespaces());
        findings.add(host.unprivilegedUsernsClone());
        // Beside the store, on its file system; where the store cannot be made (the store's line
        // says so), in the temporary directory, to learn at least whether namespaces work.
        Path scratch = HostChecks.existingAncestor(storeRoot);
        if (!Files.isWritable(scratch)) {
            scratch = Path.of(System.getProperty("java.io.tmpdir"));
        }
        boolean helperThere = Files.isExecutable(helper);
        Optional<String> sandbox = helperThere ? probes.sandbox(new UidMapping.CurrentUser(), scratch)
                : Optional.of("it is missing or not executable");
        findings.add(host.appArmor(helper, sandbox));
        findings.add(helperThere ? host.sandbox(helper, scratch, sandbox)
                : Finding.error("sandbox", "the sandbox helper " + helper + " is missing or not executable",
                        "reinstall trydeb"));
        findings.add(host.store(storeRoot));
        findings.add(host.subordinateIds());
        Optional<Optional<String>> mapped = Optional.empty();
        Optional<long[]> ranges = host.subordinateRanges();
        if (helperThere && sandbox.isEmpty() && ranges.isPresent()
                && Files.isExecutable(root.resolve("usr/bin/newuidmap")) && Files.isExecutable(root.resolve("usr/bin/newgidmap"))) {
            mapped = Optional.of(probes.sandbox(new UidMapping.Full(ranges.get()[0], ranges.get()[1],
                    dev.trydeb.sandbox.SubordinateIds.REQUIRED_COUNT), scratch));
        }
        findings.add(host.idMappers(mapped));
        findings.addAll(new SessionChecks(root, env).all());
        return new Report(findings);
    }
}
