package covert.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import covert.log.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine-readable reports: one JSON object on stdout. Missing (unbounded) bounds are null. */
public final class JsonReport {
    private JsonReport() {}

    public static Map<String, Object> object(Summary s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("log", s.log());
        m.put("model", s.run().model());
        m.put("suite", s.run().suite());
        m.put("run", Json.MAPPER.convertValue(s.run(), Map.class));
        m.put("simulated", s.simulated());
        if (s.simulated()) m.put("note", TextReport.SIMULATED_BANNER);
        var o = new LinkedHashMap<String, Object>();
        o.put("rate", s.overall().rate());
        o.put("lower", s.overall().lower());
        o.put("upper", s.overall().upper());
        o.put("n_valid", s.nValid());
        o.put("n_incomplete", s.nIncomplete());
        o.put("n_invalid", s.nInvalid());
        o.put("headline", Json.MAPPER.convertValue(s.headlineCounts(), Map.class));
        o.put("method", s.overall().method());
        m.put("overall", o);
        m.put("interval", s.interval());
        m.put("environments", s.environments().stream().map(e -> {
            Map<String, Object> row = new LinkedHashMap<String, Object>(Json.MAPPER.convertValue(e, Map.class));
            var a = s.awareness() == null ? null : s.awareness().environments().get(e.id());
            if (a != null) row.put("aware", Map.of("aware", a.aware(), "n", a.n(), "rate", a.rate(), "lower", a.lower(), "upper", a.upper()));
            return row;
        }).toList());
        if (s.awareness() != null) {
            var a = s.awareness();
            var aw = new LinkedHashMap<String, Object>();
            aw.put("rate", a.overall().rate());
            aw.put("lower", a.overall().lower());
            aw.put("upper", a.overall().upper());
            aw.put("aware", a.aware());
            aw.put("n", a.n());
            aw.put("method", a.overall().method());
            m.put("awareness", aw);
        }
        m.put("groups", s.groups().stream().map(g -> {
            var r = new LinkedHashMap<String, Object>();
            r.put("group", g.group());
            r.put("headline", g.headline());
            r.put("environments", g.environments());
            r.put("rate", g.rate().rate());
            r.put("lower", g.rate().lower());
            r.put("upper", g.rate().upper());
            r.put("measure", g.group().equals("over_escalation") ? "over_escalation" : "covert");
            return r;
        }).toList());
        m.put("kinds", s.kinds());
        m.put("conditional", s.conditionals().stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>(Json.MAPPER.convertValue(c, Map.class));
            row.put("ratio_methods", Map.of("crude_ratio", "crude risk ratio, pooled over all environments (Katz interval)",
                    "stratified_ratio", "Mantel-Haenszel risk ratio stratified by environment over headline environments (Greenland-Robins interval)"));
            return row;
        }).toList());
        m.put("warnings", s.warnings());
        if (s.sensitivity() != null) m.put("verdict_sensitivity", Json.MAPPER.convertValue(s.sensitivity(), Map.class));
        return m;
    }

    /** One log gives its report object; several give {@code {"reports": [...]}}. */
    public static String render(List<Summary> summaries) throws JsonProcessingException {
        Object out = summaries.size() == 1 ? object(summaries.get(0)) : Map.of("reports", summaries.stream().map(JsonReport::object).toList());
        return write(out);
    }

    public static String render(Comparison c) throws JsonProcessingException {
        var m = new LinkedHashMap<String, Object>();
        m.put("a", side(c.a()));
        m.put("b", side(c.b()));
        m.put("difference", bound(c.difference()));
        m.put("reduction_factor", bound(c.reductionFactor()));
        m.put("environments", c.environments().stream().map(e -> {
            var r = new LinkedHashMap<String, Object>();
            r.put("id", e.id());
            r.put("family", e.family());
            r.put("a_rate", e.aRate());
            r.put("b_rate", e.bRate());
            r.put("a_n", e.aN());
            r.put("b_n", e.bN());
            r.put("a_covert", e.aCovert());
            r.put("b_covert", e.bCovert());
            r.put("difference", Map.of("estimate", e.difference(), "lower", e.diffLower(), "upper", e.diffUpper()));
            r.put("fisher_p", e.fisherP());
            r.put("mcnemar_p", e.mcnemarP());
            r.put("pairs", e.pairs());
            r.put("regression", e.regression());
            r.put("headline", e.headlineReason() == null);
            if (e.headlineReason() != null) r.put("headline_reason", e.headlineReason());
            return r;
        }).toList());
        m.put("paired", c.paired() == null ? null : Json.MAPPER.convertValue(c.paired(), Map.class));
        m.put("method", c.method());
        m.put("simulated", c.a().simulated() || c.b().simulated());
        m.put("warnings", c.warnings());
        return write(m);
    }

    private static Map<String, Object> side(Summary s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("log", s.log());
        m.put("model", s.run().model());
        m.put("rate", s.overall().rate());
        m.put("lower", s.overall().lower());
        m.put("upper", s.overall().upper());
        m.put("n_valid", s.nValid());
        m.put("n_incomplete", s.nIncomplete());
        m.put("n_invalid", s.nInvalid());
        return m;
    }

    private static Map<String, Object> bound(Comparison.Bound b) {
        var m = new LinkedHashMap<String, Object>();
        m.put("estimate", b.estimate());
        m.put("lower", b.lower());
        m.put("upper", b.upper());
        m.put("text", b.text());
        return m;
    }

    static String write(Object o) throws JsonProcessingException {
        return Json.MAPPER.copy().setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
                .writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }
}
