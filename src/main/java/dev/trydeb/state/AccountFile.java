package dev.trydeb.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /etc/passwd or /etc/group as lines keyed by the account's name (the first field), in file order. */
public final class AccountFile {
    private AccountFile() {}

    public static Map<String, String> parse(String text) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                lines.putIfAbsent(line.substring(0, colon), line);
            }
        }
        return lines;
    }

    public static String format(Map<String, String> lines) {
        StringBuilder out = new StringBuilder();
        lines.values().forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    /**
     * The host's accounts with the environment's over them: an account only the environment
     * has is added; for a group both have, the host's line wins but gains the environment's
     * members (a postinst's {@code adduser user group}); for a user both have, the host's wins.
     */
    public static Map<String, String> merge(String file, Map<String, String> host, Map<String, String> environment) {
        Map<String, String> merged = new LinkedHashMap<>(host);
        environment.forEach((name, line) -> {
            String hostLine = host.get(name);
            if (hostLine == null) {
                merged.put(name, line);
            } else if (file.equals("group")) {
                merged.put(name, withMembers(hostLine, line));
            }
        });
        return merged;
    }

    private static String withMembers(String hostLine, String environmentLine) {
        String[] host = hostLine.split(":", -1);
        String[] env = environmentLine.split(":", -1);
        if (host.length != 4 || env.length != 4) {
            return hostLine;
        }
        Set<String> members = new LinkedHashSet<>(members(host[3]));
        members.addAll(members(env[3]));
        return host[0] + ":" + host[1] + ":" + host[2] + ":" + String.join(",", members);
    }

    private static List<String> members(String field) {
        List<String> members = new ArrayList<>();
        for (String member : field.split(",")) {
            if (!member.isBlank()) {
                members.add(member.strip());
            }
        }
        return members;
    }

    /** shadow (for passwd) or gshadow (for group) lines without secrets: every password locked. */
    public static String shadowFor(String file, Map<String, String> accounts) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> account : accounts.entrySet()) {
            if (file.equals("passwd")) {
                out.append(account.getKey()).append(":*:19000:0:99999:7:::\n");
            } else {
                String[] fields = account.getValue().split(":", -1);
                out.append(account.getKey()).append(":*::").append(fields.length == 4 ? fields[3] : "").append('\n');
            }
        }
        return out.toString();
    }
}
