package dev.trydeb.env;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.TrydebException;
import dev.trydeb.deb.DebPackage;
import dev.trydeb.deb.DpkgFileList;
import dev.trydeb.state.MergedState;
import dev.trydeb.state.StateChanges;
import dev.trydeb.state.StatusFile;
import dev.trydeb.store.NewPackage;
import dev.trydeb.store.StatusRecord;
import dev.trydeb.store.TransactionChanges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The records of a transaction that succeeded, read from what dpkg left in the new layer. */
final class CommittedChanges {
    /** Up to this many dependencies are named in the summary line; more are counted. */
    private static final int LISTED_DEPENDENCIES = 3;

    private final List<NewPackage> installed;
    private final List<String> removed;
    private final StateChanges state;

    private CommittedChanges(List<NewPackage> installed, List<String> removed, StateChanges state) {
        this.installed = installed;
        this.removed = removed;
        this.state = state;
    }

    /**
     * @param ownPackages names of the packages the environment had installed before
     * @param upper the transaction's layer
     */
    static CommittedChanges of(ChangePlan plan, List<DebPackage> debs, StateChanges changes, MergedState before,
                               Set<String> ownPackages, Path upper) {
        Map<String, StatusRecord> byKey = changes.status().stream()
                .collect(Collectors.toMap(r -> StatusFile.key(r.packageName(), r.architecture()), r -> r, (a, b) -> b));
        List<NewPackage> installed = new ArrayList<>();
        for (int i = 0; i < plan.unpacks().size(); i++) {
            ChangePlan.Unpack unpack = plan.unpacks().get(i);
            Optional<String> stanza = Optional.ofNullable(byKey.get(StatusFile.key(unpack.name(), unpack.architecture())))
                    .flatMap(StatusRecord::stanza)
                    .filter(StatusFile::isInstalled);
            if (stanza.isEmpty()) {
                continue; // unpacked and then replaced within the transaction
            }
            DebPackage deb = debs.get(i);
            Optional<String> hostVersion = Optional.ofNullable(before.hostStatus().get(StatusFile.key(unpack.name(), unpack.architecture())))
                    .filter(StatusFile::isInstalled)
                    .flatMap(host -> StatusFile.field(host, "Version"));
            installed.add(new NewPackage(unpack.name(), StatusFile.field(stanza.get(), "Version").orElse(unpack.version()),
                    unpack.architecture(), unpack.file().toString(), deb.sha256(), stanza.get(),
                    fileList(upper, unpack.name(), unpack.architecture()), unpack.automatic(), hostVersion,
                    deb.shipped()));
        }
        Set<String> installedNames = installed.stream().map(NewPackage::name).collect(Collectors.toSet());
        List<String> removed = changes.status().stream()
                .filter(r -> !StatusFile.isInstalled(r.stanza()))
                .map(StatusRecord::packageName)
                .filter(name -> ownPackages.contains(name) && !installedNames.contains(name))
                .distinct()
                .toList();
        return new CommittedChanges(installed, removed, changes);
    }

    TransactionChanges toStore() {
        return new TransactionChanges(installed, removed, state.status(), state.accounts());
    }

    /** The packages installed that were asked for (not pulled in by apt). */
    List<NewPackage> asked() {
        return installed.stream().filter(p -> !p.automatic()).toList();
    }

    List<String> installedNames() {
        return installed.stream().map(p -> p.name() + " " + p.version() + " " + p.architecture()).toList();
    }

    List<String> removedNames() {
        return removed;
    }

    String summary() {
        List<String> parts = new ArrayList<>();
        if (!installed.isEmpty()) {
            parts.add("installed " + installedSummary());
        }
        String gone = state.status().stream()
                .filter(r -> !StatusFile.isInstalled(r.stanza()))
                .map(StatusRecord::packageName).distinct().collect(Collectors.joining(", "));
        if (!gone.isEmpty()) {
            parts.add("removed " + gone);
        }
        return parts.isEmpty() ? "no package changed" : String.join("; ", parts);
    }

    /**
     * What was asked for by name and version, and what apt pulled in along: by name while
     * they are few, as a count when they are many (zenity brings dozens).
     */
    private String installedSummary() {
        List<String> asked = installed.stream().filter(p -> !p.automatic()).map(p -> p.name() + " " + p.version()).toList();
        List<String> along = installed.stream().filter(NewPackage::automatic).map(NewPackage::name).toList();
        String summary = String.join(", ", asked);
        if (along.isEmpty()) {
            return summary;
        }
        String dependencies = along.size() <= LISTED_DEPENDENCIES ? String.join(", ", along)
                : along.size() + " packages it needs";
        return asked.isEmpty() ? dependencies : summary + " (with " + dependencies + ")";
    }

    /** dpkg's list of the package's paths, from the layer it just wrote. */
    private static List<String> fileList(Path upper, String name, String architecture) {
        Path info = upper.resolve(DpkgFileList.INFO_DIRECTORY.substring(1));
        for (String candidate : DpkgFileList.candidateNames(name, architecture)) {
            Path list = info.resolve(candidate);
            if (Files.isRegularFile(list)) {
                try {
                    return DpkgFileList.read(list);
                } catch (IOException e) {
                    throw TrydebException.failure("cannot read " + list + ": " + ErrorText.describe(e), e);
                }
            }
        }
        return List.of();
    }
}
