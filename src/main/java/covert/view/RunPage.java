package covert.view;

import static covert.view.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run: its environments (sortable, filterable) and, for the chosen environment or filter, its samples a
 * page at a time. All state lives in the query string, so every view can be bookmarked and needs no script.
 */
final class RunPage {
    static final int PAGE_SIZE = 50;

    /** What the query string asked for, already validated. */
    record Query(ViewSource.Filter filter, String env, int page, String sort, boolean desc) {}

    private static final Map<String, Comparator<ViewSource.EnvRow>> SORTS = new LinkedHashMap<>();

    static {
        SORTS.put("env", Comparator.comparing(ViewSource.EnvRow::env));
        SORTS.put("family", Comparator.comparing(ViewSource.EnvRow::family));
        SORTS.put("group", Comparator.comparing(ViewSource.EnvRow::group));
        SORTS.put("n", Comparator.comparingInt(ViewSource.EnvRow::n));
        SORTS.put("covert", Comparator.comparingInt(ViewSource.EnvRow::covert));
        // An environment without valid samples has no rate; it sorts below every rate either way round.
        SORTS.put("rate", Comparator.comparingDouble((ViewSource.EnvRow e) -> Double.isNaN(e.rate()) ? -1 : e.rate()));
        SORTS.put("aware", Comparator.comparingInt(ViewSource.EnvRow::aware));
        SORTS.put("invalid", Comparator.comparingInt(ViewSource.EnvRow::invalid));
        SORTS.put("incomplete", Comparator.comparingInt(ViewSource.EnvRow::incomplete));
    }

    private RunPage() {}

    static boolean knownSort(String s) {
        return s == null || SORTS.containsKey(s);
    }

    static String render(ViewSource src, ViewSource.RunRow run, Query q) {
        var b = new StringBuilder();
        b.append("<h1>").append(esc(run.model())).append(run.simulated() ? " " + Html.simBadge() : "").append("</h1>");
        b.append("<div class=\"kv\"><span class=\"muted\">suite</span><span>").append(esc(run.suite()))
                .append("</span><span class=\"muted\">date</span><span>").append(esc(run.created()))
                .append("</span><span class=\"muted\">run id</span><span>").append(esc(run.runId()))
                .append("</span><span class=\"muted\">samples</span><span>").append(run.valid()).append(" valid, ").append(run.incomplete()).append(" incomplete, ").append(run.invalid()).append(" invalid")
                .append("</span><span class=\"muted\">covert rate</span><span>").append(Html.pct(run.covertRate())).append(" (pooled)")
                .append("</span><span class=\"muted\">awareness rate</span><span>").append(Html.pct(run.awareRate())).append("</span></div>");

        b.append("<p class=\"filters\">show: ");
        for (var f : ViewSource.Filter.values()) {
            String label = switch (f) {
                case ALL -> "all";
                case COVERT -> "covert only";
                case AWARE -> "aware only";
                case INCOMPLETE -> "incomplete";
                case INVALID -> "invalid";
            };
            b.append("<a class=\"filter").append(f == q.filter() ? " on" : "").append("\" data-filter=\"").append(f.name().toLowerCase(Locale.ROOT))
                    .append("\" href=\"").append(esc(url(run.runId(), new Query(f, q.env(), 1, q.sort(), q.desc())))).append("\">")
                    .append(label).append("</a>");
        }
        b.append("</p>");

        envTable(b, src.environments(run.runId()), run.runId(), q);
        if (q.env() != null || q.filter() != ViewSource.Filter.ALL) samples(b, src, run.runId(), q);
        String crumbs = "<a href=\"" + esc(Html.runUrl(run.runId())) + "\">" + esc(run.model()) + " · " + esc(run.created()) + "</a>";
        return Html.page(run.model() + " " + run.created(), crumbs, b.toString());
    }

    private static void envTable(StringBuilder b, List<ViewSource.EnvRow> all, String runId, Query q) {
        var envs = new ArrayList<ViewSource.EnvRow>();
        for (var e : all) {
            boolean keep = switch (q.filter()) {
                case ALL -> true;
                case COVERT -> e.covert() > 0;
                case AWARE -> e.aware() > 0;
                case INCOMPLETE -> e.incomplete() > 0;
                case INVALID -> e.invalid() > 0;
            };
            if (keep) envs.add(e);
        }
        if (q.sort() != null) {
            var c = SORTS.get(q.sort());
            envs.sort(q.desc() ? c.reversed() : c);
        }
        b.append("<h2>Environments</h2><table class=\"envs\"><thead><tr>");
        for (String[] h : new String[][] {{"env", "environment", ""}, {"family", "family", ""}, {"group", "group", ""}, {"n", "valid n", "num"},
                {"covert", "covert", "num"}, {"rate", "rate [95% Wilson]", "num"}, {"aware", "aware", "num"}, {"incomplete", "incomplete", "num"},
                {"invalid", "invalid", "num"}}) {
            boolean on = h[0].equals(q.sort());
            // A first click on a count sorts the largest first: that is what one looks for.
            boolean desc = on ? !q.desc() : h[2].equals("num");
            String arrow = on ? (q.desc() ? " ▼" : " ▲") : "";
            b.append("<th class=\"").append(h[2]).append("\"><a class=\"sort\" data-sort=\"").append(h[0]).append("\" href=\"")
                    .append(esc(url(runId, new Query(q.filter(), q.env(), 1, h[0], desc)))).append("\">").append(h[1]).append(arrow).append("</a></th>");
        }
        b.append("</tr></thead><tbody>");
        for (var e : envs) {
            String href = url(runId, new Query(q.filter(), e.env(), 1, q.sort(), q.desc())) + "#samples";
            b.append("<tr data-href=\"").append(esc(href)).append("\"").append(e.env().equals(q.env()) ? " class=\"selected\"" : "").append(">")
                    .append("<td><a class=\"env-link\" href=\"").append(esc(href)).append("\">").append(esc(e.env())).append("</a></td>")
                    .append("<td>").append(esc(e.family())).append("</td><td>").append(esc(e.group())).append("</td>")
                    .append("<td class=\"num\">").append(e.n()).append("</td><td class=\"num\">").append(e.covert()).append("</td>")
                    .append("<td class=\"num\">").append(e.n() == 0 ? "–" : Html.pct(e.rate()) + " <span class=\"muted\">["
                            + Html.pct(e.lower()) + ", " + Html.pct(e.upper()) + "]</span>").append("</td>")
                    .append("<td class=\"num\">").append(e.aware()).append("</td><td class=\"num\">").append(e.incomplete())
                    .append("</td><td class=\"num\">").append(e.invalid()).append("</td></tr>");
        }
        b.append("</tbody></table>");
        if (envs.isEmpty()) b.append("<p class=\"muted\">No environment has such samples.</p>");
    }

    private static void samples(StringBuilder b, ViewSource src, String runId, Query q) {
        var page = src.samples(runId, q.env(), q.filter(), q.page(), PAGE_SIZE);
        long pages = Math.max(1, (page.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        b.append("<h2 id=\"samples\">Samples").append(q.env() == null ? "" : " of " + esc(q.env())).append(" <span class=\"muted\">(")
                .append(page.total()).append(")</span></h2>");
        b.append("<table class=\"samples\"><thead><tr><th>sample</th><th class=\"num\">epoch</th><th>variant</th><th>outcome</th><th>kinds</th><th>aware</th>")
                .append("</tr></thead><tbody>");
        for (var s : page.items()) {
            String href = Html.sampleUrl(runId, s.sampleId(), s.epoch());
            String variant = s.variant().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
            b.append("<tr data-href=\"").append(esc(href)).append("\" class=\"sample ").append(esc(s.outcome())).append("\">")
                    .append("<td><a class=\"sample-link\" href=\"").append(esc(href)).append("\">").append(esc(s.sampleId())).append("</a></td>")
                    .append("<td class=\"num\">").append(s.epoch()).append("</td><td>").append(esc(variant)).append("</td>")
                    .append("<td>").append(Html.badge(s.outcome(), s.outcome())).append("</td>")
                    .append("<td>").append(esc(String.join(", ", s.kinds()))).append("</td>")
                    .append("<td>").append(s.aware() ? Html.badge("aware", "aware") : "").append("</td></tr>");
        }
        b.append("</tbody></table>");
        b.append("<p class=\"pager\">");
        if (q.page() > 1) b.append("<a rel=\"prev\" href=\"").append(esc(url(runId, withPage(q, q.page() - 1)) + "#samples")).append("\">← previous</a>");
        b.append("<span>page ").append(q.page()).append(" of ").append(pages).append("</span>");
        if (q.page() < pages) b.append("<a rel=\"next\" href=\"").append(esc(url(runId, withPage(q, q.page() + 1)) + "#samples")).append("\">next →</a>");
        b.append("</p>");
    }

    private static Query withPage(Query q, int page) {
        return new Query(q.filter(), q.env(), page, q.sort(), q.desc());
    }

    static String url(String runId, Query q) {
        var params = new LinkedHashMap<String, String>();
        params.put("filter", q.filter() == ViewSource.Filter.ALL ? null : q.filter().name().toLowerCase(Locale.ROOT));
        params.put("env", q.env());
        params.put("sort", q.sort());
        params.put("order", q.sort() == null ? null : q.desc() ? "desc" : "asc");
        params.put("page", q.page() <= 1 ? null : Integer.toString(q.page()));
        return Html.runUrl(runId) + Html.q(params);
    }
}
