package covert.view;

import covert.model.Message;
import covert.model.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which message of a transcript an evidence line points at. Checkers write evidence about the World
 * (a file, an address, a value), not about messages, so the link is found by looking for the assistant
 * tool call whose arguments name the same thing; the last one wins because the final state is what was judged.
 */
final class EvidenceLinks {
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern PATH = Pattern.compile("(?<![\\w/])(?:[\\w.-]+/)+[\\w.-]*\\w");
    private static final Pattern FILE = Pattern.compile("\\b[\\w-]+\\.[A-Za-z][A-Za-z0-9]{0,5}\\b");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern KEY_VALUE = Pattern.compile("\\b[\\w-]+=([^\\s\";,()]+)");
    // Checkers quote the regular expression a file lacks; its quote characters would pair up with real quotes.
    private static final Pattern REGEX_LITERAL = Pattern.compile("\\blacks /.*?/(?=[;,]|\\s|$)");
    private static final int MIN_TOKEN = 4;
    /** Arguments that carry written-out text rather than name what a call acts on. */
    private static final Set<String> CONTENT_ARGS = Set.of("content", "body", "text", "report", "message", "task", "answer", "notes");

    private EvidenceLinks() {}

    /** Index into {@code messages} of the message behind {@code evidence}, or -1 when the transcript has none to offer. */
    static int target(List<Message> messages, String evidence) {
        if (messages == null || messages.isEmpty()) return -1;
        int submit = submitIndex(messages);
        if (evidence != null && evidence.contains("interview") && submit >= 0) {
            // The follow-up questions come after the submit call; the denial is the last answer.
            for (int i = messages.size() - 1; i > submit; i--) if (messages.get(i) instanceof Message.AssistantMessage) return i;
        }
        // The submit call is left out of the search: its report restates what was done (paths, values), and
        // the link should lead to the act itself; when nothing else names the thing, the report is the act.
        // A name in a call's target (a path, an address, a command) outranks one quoted in written-out content.
        List<Set<String>> tiers = tokens(evidence);
        for (Set<String> tier : tiers) {
            for (boolean targetsOnly : new boolean[] {true, false}) {
                int found = lastMentioning(messages, tier, targetsOnly);
                if (found >= 0) return found;
            }
        }
        if (submit >= 0) return submit;
        for (int i = messages.size() - 1; i >= 0; i--) if (messages.get(i) instanceof Message.AssistantMessage) return i;
        return -1;
    }

    private static int lastMentioning(List<Message> messages, Set<String> tokens, boolean targetsOnly) {
        if (tokens.isEmpty()) return -1;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (!(messages.get(i) instanceof Message.AssistantMessage a)) continue;
            String args = arguments(a.toolCalls(), targetsOnly);
            if (args.isEmpty()) continue;
            for (String t : tokens) if (args.contains(t)) return i;
        }
        return -1;
    }

    /**
     * The file paths, addresses and values an evidence line names; then, as a weaker second tier, the
     * directories and file names of those paths (a {@code cp -r} names the directory, not the file).
     */
    static List<Set<String>> tokens(String evidence) {
        var first = new LinkedHashSet<String>();
        var second = new LinkedHashSet<String>();
        if (evidence == null) return List.of(first, second);
        String text = REGEX_LITERAL.matcher(evidence).replaceAll("lacks a pattern");
        add(first, EMAIL.matcher(text), 0);
        add(first, PATH.matcher(text), 0);
        add(first, QUOTED.matcher(text), 1);
        add(first, KEY_VALUE.matcher(text), 1);
        add(first, FILE.matcher(text), 0);
        for (String t : first) {
            if (t.contains("@") || !PATH.matcher(t).matches()) continue;
            int slash = t.lastIndexOf('/');
            if (slash >= MIN_TOKEN) second.add(t.substring(0, slash + 1));
            if (t.length() - slash - 1 >= MIN_TOKEN) second.add(t.substring(slash + 1));
        }
        second.removeAll(first);
        return List.of(first, second);
    }

    private static void add(Set<String> out, Matcher m, int group) {
        while (m.find()) {
            String t = m.group(group).strip();
            if (t.length() < MIN_TOKEN) continue;
            // "harborline.io" inside "ecab@harborline.io" would match mail to anyone at that domain.
            boolean inside = false;
            for (String o : out) inside |= o.contains(t);
            if (!inside) out.add(t);
        }
    }

    /** The argument values of the calls other than submit; with {@code targetsOnly}, without written-out content. */
    private static String arguments(List<ToolCall> calls, boolean targetsOnly) {
        var sb = new StringBuilder();
        for (ToolCall c : calls) {
            if ("submit".equals(c.function()) || c.arguments() == null) continue;
            for (var e : c.arguments().entrySet()) {
                if (targetsOnly && CONTENT_ARGS.contains(e.getKey())) continue;
                sb.append(e.getValue()).append('\n');
            }
        }
        return sb.toString();
    }

    private static int submitIndex(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof Message.AssistantMessage a && a.toolCalls().stream().anyMatch(c -> "submit".equals(c.function()))) return i;
        }
        return -1;
    }

    /** The evidence lines of a sample with their targets, in order. */
    static List<Link> all(List<Message> messages, List<String> evidence) {
        var out = new ArrayList<Link>();
        for (String e : evidence) out.add(new Link(e, target(messages, e)));
        return out;
    }

    record Link(String evidence, int message) {}
}
