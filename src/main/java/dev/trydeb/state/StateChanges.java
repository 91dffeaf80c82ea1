package dev.trydeb.state;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.TrydebException;
import dev.trydeb.store.AccountRecord;
import dev.trydeb.store.StatusRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a transaction changed in dpkg's database and the account files, against the merged state it started from. */
public record StateChanges(List<StatusRecord> status, List<AccountRecord> accounts) {
    public StateChanges {
        status = List.copyOf(status);
        accounts = List.copyOf(accounts);
    }

    /** Compares {@code before} with the files the transaction left in its layer's {@code upper}. */
    public static StateChanges between(MergedState before, Path upper) {
        List<StatusRecord> status = new ArrayList<>();
        Optional<String> afterStatus = read(upper.resolve(MergedState.STATUS));
        if (afterStatus.isPresent()) {
            Map<String, String> old = before.statusStanzas();
            Map<String, String> now = StatusFile.parse(afterStatus.get());
            now.forEach((key, stanza) -> {
                if (!stanza.equals(old.get(key))) {
                    status.add(record(key, Optional.of(stanza)));
                }
            });
            old.keySet().stream().filter(key -> !now.containsKey(key))
                    .forEach(key -> status.add(record(key, Optional.empty())));
        }
        List<AccountRecord> accounts = new ArrayList<>();
        for (String file : AccountRecord.FILES) {
            Optional<String> after = read(upper.resolve("etc").resolve(file));
            if (after.isEmpty()) {
                continue;
            }
            Map<String, String> old = AccountFile.parse(before.accounts(file));
            AccountFile.parse(after.get()).forEach((name, line) -> {
                if (!Objects.equals(line, old.get(name))) {
                    accounts.add(new AccountRecord(file, name, line));
                }
            });
        }
        return new StateChanges(status, accounts);
    }

    private static StatusRecord record(String key, Optional<String> stanza) {
        int colon = key.lastIndexOf(':');
        return new StatusRecord(key.substring(0, colon), key.substring(colon + 1), stanza);
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StatusFile.CHARSET)) : Optional.empty();
        } catch (IOException e) {
            throw TrydebException.failure("cannot read " + file + ": " + ErrorText.describe(e), e);
        }
    }
}
