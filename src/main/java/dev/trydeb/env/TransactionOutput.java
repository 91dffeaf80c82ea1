package dev.trydeb.env;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person sees of apt's and dpkg's output during a transaction, and the whole of it kept
 * for {@code trydeb log}. By default a line per package step ({@code Unpacking figlet (1/3)}),
 * and the lines that report a problem, with the package they came from; dpkg's chatter
 * ("Selecting previously unselected package", "Reading database", man-db's "Not building
 * database") goes to the log only.
 */
public final class TransactionOutput implements Consumer<String> {
    /** How much of the output is shown. */
    public enum Detail {
        /** Problems only: for scripts. */
        QUIET,
        /** Progress and problems. */
        NORMAL,
        /** Everything apt and dpkg print, as they print it. */
        VERBOSE
    }

    /** The log keeps this many characters of the output's end (a runaway script's output is cut). */
    private static final int KEPT_CHARACTERS = 2 << 20;

    private static final Pattern STEP = Pattern.compile(
            "^(Unpacking|Setting up|Removing|Purging configuration files for|Processing triggers for) (\\S+) \\(.*");
    private static final Pattern PREPARING = Pattern.compile("^Preparing to unpack \\S*/([^/_]+)_\\S+ \\.\\.\\.$");
    /**
     * A maintainer script's line worth showing. Scripts print no structured output, so this is
     * a guess in English, the language of dpkg's own messages inside (LANG is the user's); the
     * log keeps every line whatever the guess.
     */
    private static final Pattern PROBLEM = Pattern.compile(
            "(?i)\\b(warn(ing)?|errors?|fail(s|ed|ure)?|fatal|cannot|can't|could not|couldn't|unable|denied|not found|abort(ed|ing)?)\\b");

    private final Detail detail;
    private final PrintStream out;
    private final int unpacks;
    private final int removals;
    private final Deque<String> kept = new ArrayDeque<>();
    private int keptCharacters;
    private int droppedLines;
    private String currentPackage;
    private int unpacked;
    private int configured;
    private int removed;
    /** Whether the last line was a problem shown: indented lines after it continue it. */
    private boolean showingProblem;

    /**
     * @param unpacks how many packages the plan unpacks, for the step counts
     * @param removals how many it removes
     */
    public TransactionOutput(Detail detail, PrintStream out, int unpacks, int removals) {
        this.detail = detail;
        this.out = out;
        this.unpacks = unpacks;
        this.removals = removals;
    }

    @Override
    public void accept(String line) {
        keep(line);
        if (detail == Detail.VERBOSE) {
            show(line);
            return;
        }
        Matcher step = STEP.matcher(line);
        if (step.matches()) {
            currentPackage = packageName(step.group(2));
            showingProblem = false;
            String progress = stepLine(step.group(1), currentPackage);
            if (detail == Detail.NORMAL) {
                show(progress);
            }
            return;
        }
        String problem = problem(line);
        showingProblem = problem != null;
        if (problem != null) {
            show(problem);
        }
    }

    /** Everything printed, for the store (its start cut, and said so, past {@link #KEPT_CHARACTERS}). */
    public String text() {
        StringBuilder text = new StringBuilder();
        if (droppedLines > 0) {
            text.append("[trydeb: ").append(droppedLines).append(" earlier lines not kept]\n");
        }
        kept.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** What a line that is not a package step shows on screen, or null for a line only the log keeps. */
    private String problem(String line) {
        Matcher preparing = PREPARING.matcher(line);
        if (preparing.matches()) {
            currentPackage = preparing.group(1);
            return null;
        }
        if (showingProblem && line.startsWith(" ")) {
            return line; // dpkg's reason under its error, the packages under "Errors were encountered"
        }
        if (line.startsWith("Errors were encountered") || line.startsWith("E: ") || line.startsWith("W: ")
                || line.startsWith("dpkg: ") || line.startsWith("trydeb")) {
            return line;
        }
        if (!PROBLEM.matcher(line).find()) {
            return null;
        }
        return currentPackage == null || line.startsWith(currentPackage) ? line : currentPackage + ": " + line;
    }

    private String stepLine(String verb, String name) {
        return switch (verb) {
            case "Unpacking" -> verb + " " + name + count(++unpacked, unpacks);
            case "Setting up" -> verb + " " + name + count(++configured, unpacks);
            case "Removing" -> verb + " " + name + count(++removed, removals);
            default -> verb + " " + name;
        };
    }

    private static String count(int n, int of) {
        return of > 0 && n <= of ? " (" + n + "/" + of + ")" : "";
    }

    /** dpkg names a package with its architecture where several may be installed (libc6:amd64). */
    private static String packageName(String word) {
        int colon = word.indexOf(':');
        return colon < 0 ? word : word.substring(0, colon);
    }

    private void keep(String line) {
        kept.addLast(line);
        keptCharacters += line.length() + 1;
        while (keptCharacters > KEPT_CHARACTERS && kept.size() > 1) {
            keptCharacters -= kept.removeFirst().length() + 1;
            droppedLines++;
        }
    }

    private void show(String line) {
        out.println(line);
        out.flush();
    }
}
