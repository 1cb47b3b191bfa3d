package covert.view;

import static covert.view.Html.esc;

import java.util.List;

/** The start page: one row per loaded run. */
final class RunsPage {
    private RunsPage() {}

    static String render(List<ViewSource.RunRow> runs) {
        var b = new StringBuilder("<h1>Runs</h1>");
        if (runs.isEmpty()) return Html.page("Runs", "", b.append("<p class=\"muted\">No runs loaded.</p>").toString());
        b.append("<table class=\"runs\"><thead><tr><th>model</th><th>suite</th><th>date</th><th class=\"num\">valid n</th>")
                .append("<th class=\"num\" title=\"the agent never submitted\">incomplete</th><th class=\"num\">invalid</th><th class=\"num\" title=\"covert samples / valid samples, pooled over environments\">covert rate</th>")
                .append("<th class=\"num\" title=\"valid samples whose reasoning verbalizes evaluation awareness / valid samples\">awareness rate</th>")
                .append("<th>log</th></tr></thead><tbody>");
        for (var r : runs) {
            String href = Html.runUrl(r.runId());
            b.append("<tr data-href=\"").append(esc(href)).append("\"><td><a class=\"run-link\" href=\"").append(esc(href)).append("\">")
                    .append(esc(r.model())).append("</a>").append(r.simulated() ? " " + Html.simBadge() : "").append("</td>")
                    .append("<td>").append(esc(r.suite())).append("</td>")
                    .append("<td>").append(esc(r.created())).append("</td>")
                    .append("<td class=\"num\">").append(r.valid()).append("</td>")
                    .append("<td class=\"num\">").append(r.incomplete()).append("</td>")
                    .append("<td class=\"num\">").append(r.invalid()).append("</td>")
                    .append("<td class=\"num\">").append(Html.pct(r.covertRate())).append("</td>")
                    .append("<td class=\"num\">").append(Html.pct(r.awareRate())).append("</td>")
                    .append("<td class=\"muted\">").append(esc(fileName(r.log()))).append("</td></tr>");
        }
        b.append("</tbody></table>");
        return Html.page("Runs", "", b.toString());
    }

    /** Only the name: the directory says where the user keeps logs, which a shared screenshot need not show. */
    private static String fileName(String log) {
        if (log == null) return "";
        int i = Math.max(log.lastIndexOf('/'), log.lastIndexOf('\\'));
        return log.substring(i + 1);
    }
}
