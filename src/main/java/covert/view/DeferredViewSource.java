package covert.view;

import covert.log.EvalLog;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A source still being built: the server can start while logs are indexed, and every call waits for the
 * index. Startup is the viewer's main latency on large logs, and the two overlap well.
 */
public final class DeferredViewSource implements ViewSource {
    private final CompletableFuture<ViewSource> future;

    public DeferredViewSource(CompletableFuture<ViewSource> future) {
        this.future = future;
    }

    /** Waits for the source; a failure to build it is rethrown as it was thrown (e.g. a one-line UserError). */
    public ViewSource get() {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    @Override
    public List<RunRow> runs() {
        return get().runs();
    }

    @Override
    public Optional<RunRow> run(String runId) {
        return get().run(runId);
    }

    @Override
    public List<EnvRow> environments(String runId) {
        return get().environments(runId);
    }

    @Override
    public Page<SampleRow> samples(String runId, String env, Filter filter, int page, int size) {
        return get().samples(runId, env, filter, page, size);
    }

    @Override
    public Optional<EvalLog.EvalSample> sample(String runId, String sampleId, int epoch) {
        return get().sample(runId, sampleId, epoch);
    }

    @Override
    public void close() {
        if (!future.isCompletedExceptionally() && future.isDone()) future.join().close();
        else future.thenAccept(ViewSource::close);
    }
}
