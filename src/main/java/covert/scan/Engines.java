package covert.scan;

import covert.UserError;
import java.util.ServiceLoader;

/**
 * Opens a scan engine by name. DuckDB is built in; other engines (Spark) live in their own module and register a
 * {@link Provider} through {@link ServiceLoader}, so their dependencies stay off the default class path.
 */
public final class Engines {
    /** How to get the Spark engine, in one line. */
    public static final String SPARK_MISSING = "the Spark engine is not installed: run ./covert spark-setup once "
            + "(builds the spark/ module; downloads about 300 MiB of Spark from Maven Central), then repeat the command";

    /** An engine another module supplies. */
    public interface Provider {
        String name();

        /** {@code master}: where the engine runs (Spark: local[*], spark://..., yarn, k8s://...); null for its default. */
        ScanEngine open(String master);
    }

    private Engines() {}

    public static ScanEngine open(String name, String master) {
        if (name.equals("duckdb")) {
            if (master != null) throw new UserError("--master is for --engine spark; DuckDB runs in this process");
            return new DuckDbScanEngine();
        }
        return provider(name).open(master);
    }

    /** The named engine's provider, or a one-line error saying how to install it. */
    public static Provider provider(String name) {
        for (Provider p : ServiceLoader.load(Provider.class)) if (p.name().equals(name)) return p;
        if (name.equals("spark")) throw new UserError(SPARK_MISSING);
        throw new UserError("unknown engine '" + name + "' (duckdb, spark)");
    }
}
