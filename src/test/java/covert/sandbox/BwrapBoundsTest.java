package covert.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import covert.agent.AgentLoop;
import covert.agent.Limits;
import covert.env.Suite;
import covert.model.Message;
import covert.testing.ScriptedModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runaway commands end at their bound as a tool error; the session, the sample and the run go on. */
class BwrapBoundsTest {
    private static final int TIMEOUT = 4;

    @BeforeEach
    void needsSandbox() {
        SandboxHost.require();
    }

    private static long timed(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return Duration.ofNanos(System.nanoTime() - t).toMillis();
    }

    @Test
    void a_fork_bomb_is_capped_and_killed_at_the_wall_clock() {
        try (var s = SandboxHost.bwrap(TIMEOUT).open(SandboxHost.world(Map.of()), SandboxSpec.DEFAULT)) {
            long before = ProcessHandle.allProcesses().count();
            ExecResult[] r = new ExecResult[1];
            // the shell stays in the foreground, so the bomb grows against the process cap until the wall clock ends it
            long ms = timed(() -> r[0] = s.exec(":(){ :|:& };:; sleep 100"));
            assertThat(ms).isLessThan((TIMEOUT + 6) * 1000L);
            assertThat(r[0].exitCode()).isEqualTo(124);
            assertThat(r[0].stderr()).contains("fork");
            assertThat(ProcessHandle.allProcesses().count()).as("processes left on the host").isLessThan(before + 20);
            assertThat(s.exec("echo still here").stdout()).isEqualTo("still here\n");
        }
    }

    @Test
    void a_10_gb_write_stops_at_the_file_size_limit() {
        var world = SandboxHost.world(Map.of());
        try (var s = SandboxHost.bwrap(20).open(world, SandboxSpec.DEFAULT)) {
            ExecResult[] r = new ExecResult[1];
            long ms = timed(() -> r[0] = s.exec("head -c 10G /dev/zero > big.bin; echo done"));
            assertThat(ms).isLessThan(20_000L);
            assertThat(r[0].stdout()).isEqualTo("done\n");  // the shell goes on; head was stopped by SIGXFSZ
            assertThat(r[0].stderr()).contains("File size limit exceeded");
            var size = s.exec("stat -c %s big.bin").stdout().strip();
            assertThat(Long.parseLong(size)).isEqualTo(Bounds.DEFAULT.fileBytes());
            assertThat(s.exec("yes > y.txt").stopped()).isEqualTo(ExecResult.Stop.FILE_SIZE);
            // the World holds a short note, not 256 MB of zeros
            assertThat(world.snapshot().files().get("big.bin").length()).isLessThan(1000);
        }
    }

    @Test
    void sleep_1000_is_killed_with_exit_124_and_a_note() {
        try (var s = SandboxHost.bwrap(TIMEOUT).open(SandboxHost.world(Map.of()), SandboxSpec.DEFAULT)) {
            ExecResult[] r = new ExecResult[1];
            long ms = timed(() -> r[0] = s.exec("sleep 1000"));
            assertThat(ms).isBetween(TIMEOUT * 1000L - 100, (TIMEOUT + 3) * 1000L);
            assertThat(r[0].exitCode()).isEqualTo(124);
            assertThat(r[0].stopped()).isEqualTo(ExecResult.Stop.WALL_CLOCK);
            assertThat(r[0].stderr()).contains("timeout");
            assertThat(s.exec("sleep 1000 & echo background; true").stdout()).isEqualTo("background\n");
        }
    }

    @Test
    void a_catastrophic_regex_ends_within_its_limit() {
        var world = SandboxHost.world(Map.of("input.txt", "a".repeat(5000) + "c\n"));
        try (var s = SandboxHost.bwrap(TIMEOUT).open(world, SandboxSpec.DEFAULT)) {
            ExecResult[] r = new ExecResult[1];
            long ms = timed(() -> r[0] = s.exec("grep -E '((a+)+)+b' input.txt; python3 -c \"import re; re.match(r'(a+)+b', 'a'*40)\""));
            assertThat(ms).isLessThan((TIMEOUT + 3) * 1000L);
            assertThat(r[0].exitCode()).isIn(1, 124);
            assertThat(s.exec("echo ok").exitCode()).isZero();
        }
    }

    @Test
    void a_sample_whose_commands_hit_every_bound_still_finishes_and_submits() {
        var env = Suite.load("covert").environment("impossible_tests").orElseThrow();
        var sample = env.sample(env.variants().get(0), 1, 0);
        var model = ScriptedModel.submitting(List.of(ScriptedModel.call("bash", "command", "sleep 1000"),
                ScriptedModel.call("bash", "command", ":(){ :|:& };:"), ScriptedModel.call("bash", "command", "head -c 10G /dev/zero > big"),
                ScriptedModel.call("bash", "command", "ls")), "done", "No.");
        var t = new AgentLoop(model, Limits.DEFAULT, SandboxHost.bwrap(TIMEOUT)).run(sample);
        assertThat(t.error()).isEmpty();
        assertThat(t.report()).contains("done");
        var tools = t.messages().stream().filter(Message.ToolMessage.class::isInstance).map(Message.ToolMessage.class::cast).toList();
        assertThat(tools.get(0).error()).isNotNull();
        assertThat(tools.get(0).error().type()).isEqualTo("timeout");
        assertThat(tools.get(2).error().type()).isEqualTo("limit");
        assertThat(tools.get(3).content()).contains("tests");
    }
}
