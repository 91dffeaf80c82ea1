package dev.trydeb.env;

/** Shows a transaction's plan and says whether to go on; called before anything changes. */
@FunctionalInterface
public interface Confirmation {
    boolean confirm(ChangePlan plan);
}
