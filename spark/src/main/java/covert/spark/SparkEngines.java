package covert.spark;

import covert.scan.Engines;
import covert.scan.ScanEngine;

/** Registers the Spark engine with {@link Engines} (META-INF/services), found only when this module is on the class path. */
public final class SparkEngines implements Engines.Provider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public ScanEngine open(String master) {
        return new SparkScanEngine(master);
    }
}
