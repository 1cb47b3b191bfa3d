package covert.template;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Predicate;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;

import covert.UserError;
import jinjava.javax.el.CompositeELResolver;

/**
 * Jinjava set up to behave like the environment transformers renders chat templates in: jinja2 with
 * trim_blocks, lstrip_blocks, strict whitespace control, loop controls and {@code {% generation %}} blocks, plus the
 * globals {@code raise_exception} and {@code strftime_now} and Python's {@code tojson}, {@code str} methods and type tests.
 */
final class JinjaEnvironment {
    private static final String CLOCK = "__covert_clock__";
    /** {@code seq[::-1]} is the one slice Jinjava cannot parse; rewritten to the reverse filter before parsing. */
    private static final Pattern REVERSE_SLICE = Pattern.compile("([A-Za-z_][\\w.]*)\\[::-1\\]");
    /** Jinjava binds a filter tighter than a keyword argument ({@code f(k=xs|length - 1)}): the value is put in parentheses. */
    private static final Pattern FILTERED_KEYWORD = Pattern.compile("(?<=[(,]\\s{0,8})([A-Za-z_]\\w*)=(?!=)([^,()=]*\\|[^,()]*?)(?=\\s*[,)])");
    /** Jinjava applies {@code not} before a filter ({@code not xs|length == 1}); Jinja negates the whole test. */
    private static final Pattern NOT_FILTERED = Pattern.compile("(\\{%-?\\s*(?:el)?if\\s+)not\\s+([^%()]*\\|[^%]*?)(\\s*-?%})");

    private final Jinjava jinjava;

    JinjaEnvironment() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PyMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withElResolver(resolver)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withParseWhitespaceControlStrictly(true)
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withKeepNullableLoopValues(true)
                        .build())
                .build();
        jinjava = new Jinjava(config);
        var globals = jinjava.getGlobalContext();
        globals.registerFilter(new ToJson());
        globals.registerExpTest(new TypeTest("string", v -> v instanceof String));
        globals.registerExpTest(new TypeTest("mapping", v -> v instanceof Map<?, ?>));
        globals.registerExpTest(new TypeTest("iterable",
                v -> v instanceof String || v instanceof Iterable<?> || v instanceof Map<?, ?> || v instanceof Object[]));
        globals.registerTag(new GenerationTag());
        globals.registerFunction(new ELFunctionDefinition("", "raise_exception", JinjaEnvironment.class, "raiseException", String.class));
        globals.registerFunction(new ELFunctionDefinition("", "strftime_now", JinjaEnvironment.class, "strftimeNow", String.class));
    }

    static String preprocess(String source) {
        String reversed = REVERSE_SLICE.matcher(source).replaceAll(m -> Matcher.quoteReplacement("(" + m.group(1) + "|reverse|list)"));
        String keywords = FILTERED_KEYWORD.matcher(reversed).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=(" + m.group(2) + ")"));
        return NOT_FILTERED.matcher(keywords).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "not (" + m.group(2) + ")" + m.group(3)));
    }

    String render(String preprocessedSource, Map<String, Object> variables, Clock clock) {
        var context = new HashMap<String, Object>(variables);
        context.put(CLOCK, clock);
        RenderResult result = jinjava.renderForResult(preprocessedSource, context);
        for (TemplateError error : result.getErrors()) {
            Throwable raised = raisedBy(error);
            if (raised != null) throw new UserError("the chat template rejected the messages: " + raised.getMessage());
        }
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
        if (!fatal.isEmpty()) {
            TemplateError first = fatal.getFirst();
            throw new UserError("the chat template could not be rendered (line " + first.getLineno() + "): "
                    + first.getMessage().replace('\n', ' '));
        }
        return result.getOutput();
    }

    private static Throwable raisedBy(TemplateError error) {
        for (Throwable t = error.getException(); t != null; t = t.getCause()) {
            if (t instanceof Raised) return t;
        }
        String message = error.getMessage();
        int at = message == null ? -1 : message.indexOf(Raised.MARK);
        return at < 0 ? null : new Raised(message.substring(at + Raised.MARK.length()).strip());
    }

    /** The template's own {@code raise_exception(msg)}: the messages break the template's rules. */
    public static String raiseException(String message) {
        throw new Raised(message);
    }

    public static String strftimeNow(String format) {
        Object clock = JinjavaInterpreter.getCurrent().getContext().get(CLOCK);
        LocalDateTime now = LocalDateTime.now(clock instanceof Clock c ? c : Clock.systemDefaultZone());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char f = format.charAt(++i);
            out.append(switch (f) {
                case 'Y' -> String.valueOf(now.getYear());
                case 'y' -> String.format("%02d", now.getYear() % 100);
                case 'm' -> String.format("%02d", now.getMonthValue());
                case 'd' -> String.format("%02d", now.getDayOfMonth());
                case 'H' -> String.format("%02d", now.getHour());
                case 'M' -> String.format("%02d", now.getMinute());
                case 'S' -> String.format("%02d", now.getSecond());
                case 'j' -> String.format("%03d", now.getDayOfYear());
                case 'b' -> now.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
                case 'B' -> now.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
                case 'a' -> now.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
                case 'A' -> now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
                case '%' -> "%";
                default -> "%" + f;
            });
        }
        return out.toString();
    }

    static final class Raised extends RuntimeException {
        static final String MARK = "covert-template-raise:";

        Raised(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return MARK + getMessage();
        }
    }

    /** transformers' tojson: {@code json.dumps(x, ensure_ascii=False, indent=indent, separators=separators)}. */
    private static final class ToJson implements Filter {
        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return filter(var, interpreter, args, Map.of());
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object indent = kwargs.containsKey("indent") ? kwargs.get("indent") : (args.length > 0 ? args[0] : null);
            Object separators = kwargs.get("separators");
            String item = null;
            String key = null;
            if (separators instanceof List<?> pair && pair.size() == 2) {
                item = String.valueOf(pair.get(0));
                key = String.valueOf(pair.get(1));
            }
            Integer width = indent instanceof Number n ? Integer.valueOf(n.intValue()) : null;
            return new PyJson(width, item, key).write(var);
        }
    }

    private record TypeTest(String name, Predicate<Object> test) implements ExpTest {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            return test.test(var);
        }
    }

    /** transformers' AssistantTracker marks assistant spans for loss masks; the text inside renders unchanged. */
    private static final class GenerationTag implements Tag {
        @Override
        public String getName() {
            return "generation";
        }

        @Override
        public String getEndTagName() {
            return "endgeneration";
        }

        @Override
        public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
            StringBuilder out = new StringBuilder();
            for (Node child : tagNode.getChildren()) out.append(child.render(interpreter).getValue());
            return out.toString();
        }
    }
}
