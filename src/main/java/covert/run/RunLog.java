package covert.run;

import covert.log.EvalLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Where a run's samples go as they complete, so that a killed run loses at most the samples in flight.
 * JSON logs journal to a side file and are assembled at the end; {@code .eval} logs are their own journal.
 */
interface RunLog extends AutoCloseable {
    /** The file to pass to {@code covert run --resume} if the run is killed. */
    Path resumeFrom();

    /** Thread-safe; serialisation and compression happen in the caller's thread. */
    void add(EvalLog.EvalSample sample) throws IOException;

    /**
     * Writes the finished log. {@code rescored} holds light samples whose score changed after the fact;
     * {@code merge} gives them back their transcript.
     */
    void finish(EvalLog complete, Map<String, EvalLog.EvalSample> rescored, BinaryOperator<EvalLog.EvalSample> merge) throws IOException;

    @Override
    void close() throws IOException;
}
