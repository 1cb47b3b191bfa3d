package covert.template;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Locale;

import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Python {@code str} methods that real chat templates call ({@code content.startswith('<tool_response>')},
 * {@code content.split('</think>')[-1].lstrip('\n')}): Jinjava would otherwise look for Java methods of the same name,
 * and Java's {@code split} takes a regex and drops trailing empty parts, which changes where reasoning is cut.
 * Runs before Jinjava's own resolver; anything else falls through to it.
 */
final class PyMethods extends ELResolver {

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String s) || !(method instanceof String name)) return null;
        Object[] p = params == null ? new Object[0] : params;
        Object result = switch (name) {
            case "startswith" -> PyValues.affix(s, p[0], true);
            case "endswith" -> PyValues.affix(s, p[0], false);
            case "strip" -> PyValues.lstrip(PyValues.rstrip(s, arg(p, 0)), arg(p, 0));
            case "lstrip" -> PyValues.lstrip(s, arg(p, 0));
            case "rstrip" -> PyValues.rstrip(s, arg(p, 0));
            case "split" -> PyValues.split(s, arg(p, 0), p.length > 1 ? ((Number) p[1]).intValue() : -1);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "replace" -> s.replace(String.valueOf(p[0]), String.valueOf(p[1]));
            case "find" -> s.indexOf(String.valueOf(p[0]));
            default -> null;
        };
        if (result != null) context.setPropertyResolved(true);
        return result;
    }

    private static String arg(Object[] params, int i) {
        return params.length > i && params[i] != null ? String.valueOf(params[i]) : null;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // read-only: property writes belong to Jinjava's own resolver
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
