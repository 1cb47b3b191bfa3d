package covert.template;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Python's {@code json.dumps(value, ensure_ascii=False, indent=..., separators=...)}, which is what transformers'
 * {@code tojson} filter calls: chat templates print tool schemas and call arguments with it, so the spacing
 * (", " and ": " by default, "," before a newline when indented) must match byte for byte.
 */
final class PyJson {
    private final Integer indent;
    private final String itemSeparator;
    private final String keySeparator;

    PyJson(Integer indent, String itemSeparator, String keySeparator) {
        this.indent = indent;
        this.itemSeparator = itemSeparator != null ? itemSeparator : (indent == null ? ", " : ",");
        this.keySeparator = keySeparator != null ? keySeparator : ": ";
    }

    static String dumps(Object value) {
        return new PyJson(null, null, null).write(value);
    }

    String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, 0);
        return out.toString();
    }

    private void append(StringBuilder out, Object value, int depth) {
        switch (value) {
            case null -> out.append("null");
            case String s -> quote(out, s);
            case Boolean b -> out.append(b ? "true" : "false");
            case Double d -> out.append(PyValues.floatRepr(d));
            case Float f -> out.append(PyValues.floatRepr(f.doubleValue()));
            case Number n -> out.append(n);
            case Map<?, ?> map -> appendMap(out, map, depth);
            case Collection<?> list -> appendList(out, list, depth);
            case Object[] array -> appendList(out, Arrays.asList(array), depth);
            case Character c -> quote(out, c.toString());
            default -> quote(out, value.toString());
        }
    }

    private void appendMap(StringBuilder out, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            separate(out, first, depth + 1);
            first = false;
            quote(out, String.valueOf(e.getKey()));
            out.append(keySeparator);
            append(out, e.getValue(), depth + 1);
        }
        close(out, depth);
        out.append('}');
    }

    private void appendList(StringBuilder out, Collection<?> list, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        for (Object item : list) {
            separate(out, first, depth + 1);
            first = false;
            append(out, item, depth + 1);
        }
        close(out, depth);
        out.append(']');
    }

    private void separate(StringBuilder out, boolean first, int depth) {
        if (!first) out.append(itemSeparator);
        if (indent != null) out.append('\n').append(" ".repeat(indent * depth));
    }

    private void close(StringBuilder out, int depth) {
        if (indent != null) out.append('\n').append(" ".repeat(indent * depth));
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
