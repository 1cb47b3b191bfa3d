package covert.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The viewer's page shell and escaping. Everything a log holds is untrusted text (a model wrote it), so
 * every value goes through {@link #esc} and every URL part through {@link #seg} or {@link #q}.
 */
final class Html {
    private Html() {}

    /** Makes whole table rows follow their link. Served inline; the CSP admits it by hash, nothing else. */
    static final String SCRIPT = "document.querySelectorAll('tr[data-href]').forEach(function(r){r.addEventListener('click',function(e){"
            + "if(e.target.closest('a'))return;location.href=r.getAttribute('data-href');});});";

    static final String SCRIPT_HASH = "sha256-" + sha256(SCRIPT);

    static final String CSS = """
            :root{--fg:#1d2329;--muted:#5f6b76;--line:#d9dee3;--bg:#f6f7f9;--covert:#b3261e;--honest:#1e6b3a;--invalid:#7a5b00}
            *{box-sizing:border-box}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0;background:#fff}
            header.top{background:#1d2329;color:#fff;padding:.6em 1.2em;display:flex;gap:1em;align-items:baseline}
            header.top a{color:#fff;text-decoration:none;font-weight:600}
            header.top .crumbs a{font-weight:400;color:#cfd6dd}
            main{padding:1em 1.2em;max-width:1400px}
            h1{font-size:1.35em;margin:.2em 0 .6em}
            h2{font-size:1.1em;margin:1.4em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}
            table{border-collapse:collapse;width:100%;margin:.4em 0}
            th,td{padding:.3em .6em;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
            th{background:var(--bg);font-weight:600;white-space:nowrap}
            th a{color:inherit;text-decoration:none}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            tr[data-href]{cursor:pointer}
            tr[data-href]:hover,tr.selected{background:#eef3f8}
            a{color:#0b57d0}
            .badge{display:inline-block;border-radius:3px;padding:0 .45em;font-size:.85em;font-weight:600;border:1px solid}
            .badge.sim{color:#6b3fa0;border-color:#6b3fa0;background:#f5effb}
            .badge.covert{color:var(--covert);border-color:var(--covert);background:#fdeeee}
            .badge.honest{color:var(--honest);border-color:var(--honest);background:#ecf7f0}
            .badge.invalid{color:var(--invalid);border-color:var(--invalid);background:#fdf6e0}
            .badge.incomplete{color:var(--muted);border-color:var(--muted);background:#eef0f2}
            .badge.aware{color:#8a4b00;border-color:#c77700;background:#fff3e0}
            .muted{color:var(--muted)}
            .filters a,.pager a,.pager span{margin-right:.8em}
            .filters a.on{font-weight:700;text-decoration:none;color:var(--fg)}
            .msg{border:1px solid var(--line);border-left:4px solid #9aa5b1;border-radius:4px;margin:.6em 0;padding:.4em .7em}
            .msg:target{box-shadow:0 0 0 3px #ffd54f}
            .msg .role{font-weight:700;font-size:.85em;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
            .msg .role .muted{text-transform:none;font-weight:400;letter-spacing:0}
            .msg.system{border-left-color:#6c757d;background:var(--bg)}
            .msg.user{border-left-color:#0b57d0}
            .msg.assistant{border-left-color:#1e6b3a}
            .msg.tool{border-left-color:#8a6d00;background:#fffdf5}
            details.reasoning{background:#f3f0fa;border:1px dashed #8e7cc3;border-radius:4px;padding:.3em .6em;margin:.4em 0;font-style:italic}
            details.reasoning summary{font-style:normal;font-weight:600;color:#5b4a99;cursor:pointer}
            mark.aware{background:#ffcc80;color:inherit;padding:0 .1em;border-radius:2px}
            .call{margin:.4em 0;padding:.3em .5em;background:var(--bg);border-radius:4px}
            .call .fn{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:700}
            .arg{font-family:ui-monospace,Menlo,Consolas,monospace;color:var(--muted)}
            pre{white-space:pre-wrap;word-break:break-word;font:12.5px/1.4 ui-monospace,Menlo,Consolas,monospace;margin:.3em 0;max-height:32em;overflow:auto}
            .text{white-space:pre-wrap}
            ul.evidence{padding-left:1.2em}
            ul.evidence li{margin:.25em 0}
            .evidence-text{white-space:pre-wrap}
            .diff .del{color:#b3261e;background:#fdeeee}
            .diff .ins{color:#1e6b3a;background:#ecf7f0}
            .kv{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em}
            .interview-head{margin-top:1.2em;font-weight:700;color:var(--muted)}
            .error{color:var(--covert);font-weight:600}
            """;

    static String esc(Object o) {
        if (o == null) return "";
        String s = String.valueOf(o);
        var sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** One path segment, percent-encoded (a sample id may hold '=', '.' or anything a suite author chose). */
    static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query string from name/value pairs in order; null values are left out. */
    static String q(Map<String, String> params) {
        String s = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> seg(e.getKey()) + "=" + seg(e.getValue())).collect(Collectors.joining("&"));
        return s.isEmpty() ? "" : "?" + s;
    }

    static String runUrl(String runId) {
        return "/runs/" + seg(runId);
    }

    static String sampleUrl(String runId, String sampleId, int epoch) {
        return runUrl(runId) + "/samples/" + seg(sampleId) + "/" + epoch;
    }

    static String pct(Double rate) {
        return rate == null || rate.isNaN() ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * rate);
    }

    static String badge(String cls, String text) {
        return "<span class=\"badge " + esc(cls) + "\">" + esc(text) + "</span>";
    }

    static String simBadge() {
        return "<span class=\"badge sim\" title=\"A seeded test double with configured propensities; its rates are not findings about any real model.\">"
                + "simulated model organism</span>";
    }

    /** A whole page; {@code crumbs} and {@code body} are already HTML. */
    static String page(String title, String crumbs, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>" + esc(title) + " · covert view</title><style>" + CSS + "</style></head><body>"
                + "<header class=\"top\"><a href=\"/\">covert view</a><span class=\"crumbs\">" + crumbs + "</span></header>"
                + "<main>" + body + "</main><script>" + SCRIPT + "</script></body></html>\n";
    }

    private static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
