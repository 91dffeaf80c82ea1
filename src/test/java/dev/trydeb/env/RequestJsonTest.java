package dev.trydeb.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestJsonTest {
    @Test
    void of_installRequest_isWhatDatabindReadsBack() throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("files", List.of(Map.of("file", "/tmp/a \"quoted\" \\ name.deb", "sha256", "ab12")));
        request.put("packages", List.of("cowsay", "hello=2.10-3"));
        request.put("purge", true);
        String json = RequestJson.of(request);
        assertEquals(request, new ObjectMapper().readValue(json, Map.class));
    }

    @Test
    void of_emptyLists_areEmptyArrays() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("files", List.of());
        request.put("packages", List.of());
        assertEquals("{\"files\":[],\"packages\":[]}", RequestJson.of(request));
    }
}
