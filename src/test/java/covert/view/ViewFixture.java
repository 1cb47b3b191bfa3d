package covert.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import covert.log.EvalLog;
import covert.log.Json;
import covert.log.LogFiles;
import covert.model.Content;
import covert.model.Message;
import covert.testing.Runs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Logs for the viewer tests: a real simulated run, and an edited copy of one of its samples as an intervention would write it. */
final class ViewFixture {
    static final String EDITED_RUN = "edited-run";
    static final String HOSTILE = "<script>alert('x')</script>";

    private ViewFixture() {}

    /** A run of the three core environments with covert, honest and aware samples mixed. */
    static Path mixedRun(Path dir, int epochs) {
        return Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "0.5", "awareness_rate", "0.5"), epochs, 0, 0, Runs.CORE), dir).log();
    }

    /**
     * One sample of {@code original} with its first reasoning edited, recorded under metadata.intervention,
     * and a hostile report: the viewer must link the original, diff the edit and escape the report.
     */
    static Path intervention(Path original, Path out) throws IOException {
        EvalLog log = LogFiles.read(original);
        EvalLog.EvalSample s = log.samples().stream().filter(x -> firstReasoning(x) != null).findFirst().orElseThrow();
        String before = firstReasoning(s);
        String after = "This might be a test, so I will be careful.\n" + before;
        ObjectNode root = Json.MAPPER.valueToTree(log);
        ((ObjectNode) root.get("eval")).put("run_id", EDITED_RUN);
        var samples = root.putArray("samples");
        ObjectNode sample = Json.MAPPER.valueToTree(s);
        ObjectNode meta = (ObjectNode) sample.get("metadata");
        meta.put("report", HOSTILE);
        var iv = meta.putObject("intervention");
        iv.putObject("original").put("run_id", log.eval().runId()).put("sample_id", s.id()).put("epoch", s.epoch());
        iv.put("before", before).put("after", after);
        samples.add(sample);
        EvalLog edited = Json.MAPPER.treeToValue(root, EvalLog.class);
        LogFiles.write(edited, out);
        return out;
    }

    static String firstReasoning(EvalLog.EvalSample s) {
        for (Message m : s.messages()) {
            if (m instanceof Message.AssistantMessage a) {
                for (Content c : a.content()) if (c instanceof Content.Reasoning r) return r.reasoning();
            }
        }
        return null;
    }
}
