package covert.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract_all;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import covert.UserError;
import covert.scan.AwarenessTest;
import covert.scan.ScanEngine;
import covert.scan.WordForm;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * The scan on Apache Spark, for corpora past one machine. It computes what {@link covert.scan.DuckDbScanEngine} computes,
 * the same way: lower-cased {@link ScanEngine#TOKEN} tokens counted per (checkpoint, token) once and cached, term forms
 * matched by {@link WordForm} in a UDF, phrases by the same regular expression. The awareness test runs in
 * {@code mapPartitions} on the executors, a batch at a time, so the detector's embedder loads once per executor JVM.
 */
public final class SparkScanEngine implements ScanEngine {
    private final SparkSession spark;
    /** Whether this engine started the session: one that joined a running session (spark-submit, a notebook) leaves it running. */
    private final boolean owns;
    private List<Source> cachedFor;
    private Dataset<Row> corpus;
    private Dataset<Row> tokens;

    public SparkScanEngine(String master) {
        String m = master == null ? "local[*]" : master;
        var b = SparkSession.builder().appName("covert-scan").master(m).config("spark.ui.enabled", "false");
        if (m.startsWith("local")) {
            // A laptop or CI: stay on the loopback interface, and keep shuffles as wide as the cores, not Spark's 200.
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(2, 2 * Runtime.getRuntime().availableProcessors())));
        }
        owns = SparkSession.getDefaultSession().isEmpty();
        spark = b.getOrCreate();
    }

    /** (checkpoint, text) of every source, rows without either left out; and (checkpoint, tok, n), cached. */
    private void load(List<Source> sources) {
        if (sources.equals(cachedFor)) return;
        if (tokens != null) tokens.unpersist();
        Dataset<Row> all = null;
        for (Source s : sources) {
            if (!Files.isRegularFile(s.path())) throw new UserError(s.path() + ": no such file");
            String path = s.path().toAbsolutePath().toString();
            Dataset<Row> raw;
            try {
                raw = ScanEngine.isParquet(s) ? spark.read().parquet(path) : spark.read().json(path);
            } catch (RuntimeException e) {
                throw new UserError(s.path() + ": not readable as JSON lines or Parquet: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
            String field = ScanEngine.checkpointColumn(s, Arrays.asList(raw.columns()));
            var part = raw.select(col("`" + field + "`").cast("string").as("checkpoint"), col("text").cast("string").as("text"))
                    .where(col("text").isNotNull().and(col("checkpoint").isNotNull()));
            all = all == null ? part : all.unionAll(part);
        }
        corpus = all;
        tokens = corpus.select(col("checkpoint"), explode(regexp_extract_all(lower(col("text")), lit(TOKEN), lit(0))).as("tok"))
                .groupBy("checkpoint", "tok").count().withColumnRenamed("count", "n").cache();
        cachedFor = List.copyOf(sources);
    }

    @Override
    public List<Tally> tally(List<Source> sources, List<String> terms, WordForm form, AwarenessTest aware) {
        load(sources);
        var totals = new LinkedHashMap<String, long[]>();
        for (Row r : corpus.groupBy("checkpoint").count().collectAsList()) totals.put(r.getString(0), new long[] {r.getLong(1), 0, 0});
        for (Row r : tokens.groupBy("checkpoint").agg(sum("n")).collectAsList()) totals.get(r.getString(0))[1] = r.getLong(1);
        var counts = new HashMap<String, Map<String, Long>>();
        var byForm = ScanEngine.wordsByForm(terms, form);
        if (!byForm.isEmpty()) {
            var normalize = udf((UDF1<String, String>) form::normalize, DataTypes.StringType);
            var matched = tokens.withColumn("form", normalize.apply(col("tok"))).where(col("form").isin(byForm.keySet().toArray()))
                    .groupBy("checkpoint", "form").agg(sum("n")).collectAsList();
            for (Row r : matched) {
                var c = counts.computeIfAbsent(r.getString(0), k -> new HashMap<>());
                for (String term : byForm.get(r.getString(1))) c.merge(term, r.getLong(2), Long::sum);
            }
        }
        for (String p : terms.stream().filter(t -> t.contains(" ")).toList()) {
            var rows = corpus.groupBy("checkpoint").agg(sum(size(regexp_extract_all(lower(col("text")), lit(ScanEngine.phraseRegex(p)), lit(0)))))
                    .collectAsList();
            for (Row r : rows) counts.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(p, r.isNullAt(1) ? 0 : r.getLong(1));
        }
        for (Row r : awareCheckpoints(aware).groupBy("value").count().collectAsList()) totals.get(r.getString(0))[2] = r.getLong(1);
        var out = new ArrayList<Tally>();
        totals.forEach((cp, t) -> {
            var termCounts = new LinkedHashMap<String, Long>();
            for (String term : terms) termCounts.put(term, counts.getOrDefault(cp, Map.of()).getOrDefault(term, 0L));
            out.add(new Tally(cp, t[0], t[1], t[2], termCounts));
        });
        return out;
    }

    /** The checkpoint of every text the test accepts, tested on the executors in batches (one detector per executor JVM). */
    private Dataset<String> awareCheckpoints(AwarenessTest aware) {
        return corpus.mapPartitions((MapPartitionsFunction<Row, String>) rows -> new AwareBatches(rows, aware), Encoders.STRING());
    }

    @Override
    public Map<String, Long> vocabulary(List<Source> sources, String checkpoint, int minCount) {
        load(sources);
        var out = new HashMap<String, Long>();
        for (Row r : tokens.where(col("checkpoint").equalTo(checkpoint).and(col("n").geq(minCount))).select("tok", "n").collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    @Override
    public void close() {
        if (tokens != null) tokens.unpersist();
        if (owns) spark.stop();
    }

    /** Reads a partition a batch at a time and yields the checkpoints of the aware texts. */
    private static final class AwareBatches implements Iterator<String> {
        static final int BATCH = 256;
        private final Iterator<Row> rows;
        private final AwarenessTest test;
        private final List<String> ready = new ArrayList<>();
        private int next;

        AwareBatches(Iterator<Row> rows, AwarenessTest test) {
            this.rows = rows;
            this.test = test;
        }

        @Override
        public boolean hasNext() {
            while (next >= ready.size() && rows.hasNext()) {
                ready.clear();
                next = 0;
                var checkpoints = new ArrayList<String>();
                var texts = new ArrayList<String>();
                while (rows.hasNext() && texts.size() < BATCH) {
                    Row r = rows.next();
                    checkpoints.add(r.getString(0));
                    texts.add(r.getString(1));
                }
                var verdicts = test.testAll(texts);
                for (int i = 0; i < texts.size(); i++) if (verdicts.get(i)) ready.add(checkpoints.get(i));
            }
            return next < ready.size();
        }

        @Override
        public String next() {
            if (!hasNext()) throw new java.util.NoSuchElementException();
            return ready.get(next++);
        }
    }
}
