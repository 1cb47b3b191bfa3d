package covert.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import covert.log.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code covert trend --json}: the same numbers as the text, one object. */
public final class TrendJson {
    private TrendJson() {}

    public static String render(Trend t) throws JsonProcessingException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("simulated", t.simulated());
        if (t.simulated()) m.put("note", TextReport.SIMULATED_BANNER);
        m.putAll(Json.MAPPER.convertValue(t, Map.class));
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(m);
    }
}
