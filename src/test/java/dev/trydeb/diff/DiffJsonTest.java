package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffJsonTest {
    private static JsonNode parse(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void render_packageChange_everyKeyFilled() throws Exception {
        JsonNode row = parse(DiffJson.render(List.of(Changes.PACKAGE_FILE))).get(0);
        assertEquals("/usr/bin/hello", row.get("path").asText());
        assertEquals("added", row.get("kind").asText());
        assertEquals("package", row.get("source").asText());
        assertEquals("hello", row.get("package").asText());
        assertEquals("2.10-3", row.get("version").asText());
        assertEquals(3, row.get("transaction").asLong());
        assertTrue(row.get("suspicious").isNull());
    }

    @Test
    void render_scriptChange_joinedPackagesAndReason() throws Exception {
        JsonNode row = parse(DiffJson.render(List.of(Changes.SCRIPT_CRON_JOB))).get(0);
        assertEquals("maintainer-script", row.get("source").asText());
        assertEquals("hello, world", row.get("package").asText());
        assertTrue(row.get("version").isNull());
        assertEquals("cron job", row.get("suspicious").asText());
    }

    @Test
    void render_runtimeChange_nullsWhereNothingApplies() throws Exception {
        JsonNode row = parse(DiffJson.render(List.of(Changes.RUNTIME_DELETION))).get(0);
        assertEquals("deleted", row.get("kind").asText());
        assertEquals("runtime", row.get("source").asText());
        for (String key : List.of("package", "version", "transaction", "suspicious")) {
            assertTrue(row.has(key) && row.get(key).isNull(), key);
        }
        assertEquals(List.of("path", "kind", "source", "package", "version", "transaction", "suspicious"),
                List.copyOf(iterable(row.fieldNames())));
    }

    @Test
    void render_noChanges_emptyArray() throws Exception {
        JsonNode array = parse(DiffJson.render(List.of()));
        assertTrue(array.isArray());
        assertEquals(0, array.size());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
