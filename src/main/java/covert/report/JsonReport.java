package covert.report;

import covert.log.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine-readable report: one JSON object on stdout. */
public final class JsonReport {
    private JsonReport() {}

    public static Map<String, Object> object(Summary s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("log", s.log());
        m.put("model", s.model());
        m.put("suite", s.suite());
        m.put("simulated", s.simulated());
        if (s.simulated()) m.put("note", TextReport.SIMULATED_BANNER);
        m.put("overall", Json.MAPPER.convertValue(s.overall(), Map.class));
        m.put("environments", s.environments().stream().map(e -> Json.MAPPER.convertValue(e, Map.class)).toList());
        m.put("kinds", s.kinds());
        return m;
    }

    /** One log gives its report object; several give {@code {"reports": [...]}}. */
    public static String render(List<Summary> summaries) throws com.fasterxml.jackson.core.JsonProcessingException {
        Object out = summaries.size() == 1 ? object(summaries.get(0)) : Map.of("reports", summaries.stream().map(JsonReport::object).toList());
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    }
}
