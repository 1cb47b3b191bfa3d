package covert.cli;

import covert.UserError;
import covert.log.EvalLog;
import covert.log.LogFiles;
import covert.report.Summary;
import covert.stats.Overall;
import covert.store.ParquetExport;
import covert.store.ResultsStore;
import covert.store.StoreLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where report and compare read runs from: log files, or a results store by run id. */
final class Sources {
    private Sources() {}

    static EvalLog log(String nameOrRun, Path db) {
        if (db == null) return LogFiles.readForReport(Path.of(nameOrRun));
        try (var store = open(db)) {
            return StoreLogs.load(store, nameOrRun);
        }
    }

    static List<Summary> summaries(List<String> args, Path db, Overall.Options opts) {
        if (db == null) {
            if (args.isEmpty()) throw new UserError("give at least one log file, or --db FILE");
            return args.stream().map(l -> Summary.of(l, LogFiles.readForReport(Path.of(l)), opts)).toList();
        }
        try (var store = open(db)) {
            var runs = args.isEmpty() ? StoreLogs.runIds(store) : args;
            var out = new ArrayList<Summary>();
            for (String r : runs) out.add(Summary.of(db + ":" + r, StoreLogs.load(store, r), opts));
            return out;
        }
    }

    private static ResultsStore open(Path db) {
        if (!Files.exists(db)) throw new UserError("no results store at " + db + "; create it with covert db import");
        return Files.isDirectory(db) ? ParquetExport.open(db) : ResultsStore.open(db);
    }
}
