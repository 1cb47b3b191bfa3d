package covert.model.middleware;

import covert.model.GenerateConfig;
import covert.model.Generation;
import covert.model.Message;
import covert.model.ModelException;
import covert.model.RemoteModel;
import covert.model.ToolSpec;
import covert.model.Model;
import java.util.List;

/** Answers from the {@link ResponseCache} when it can, so a re-run makes no request; stores every fresh answer. */
final class Cached extends Wrapper {
    private final ResponseCache cache;
    private final String endpoint;

    Cached(Model inner, RemoteModel raw, ResponseCache cache) {
        super(inner);
        this.cache = cache;
        this.endpoint = raw.endpoint();
    }

    @Override
    public Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) throws ModelException {
        String key = cache.key(endpoint, name(), messages, tools, config);
        var hit = cache.get(key);
        if (hit.isPresent()) return hit.get();
        Generation g = inner.generate(messages, tools, config);
        cache.put(key, g);
        return g;
    }
}
