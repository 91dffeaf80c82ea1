package dev.trydeb.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Changes as a JSON array, for scripts: one object per change, every key always present. */
public final class DiffJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiffJson() {}

    /**
     * Keys: "path", "kind" (the label), "source" ("package", "maintainer-script" or "runtime"),
     * "package", "version", "transaction" and "suspicious" (the reason), null where they do not apply.
     */
    public static String render(List<Change> changes) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Change change : changes) {
            Attribution by = change.attribution();
            ObjectNode row = array.addObject();
            row.put("path", change.path().value());
            row.put("kind", change.kind().label());
            row.put("source", by.source().label());
            row.put("package", by.packageName());
            row.put("version", by.version());
            row.put("transaction", by.transactionId());
            row.put("suspicious", change.suspicious().orElse(null));
        }
        try {
            return MAPPER.writeValueAsString(array);
        } catch (IOException e) { // Debian 12's jackson-databind declares IOException too, not only JsonProcessingException
            throw new UncheckedIOException(e);
        }
    }
}
