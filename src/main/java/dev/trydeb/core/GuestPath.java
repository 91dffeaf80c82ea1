package dev.trydeb.core;

import java.util.ArrayList;
import java.util.List;

/**
 * An absolute, normalized path as seen inside the sandbox (like Jib's AbsoluteUnixPath).
 * Never a host {@link java.nio.file.Path}: a guest path means nothing on the host until it is
 * resolved against a layer root. No "." or ".." components, no duplicate or trailing slashes.
 */
public record GuestPath(String value) implements Comparable<GuestPath> {
    public static final GuestPath ROOT = new GuestPath("/");

    public GuestPath {
        if (value == null || !value.startsWith("/")) {
            throw new IllegalArgumentException("guest path must be absolute: " + value);
        }
        if (!value.equals("/")) {
            if (value.endsWith("/") || value.contains("//") || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("guest path is not normalized: " + value);
            }
            if (hasDotComponent(value)) {
                throw new IllegalArgumentException("guest path must not contain '.' or '..': " + value);
            }
        }
    }

    /** Scans in place: an install makes tens of thousands of these (every parent of every member). */
    private static boolean hasDotComponent(String value) {
        int start = 1;
        for (int i = 1; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '/') {
                int length = i - start;
                if ((length == 1 || length == 2) && value.charAt(start) == '.' && value.charAt(i - 1) == '.') {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    public static GuestPath of(String value) {
        return new GuestPath(value);
    }

    /**
     * Normalizes a tar member name such as {@code ./usr/bin/hello} or {@code usr/share/}.
     * Rejects (IllegalArgumentException) names that are absolute-escaping or contain "..".
     */
    public static GuestPath fromArchiveName(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.equals(".") || n.isEmpty()) {
            return ROOT;
        }
        if (n.startsWith("/")) {
            throw new IllegalArgumentException("absolute member name: " + name);
        }
        List<String> parts = new ArrayList<>();
        for (String part : n.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new IllegalArgumentException("member name contains '..': " + name);
            }
            parts.add(part);
        }
        return parts.isEmpty() ? ROOT : new GuestPath("/" + String.join("/", parts));
    }

    public boolean isRoot() {
        return value.equals("/");
    }

    /** Path components, empty for the root. */
    public List<String> components() {
        return isRoot() ? List.of() : List.of(value.substring(1).split("/"));
    }

    public GuestPath parent() {
        if (isRoot()) {
            return this;
        }
        int slash = value.lastIndexOf('/');
        return slash == 0 ? ROOT : new GuestPath(value.substring(0, slash));
    }

    public String fileName() {
        return isRoot() ? "" : value.substring(value.lastIndexOf('/') + 1);
    }

    /** The first component ("usr" for /usr/bin/x); empty for the root. */
    public String topLevel() {
        List<String> c = components();
        return c.isEmpty() ? "" : c.get(0);
    }

    public GuestPath resolve(String child) {
        if (child.isEmpty() || child.contains("/") || child.equals(".") || child.equals("..")) {
            throw new IllegalArgumentException("not a single path component: " + child);
        }
        return new GuestPath(isRoot() ? "/" + child : value + "/" + child);
    }

    public boolean startsWith(GuestPath prefix) {
        return prefix.isRoot() || value.equals(prefix.value) || value.startsWith(prefix.value + "/");
    }

    /** The path relative to the root, without the leading slash ("" for the root). */
    public String relative() {
        return value.substring(1);
    }

    // Written out: a record's generated equals and hashCode go through invokedynamic, which
    // spins method handle classes at first use and runs slowly until compiled.
    @Override
    public boolean equals(Object other) {
        return other instanceof GuestPath path && value.equals(path.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(GuestPath other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
