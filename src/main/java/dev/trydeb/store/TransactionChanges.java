package dev.trydeb.store;

import java.util.List;

/**
 * Everything a transaction changed, as committed in one go.
 *
 * @param installed packages it installed or upgraded
 * @param removed names of the environment's current packages it removed without replacing them
 * @param status what it left in dpkg's database
 * @param accounts account lines it added or changed
 */
public record TransactionChanges(List<NewPackage> installed, List<String> removed, List<StatusRecord> status,
        List<AccountRecord> accounts) {
    public TransactionChanges {
        installed = List.copyOf(installed);
        removed = List.copyOf(removed);
        status = List.copyOf(status);
        accounts = List.copyOf(accounts);
    }
}
