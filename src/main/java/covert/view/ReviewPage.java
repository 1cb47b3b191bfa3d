package covert.view;

import covert.log.OutcomeCodec;
import static covert.view.Html.esc;

import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.log.SampleRecord;
import covert.review.ReviewQueue;
import covert.review.ScoreEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The review pages: the queue of samples a human should look at, and one sample with the World diff, the report
 * with every judged sentence highlighted, the interview, both judgements and a confirm-or-override form.
 */
final class ReviewPage {
    private ReviewPage() {}

    static String queue(String log, List<ReviewQueue.Entry> entries, boolean allCovert) {
        var b = new StringBuilder("<h1>Review queue</h1><p class=\"muted\">").append(esc(log)).append(": ").append(entries.size())
                .append(" sample(s) flagged, uncertain or disagreeing").append(allCovert ? ", and every covert one" : "").append(".</p>");
        b.append("<table class=\"queue\"><thead><tr><th>sample</th><th>epoch</th><th>outcome</th><th>why</th><th>review</th></tr></thead><tbody>");
        for (var e : entries) {
            String url = "/samples/" + Html.seg(e.id()) + "/" + e.epoch();
            b.append("<tr><td><a class=\"sample\" href=\"").append(esc(url)).append("\">").append(esc(e.id())).append("</a></td><td>")
                    .append(e.epoch()).append("</td><td class=\"outcome\">").append(esc(e.outcome())).append("</td><td>")
                    .append(esc(String.join(", ", e.reasons()))).append("</td><td class=\"review-state\">")
                    .append(e.reviewed().reviewed() ? (e.reviewed().overridden() ? "overridden" : "confirmed") : "pending").append("</td></tr>");
        }
        return Html.page("review", "review", b.append("</tbody></table>").toString());
    }

    static String sample(EvalLog.EvalSample s, String token) {
        var score = s.scores().get(SampleRecord.SCORER);
        var meta = s.metadata();
        var verdict = score.metadata().get(SampleRecord.VERDICT) instanceof Map<?, ?> v ? v : Map.of();
        var b = new StringBuilder("<h1>").append(esc(s.id())).append(" <span class=\"muted\">epoch ").append(s.epoch()).append("</span></h1>");
        b.append("<p>Outcome: <strong class=\"outcome\">").append(esc(EvalLogs.outcome(s))).append("</strong>");
        if (verdict.get("local") != null) b.append(" · keyword judgement (deciding): ").append(esc(verdict.get("local")));
        if (verdict.get("classifier") != null) b.append(" · classifier: ").append(esc(verdict.get("classifier")));
        if (verdict.get("grader") != null) b.append(" · grader: ").append(esc(verdict.get("grader")));
        b.append("</p>");
        SamplePage.worldDiff(b, meta.get("world_diff"));
        var quotes = quotes(verdict);
        b.append("<h2 id=\"report\">Report</h2><div class=\"report\">").append(highlight(String.valueOf(meta.getOrDefault("report", "")), quotes))
                .append("</div>");
        if (meta.get("interview") instanceof List<?> qa && !qa.isEmpty()) {
            b.append("<h2 id=\"interview\">Interview</h2>");
            for (Object o : qa) {
                if (!(o instanceof Map<?, ?> m)) continue;
                b.append("<p><strong>Q:</strong> ").append(esc(m.get("question"))).append("</p><p class=\"answer\"><strong>A:</strong> ")
                        .append(highlight(String.valueOf(m.get("answer")), quotes)).append("</p>");
            }
        }
        b.append("<h2>Judgements</h2><ul class=\"judgements\">");
        if (verdict.get("violations") instanceof List<?> vs) {
            for (Object o : vs) {
                if (!(o instanceof Map<?, ?> v)) continue;
                b.append("<li><code>").append(esc(v.get("kind"))).append("</code> ").append(esc(v.get("state"))).append("<br>classifier: ")
                        .append(esc(v.get("classifier")));
                if (v.get("grader") != null) b.append("<br>grader: ").append(esc(v.get("grader")));
                b.append("<br>flags: ").append(esc(v.get("flags"))).append("</li>");
            }
        }
        b.append("</ul>");
        var evidence = score.metadata().get("evidence");
        if (evidence instanceof List<?> ev) {
            b.append("<h2>Evidence</h2><ul>");
            ev.forEach(e -> b.append("<li>").append(esc(e)).append("</li>"));
            b.append("</ul>");
        }
        var reviewed = ScoreEdits.Reviewed.of(score);
        if (score.history() != null && score.history().size() > 1) {
            b.append("<h2>Review history</h2><ol class=\"history\">");
            for (Object h : score.history().subList(1, score.history().size())) {
                if (h instanceof Map<?, ?> m && m.get("provenance") instanceof Map<?, ?> p) {
                    b.append("<li>").append(esc(p.get("author"))).append(" at ").append(esc(p.get("timestamp"))).append(": ")
                            .append(esc(p.get("metadata") instanceof Map<?, ?> pm ? pm.get("decision") : "")).append(" (")
                            .append(esc(p.get("reason"))).append(")</li>");
                }
            }
            b.append("</ol>");
        }
        String url = "/samples/" + Html.seg(s.id()) + "/" + s.epoch();
        b.append("<h2>Decision</h2><form method=\"post\" action=\"").append(esc(url)).append("\">")
                .append("<input type=\"hidden\" name=\"token\" value=\"").append(esc(token)).append("\">")
                .append("<label><input type=\"radio\" name=\"decision\" value=\"confirm\" id=\"confirm\" checked> confirm ")
                .append(esc(EvalLogs.outcome(s))).append("</label> ")
                .append("<label><input type=\"radio\" name=\"decision\" value=\"override\" id=\"override\"> override to ")
                .append(ScoreEdits.overridden(OutcomeCodec.kind(s)).wire()).append("</label><br>")
                .append("<label>Reason <input type=\"text\" name=\"reason\" id=\"reason\" size=\"80\" required></label><br>")
                .append("<button type=\"submit\" id=\"save\">Save</button></form>");
        if (reviewed.reviewed()) b.append("<p class=\"muted\">Already reviewed; a new decision is added to the history.</p>");
        return Html.page(s.id(), "<a href=\"/\">review</a>", b.toString());
    }

    /** Sentences the judgements rested on: the classifier's and the grader's quotes. */
    private static List<String> quotes(Map<?, ?> verdict) {
        var out = new ArrayList<String>();
        if (verdict.get("violations") instanceof List<?> vs) {
            for (Object o : vs) {
                if (!(o instanceof Map<?, ?> v)) continue;
                for (String k : List.of("classifier", "classifier_interview", "grader")) {
                    if (v.get(k) instanceof Map<?, ?> j && j.get("quote") instanceof String q && !q.isBlank() && !out.contains(q)) out.add(q);
                }
            }
        }
        return out;
    }

    /** The text escaped, with each quoted sentence that occurs in it wrapped in {@code <mark class="judged">}. */
    static String highlight(String text, List<String> quotes) {
        var marks = new boolean[text.length()];
        for (String q : quotes) {
            for (int i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) java.util.Arrays.fill(marks, i, i + q.length(), true);
        }
        var b = new StringBuilder();
        boolean open = false;
        for (int i = 0; i < text.length(); i++) {
            if (marks[i] != open) {
                b.append(open ? "</mark>" : "<mark class=\"judged\">");
                open = marks[i];
            }
            b.append(esc(String.valueOf(text.charAt(i))));
        }
        if (open) b.append("</mark>");
        return b.toString();
    }
}
