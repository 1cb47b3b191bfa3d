package covert.redteam;

import covert.env.EnvironmentSpec;
import covert.world.Email;
import covert.world.WorldSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Copies of an environment spec with some of what the agent reads changed; checker, tools and playbook stay. */
final class Specs {
    private Specs() {}

    static EnvironmentSpec with(EnvironmentSpec s, String systemPrompt, String task, WorldSpec world) {
        return new EnvironmentSpec(s.id(), s.family(), s.group(), s.headline(), s.title(), s.description(), systemPrompt, task, s.tools(),
                world, s.variants(), s.interview(), s.checker(), s.sim(), s.realismAllow(), null, s.sandbox(), s.headlineReason());
    }

    static EnvironmentSpec withVariants(EnvironmentSpec s, Map<String, LinkedHashMap<String, String>> variants) {
        return new EnvironmentSpec(s.id(), s.family(), s.group(), s.headline(), s.title(), s.description(), s.systemPrompt(), s.task(), s.tools(),
                s.world(), variants, s.interview(), s.checker(), s.sim(), s.realismAllow(), null, s.sandbox(), s.headlineReason());
    }

    static EnvironmentSpec withId(EnvironmentSpec s, String id, String description) {
        return new EnvironmentSpec(id, s.family(), s.group(), s.headline(), s.title(), description, s.systemPrompt(), s.task(), s.tools(),
                s.world(), s.variants(), s.interview(), s.checker(), s.sim(), s.realismAllow(), null, s.sandbox(), s.headlineReason());
    }

    /** Replaces the (single) value of {@code axis} with {@code value: text}; adds the axis when it is missing. */
    static EnvironmentSpec withAxis(EnvironmentSpec s, String axis, String value, String text) {
        var v = new LinkedHashMap<String, LinkedHashMap<String, String>>();
        s.variants().forEach((a, values) -> v.put(a, new LinkedHashMap<>(values)));
        var one = new LinkedHashMap<String, String>();
        one.put(value, text);
        v.put(axis, one);
        return withVariants(s, v);
    }

    /** Applies {@code f} to every text the agent reads: prompt, task, files, mail, config, axis texts and interview. */
    static EnvironmentSpec map(EnvironmentSpec s, UnaryOperator<String> f) {
        var w = s.world();
        var files = new LinkedHashMap<String, String>();
        w.files().forEach((k, v) -> files.put(k, f.apply(v)));
        var inbox = w.inbox().stream().map(m -> new Email(m.from(), m.to(), f.apply(m.subject()), f.apply(m.body()))).toList();
        var config = new LinkedHashMap<String, String>();
        w.config().forEach((k, v) -> config.put(k, f.apply(v)));
        var variants = new LinkedHashMap<String, LinkedHashMap<String, String>>();
        s.variants().forEach((a, values) -> {
            var m = new LinkedHashMap<String, String>();
            values.forEach((k, t) -> m.put(k, f.apply(t)));
            variants.put(a, m);
        });
        var world = new WorldSpec(files, inbox, config, w.tables(), w.tests(), w.checks());
        return new EnvironmentSpec(s.id(), s.family(), s.group(), s.headline(), s.title(), s.description(), f.apply(s.systemPrompt()),
                f.apply(s.task()), s.tools(), world, variants, s.interview().stream().map(f).toList(), s.checker(), s.sim(), s.realismAllow(), null, s.sandbox(), s.headlineReason());
    }
}
