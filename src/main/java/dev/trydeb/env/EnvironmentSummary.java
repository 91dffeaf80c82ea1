package dev.trydeb.env;

import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.RunningSandbox;
import dev.trydeb.store.TransactionRecord;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One environment at a glance, for 'trydeb envs': its packages, committed changes, disk use
 * (what its directory holds that the user can read: files a package's system user keeps
 * private are not counted), its last change and the programs running in it.
 */
public record EnvironmentSummary(String name, int packages, int changes, long diskBytes, Optional<Instant> lastChange,
                                 Set<String> running) {
    public static List<EnvironmentSummary> all(Workspace workspace) {
        List<EnvironmentSummary> summaries = new ArrayList<>();
        for (EnvironmentRecord env : workspace.store().environments()) {
            EnvironmentLayout layout = workspace.environment(EnvironmentName.of(env.name()));
            List<TransactionRecord> committed = workspace.store().transactions(env.id()).stream()
                    .filter(tx -> tx.outcome().equals(TransactionRecord.COMMITTED)).toList();
            summaries.add(new EnvironmentSummary(env.name(), workspace.store().currentPackages(env.id()).size(),
                    committed.size(), diskBytes(layout.dir()),
                    committed.isEmpty() ? Optional.empty() : Optional.of(committed.get(committed.size() - 1).startedAt()),
                    RunningSandbox.find(layout).map(RunningSandbox::programs).orElse(Set.of())));
        }
        return summaries;
    }

    private static long diskBytes(Path dir) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += attrs.isRegularFile() ? attrs.size() : 0;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // overlayfs's work directory, a system user's private one
                }
            });
        } catch (IOException e) {
            // what was counted so far
        }
        return total[0];
    }
}
