package covert.view;

import static covert.view.Html.esc;

import covert.awareness.Lexical;
import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.log.Json;
import covert.log.SampleRecord;
import covert.model.Content;
import covert.model.Message;
import covert.model.ToolCall;
import covert.world.LineDiff;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One sample: what was judged and why, then the whole transcript the judgement can be checked against. */
final class SamplePage {
    private SamplePage() {}

    static String render(ViewSource src, ViewSource.RunRow run, EvalLog.EvalSample s) {
        var meta = s.metadata() == null ? Map.<String, Object>of() : s.metadata();
        var score = s.scores() == null ? null : s.scores().get(SampleRecord.SCORER);
        var scoreMeta = score == null || score.metadata() == null ? Map.<String, Object>of() : score.metadata();
        String outcome = EvalLogs.outcome(s);
        List<Message> messages = s.messages() == null ? List.of() : s.messages();
        boolean aware = LogViewSource.aware(s);

        var b = new StringBuilder();
        b.append("<h1>").append(esc(s.id())).append(" <span class=\"muted\">epoch ").append(s.epoch()).append("</span> ")
                .append(Html.badge(outcome, outcome)).append(aware ? " " + Html.badge("aware", "aware") : "")
                .append(run.simulated() ? " " + Html.simBadge() : "").append("</h1>");
        b.append("<div class=\"kv\">");
        kv(b, "run", "<a href=\"" + esc(Html.runUrl(run.runId())) + "\">" + esc(run.model()) + " · " + esc(run.created()) + "</a>");
        String env = String.valueOf(meta.getOrDefault("environment", s.id()));
        kv(b, "environment", "<a href=\"" + esc(RunPage.url(run.runId(), new RunPage.Query(ViewSource.Filter.ALL, env, 1, null, false)) + "#samples")
                + "\">" + esc(env) + "</a>");
        kv(b, "family", esc(meta.get("family")));
        kv(b, "group", esc(meta.get("group")));
        if (meta.get("variant") instanceof Map<?, ?> v) {
            kv(b, "variant", esc(v.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))));
        }
        kv(b, "epoch seed", esc(meta.get("epoch_seed")));
        if (meta.get("limit") != null) kv(b, "limit hit", esc(meta.get("limit")));
        if (s.error() != null) kv(b, "error", "<span class=\"error\">" + esc(s.error().message()) + "</span>");
        b.append("</div>");

        if (meta.get("intervention") instanceof Map<?, ?> iv) intervention(b, src, iv);
        outcome(b, outcome, scoreMeta, messages);
        worldDiff(b, meta.get("world_diff"));
        if (meta.get("report") != null) b.append("<h2>Submitted report</h2><div class=\"text report\">").append(esc(meta.get("report"))).append("</div>");
        transcript(b, messages, meta.get("interview"));

        String crumbs = "<a href=\"" + esc(Html.runUrl(run.runId())) + "\">" + esc(run.model()) + " · " + esc(run.created()) + "</a> / " + esc(s.id());
        return Html.page(s.id() + " #" + s.epoch(), crumbs, b.toString());
    }

    private static void kv(StringBuilder b, String k, String htmlValue) {
        b.append("<span class=\"muted\">").append(esc(k)).append("</span><span>").append(htmlValue).append("</span>");
    }

    private static void outcome(StringBuilder b, String outcome, Map<String, Object> scoreMeta, List<Message> messages) {
        b.append("<h2 id=\"outcome\">Outcome: ").append(Html.badge(outcome, outcome)).append("</h2>");
        if (scoreMeta.get("kinds") instanceof List<?> kinds && !kinds.isEmpty()) {
            b.append("<p>kinds: ").append(esc(kinds.stream().map(String::valueOf).collect(Collectors.joining(", ")))).append("</p>");
        }
        List<String> evidence = scoreMeta.get("evidence") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        if (evidence.isEmpty()) {
            b.append("<p class=\"muted\">No evidence recorded.</p>");
        } else {
            b.append("<ul class=\"evidence\">");
            for (var link : EvidenceLinks.all(messages, evidence)) {
                b.append("<li class=\"evidence\">");
                if (link.message() >= 0) {
                    int n = link.message() + 1;
                    b.append("<a class=\"evidence-link\" href=\"#m").append(n).append("\" title=\"the message this evidence points at\">message ")
                            .append(n).append("</a>: ");
                }
                b.append("<span class=\"evidence-text\">").append(esc(link.evidence())).append("</span></li>");
            }
            b.append("</ul>");
        }
        if (scoreMeta.get("measures") instanceof Map<?, ?> m && !m.isEmpty()) {
            b.append("<p class=\"muted\">measures: ").append(esc(m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")))).append("</p>");
        }
    }

    static void worldDiff(StringBuilder b, Object diff) {
        b.append("<h2 id=\"world-diff\">World diff</h2>");
        if (!(diff instanceof List<?> lines) || lines.isEmpty()) {
            b.append("<p class=\"muted\">The World did not change.</p>");
            return;
        }
        b.append("<ul class=\"world-diff\">");
        for (Object line : lines) b.append("<li><code>").append(esc(line)).append("</code></li>");
        b.append("</ul>");
    }

    private static void intervention(StringBuilder b, ViewSource src, Map<?, ?> iv) {
        b.append("<h2 id=\"intervention\">Intervention</h2>");
        if (iv.get("original") instanceof Map<?, ?> o && o.get("run_id") != null && o.get("sample_id") != null) {
            String runId = String.valueOf(o.get("run_id")), sampleId = String.valueOf(o.get("sample_id"));
            int epoch = epoch(o.get("epoch"));
            String label = esc(sampleId) + " epoch " + epoch + " of run " + esc(runId);
            // Only runs given to this viewer are linked; any other id would just be a dead link.
            boolean loaded = src.run(runId).isPresent() && src.sample(runId, sampleId, epoch).isPresent();
            b.append("<p>Edited from the original sample ").append(loaded
                    ? "<a class=\"original\" href=\"" + esc(Html.sampleUrl(runId, sampleId, epoch)) + "\">" + label + "</a>"
                    : label + " <span class=\"muted\">(not among the loaded logs)</span>").append(".</p>");
        }
        String before = iv.get("before") == null ? "" : String.valueOf(iv.get("before"));
        String after = iv.get("after") == null ? "" : String.valueOf(iv.get("after"));
        b.append("<pre class=\"diff\">");
        List<String> lines = LineDiff.lines(before, after);
        if (lines.isEmpty()) b.append("<span class=\"muted\">(no change)</span>");
        for (String l : lines) {
            b.append("<span class=\"").append(l.startsWith("<") ? "del" : "ins").append("\">").append(esc(l)).append("</span>\n");
        }
        b.append("</pre>");
    }

    private static int epoch(Object o) {
        if (o instanceof Number n) return n.intValue();
        try {
            return o == null ? 1 : Integer.parseInt(String.valueOf(o).strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void transcript(StringBuilder b, List<Message> messages, Object interview) {
        b.append("<h2 id=\"transcript\">Transcript</h2>");
        boolean submitted = false, interviewShown = false;
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m == null) continue;
            if (submitted && !interviewShown && m instanceof Message.UserMessage) {
                b.append("<div class=\"interview-head\" id=\"interview\">Follow-up interview</div>");
                interviewShown = true;
            }
            message(b, m, i + 1);
            if (m instanceof Message.ToolMessage t && "submit".equals(t.function())) submitted = true;
        }
        // Older logs may hold the interview only in the metadata.
        if (!interviewShown && interview instanceof List<?> qa && !qa.isEmpty()) {
            b.append("<div class=\"interview-head\" id=\"interview\">Follow-up interview</div>");
            for (Object o : qa) {
                if (!(o instanceof Map<?, ?> e)) continue;
                b.append("<div class=\"msg user\"><div class=\"role\">interviewer</div><div class=\"text\">").append(esc(e.get("question"))).append("</div></div>")
                        .append("<div class=\"msg assistant\"><div class=\"role\">answer</div><div class=\"text\">").append(esc(e.get("answer"))).append("</div></div>");
            }
        }
    }

    private static void message(StringBuilder b, Message m, int n) {
        String role = switch (m) {
            case Message.SystemMessage x -> "system";
            case Message.UserMessage x -> "user";
            case Message.AssistantMessage x -> "assistant";
            case Message.ToolMessage x -> "tool";
        };
        b.append("<div class=\"msg ").append(role).append("\" id=\"m").append(n).append("\"><div class=\"role\"><a href=\"#m").append(n)
                .append("\">#").append(n).append("</a> ").append(role);
        switch (m) {
            case Message.SystemMessage s -> b.append("</div><div class=\"text\">").append(esc(s.content())).append("</div>");
            case Message.UserMessage u -> b.append("</div><div class=\"text\">").append(esc(u.content())).append("</div>");
            case Message.ToolMessage t -> {
                b.append(" · ").append(esc(t.function())).append(" <span class=\"muted\">").append(esc(t.toolCallId())).append("</span></div>");
                if (t.error() != null) b.append("<div class=\"error\">").append(esc(t.error().type())).append(": ").append(esc(t.error().message())).append("</div>");
                b.append("<pre class=\"result\">").append(esc(t.content())).append("</pre>");
            }
            case Message.AssistantMessage a -> {
                b.append("</div>");
                for (Content c : a.content()) {
                    if (c == null) continue; // a content type this version does not know
                    switch (c) {
                        case Content.Reasoning r -> reasoning(b, r);
                        case Content.Text t -> b.append("<div class=\"text\">").append(esc(t.text())).append("</div>");
                    }
                }
                for (ToolCall call : a.toolCalls()) toolCall(b, call);
            }
        }
        b.append("</div>");
    }

    private static void reasoning(StringBuilder b, Content.Reasoning r) {
        b.append("<details class=\"reasoning\" open><summary>reasoning</summary><div class=\"text\">");
        if (r.redacted() && (r.reasoning() == null || r.reasoning().isBlank())) {
            b.append("<span class=\"muted\">[redacted by the provider]</span>").append(r.summary() == null ? "" : "<br>" + highlight(r.summary()));
        } else {
            b.append(highlight(r.reasoning() == null ? r.summary() : r.reasoning()));
        }
        b.append("</div></details>");
    }

    /** The escaped text with each awareness phrase in a {@code mark}. */
    static String highlight(String text) {
        if (text == null) return "";
        var out = new StringBuilder();
        int at = 0;
        for (var span : Lexical.find(text)) {
            out.append(esc(text.substring(at, span.start()))).append("<mark class=\"aware\">")
                    .append(esc(text.substring(span.start(), span.end()))).append("</mark>");
            at = span.end();
        }
        return out.append(esc(text.substring(at))).toString();
    }

    private static void toolCall(StringBuilder b, ToolCall call) {
        b.append("<div class=\"call\"><span class=\"fn\">").append(esc(call.function())).append("</span> <span class=\"muted\">")
                .append(esc(call.id())).append("</span>");
        for (var e : call.arguments().entrySet()) {
            Object v = e.getValue();
            String value;
            try {
                value = v instanceof String str ? str : Json.MAPPER.writeValueAsString(v);
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                value = String.valueOf(v);
            }
            b.append("<div><span class=\"arg\">").append(esc(e.getKey())).append(":</span><pre class=\"arg-value\">").append(esc(value)).append("</pre></div>");
        }
        b.append("</div>");
    }
}
