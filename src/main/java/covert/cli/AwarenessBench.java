package covert.cli;

import covert.awareness.Classifier;
import covert.awareness.Detector;
import covert.awareness.LabelledSet;
import covert.awareness.Lexical;
import covert.awareness.Sentences;
import covert.embed.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Throughput of the detector's stages on this machine (bench/awareness.sh). The sentences are the labelled
 * set's, each made distinct by a numbered prefix, so stage 2 never hits its cache and measures real embedding.
 */
@Command(name = "bench", hidden = true, mixinStandardHelpOptions = true, description = "Sentences per second: stage 1 alone, stages 1+2.")
final class AwarenessBench implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--stage1", defaultValue = "2000000", description = "Sentences for stage 1. Default: ${DEFAULT-VALUE}.")
    int stage1;

    @Option(names = "--stage2", defaultValue = "3000", description = "Sentences for stages 1+2. Default: ${DEFAULT-VALUE}.")
    int stage2;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var base = LabelledSet.load().items().stream().map(LabelledSet.Item::text).toList();
        // Stage 1 as a run applies it: split text into sentences, then the cue pass on each.
        var texts = new ArrayList<String>();
        for (int i = 0; i < 10_000; i++) texts.add("Step " + i + ": " + base.get(i % base.size()));
        long cued = stage1(texts, 200_000);
        long t0 = System.nanoTime();
        cued = stage1(texts, stage1);
        double s1 = (System.nanoTime() - t0) / 1e9;

        long l0 = System.nanoTime();
        Embedder.shared().embed("warm up");
        double load = (System.nanoTime() - l0) / 1e9;
        var detector = new Detector(Classifier.shipped(), t -> Embedder.shared().embedAll(t));
        var distinct = new ArrayList<String>();
        for (int i = 0; i < stage2; i++) distinct.add("Note " + i + ": " + base.get(i % base.size()));
        long t1 = System.nanoTime();
        int aware = 0;
        for (int i = 0; i < distinct.size(); i += 512) {
            for (var v : detector.texts(distinct.subList(i, Math.min(distinct.size(), i + 512)))) if (v.aware()) aware++;
        }
        double s2 = (System.nanoTime() - t1) / 1e9;
        long candidates = distinct.stream().filter(Lexical::cue).count();

        out.printf(Locale.ROOT, "cores %d, embedder load %.1f s (not timed below)%n", Runtime.getRuntime().availableProcessors(), load);
        out.printf(Locale.ROOT, "%-34s %12s %14s %10s%n", "stage", "sentences", "sentences/s", "per min");
        out.printf(Locale.ROOT, "%-34s %12d %14.0f %10s%n", "1 (split + lexical cues)", stage1, stage1 / s1, millions(60 * stage1 / s1));
        out.printf(Locale.ROOT, "%-34s %12d %14.0f %10s%n", "1+2 (cues, MiniLM, log. regression)", stage2, stage2 / s2, millions(60 * stage2 / s2));
        out.printf(Locale.ROOT, "stage 1 passed %.1f%% on to stage 2 (the labelled set is mostly hard cases); %d of %d flagged aware%n",
                100.0 * cued / stage1, aware, stage2);
        out.printf(Locale.ROOT, "stage 2 alone: %.0f candidate sentences/s embedded and scored; targets: stage 1 >= 1M/min, stage 2 >= 300/s%n",
                candidates / s2);
        out.flush();
        return 0;
    }

    private static long stage1(List<String> texts, int n) {
        long cued = 0;
        for (int i = 0; i < n; ) {
            for (var s : Sentences.split(texts.get(i % texts.size()))) {
                if (Lexical.cue(s.text())) cued++;
                i++;
            }
        }
        return cued;
    }

    private static String millions(double x) {
        return String.format(Locale.ROOT, "%.1fM", x / 1e6);
    }
}
