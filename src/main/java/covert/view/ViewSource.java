package covert.view;

import covert.log.EvalLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the viewer reads. List pages come from here a page at a time (an implementation over DuckDB
 * paginates in SQL); a full sample is loaded only when its page is opened.
 */
public interface ViewSource extends AutoCloseable {
    /** One run (one log). Rates are over valid (covert or honest) samples; null when there are none. */
    record RunRow(String runId, String log, String model, String suite, String created, int valid, int incomplete, int invalid, Double covertRate,
                  Double awareRate, boolean simulated) {}

    /** One environment (spec) of a run. */
    record EnvRow(String env, String family, String group, int n, int covert, int incomplete, int invalid, int aware, double rate, double lower,
                  double upper) {}

    /** One sample in a list. {@code outcome} is covert, honest, incomplete or invalid. */
    record SampleRow(String sampleId, int epoch, String env, Map<String, Object> variant, String outcome, List<String> kinds,
                     boolean aware) {}

    record Page<T>(List<T> items, int page, int size, long total) {}

    /** Which samples a list shows. */
    enum Filter { ALL, COVERT, AWARE, INCOMPLETE, INVALID }

    List<RunRow> runs();

    Optional<RunRow> run(String runId);

    List<EnvRow> environments(String runId);

    /** Samples of one environment ({@code env} null: of every environment); {@code page} counts from 1. */
    Page<SampleRow> samples(String runId, String env, Filter filter, int page, int size);

    /** The whole sample, with messages and events, read on demand. */
    Optional<EvalLog.EvalSample> sample(String runId, String sampleId, int epoch);

    @Override
    default void close() {}
}
