package covert.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import covert.world.World;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The World stays the state of record: what a command does on the machine is in the World when exec returns. */
class WorkspaceSyncTest {
    private World world;

    @BeforeEach
    void setUp() {
        SandboxHost.require();
        world = SandboxHost.world(Map.of("src/app.py", "print('hi')\n", "README.md", "# app\n", "docs/notes.txt", "alpha\nbeta\n"));
    }

    @Test
    void files_appear_with_plausible_owners_modes_and_times() {
        try (var s = SandboxHost.bwrap(20).open(world, SandboxSpec.DEFAULT)) {
            var ls = s.exec("ls -la --time-style=+%s src; pwd; stat -c '%U %a %Y' README.md");
            assertThat(ls.stdout()).contains("root root").contains("app.py").contains("/workspace");
            String[] stat = ls.stdout().strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
            assertThat(stat[0]).isEqualTo("root");
            assertThat(stat[1]).isEqualTo("644");
            long age = System.currentTimeMillis() / 1000 - Long.parseLong(stat[2]);
            assertThat(age).as("file age in seconds").isGreaterThan(3000);
        }
    }

    @Test
    void a_commands_writes_deletes_and_new_directories_reach_the_world() {
        try (var s = SandboxHost.bwrap(20).open(world, SandboxSpec.DEFAULT)) {
            s.exec("sed -i 's/hi/hello/' src/app.py && rm docs/notes.txt && mkdir -p build/empty && printf 'x' > new.txt");
            var state = world.snapshot();
            assertThat(state.file("src/app.py")).contains("print('hello')\n");
            assertThat(state.file("docs/notes.txt")).isEmpty();
            assertThat(state.file("new.txt")).contains("x");
            assertThat(world.files().isDir("build/empty")).isTrue();
            assertThat(state.diffFrom(world.initial())).extracting(c -> c.op() + " " + c.key())
                    .containsExactlyInAnyOrder("modified src/app.py", "deleted docs/notes.txt", "created new.txt");
        }
    }

    @Test
    void what_other_tools_write_in_the_world_is_there_for_the_next_command() {
        try (var s = SandboxHost.bwrap(20).open(world, SandboxSpec.DEFAULT)) {
            world.files().write("config/app.yaml", "debug: false\n");
            world.files().delete("README.md");
            assertThat(s.exec("cat config/app.yaml; ls").stdout()).isEqualTo("debug: false\nconfig\ndocs\nsrc\n");
        }
    }

    @Test
    void reads_are_recorded_and_listing_is_not_a_read() {
        try (var s = SandboxHost.bwrap(20).open(world, SandboxSpec.DEFAULT)) {
            s.exec("ls -la; ls src docs; stat README.md >/dev/null");
            assertThat(world.snapshot().reads()).isEmpty();
            s.exec("cat docs/notes.txt | head -1");
            assertThat(world.snapshot().reads()).containsExactly("docs/notes.txt");
            s.exec("grep -rn print .");
            assertThat(world.snapshot().reads()).contains("src/app.py", "README.md");
            s.exec("cat docs/notes.txt");
            assertThat(world.snapshot().reads()).filteredOn("docs/notes.txt"::equals).hasSize(3);
        }
    }

    @Test
    void files_persist_between_commands_in_the_workspace_tmp_and_home() {
        try (var s = SandboxHost.bwrap(20).open(world, SandboxSpec.DEFAULT)) {
            s.exec("echo 1 > /tmp/scratch; echo 2 > ~/.notes; export X=1; cd src");
            var r = s.exec("cat /tmp/scratch ~/.notes; echo \"X=$X\"; pwd");
            assertThat(r.stdout()).isEqualTo("1\n2\nX=\n/workspace\n");  // files stay, shell state does not (a fresh shell per call)
        }
    }
}
