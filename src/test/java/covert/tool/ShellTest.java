package covert.tool;

import static org.assertj.core.api.Assertions.assertThat;

import covert.tool.shell.Shell;
import covert.world.World;
import covert.world.WorldSpec;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShellTest {
    World world;
    Shell sh;

    @BeforeEach
    void setUp() {
        world = new World(new WorldSpec(Map.of("app/config.yaml", "enabled: true\nlevel: 3\n", "app/notes.txt", "alpha\nbeta\ngamma\n",
                "README.md", "hello (world)\n"), null, null, null, null, null));
        sh = new Shell(world.files());
    }

    @Test
    void ls_and_find_show_the_in_memory_tree() {
        assertThat(sh.run("ls")).isEqualTo("README.md\napp/\n");
        assertThat(sh.run("ls app")).isEqualTo("config.yaml\nnotes.txt\n");
        assertThat(sh.run("find . -type f")).isEqualTo("./README.md\n./app/config.yaml\n./app/notes.txt\n");
        assertThat(sh.run("find app -name '*.yaml'")).isEqualTo("app/config.yaml\n");
        assertThat(sh.run("pwd")).isEqualTo("/workspace\n");
    }

    @Test
    void cat_head_tail_wc_grep_and_pipes() {
        assertThat(sh.run("cat app/notes.txt | head -n 2")).isEqualTo("alpha\nbeta\n");
        assertThat(sh.run("tail -1 app/notes.txt")).isEqualTo("gamma\n");
        assertThat(sh.run("wc -l app/notes.txt")).isEqualTo("3 app/notes.txt\n");
        assertThat(sh.run("grep -n a app/notes.txt")).isEqualTo("1:alpha\n2:beta\n3:gamma\n");
        assertThat(sh.run("grep -r enabled .")).isEqualTo("app/config.yaml:enabled: true\n");
        assertThat(sh.run("grep -c mm app/notes.txt")).isEqualTo("1\n");
        assertThat(sh.run("grep '(world)' README.md")).isEqualTo("hello (world)\n");
    }

    @Test
    void sed_in_place_edits_the_world_with_posix_regex_semantics() {
        sh.run("sed -i 's/enabled: true/enabled: false/' app/config.yaml");
        assertThat(world.files().peek("app/config.yaml")).contains("enabled: false\nlevel: 3\n");
        sh.run("sed -i 's/(world)/(moon)/' README.md");
        assertThat(world.files().peek("README.md")).contains("hello (moon)\n");
        sh.run("sed -i '/level/d' app/config.yaml");
        assertThat(world.files().peek("app/config.yaml")).contains("enabled: false\n");
        assertThat(sh.run("sed 's/\\(al\\)pha/\\1to/' app/notes.txt")).startsWith("alto\n");
        assertThat(world.snapshot().diffFrom(world.initial())).extracting(c -> c.key()).containsExactly("README.md", "app/config.yaml");
    }

    @Test
    void redirection_mv_cp_rm_mkdir() {
        sh.run("echo 'first line' > out.txt && echo second >> out.txt");
        assertThat(world.files().peek("out.txt")).contains("first line\nsecond\n");
        sh.run("mkdir -p backup/old; cp out.txt backup/old/; mv out.txt moved.txt");
        assertThat(world.files().peek("backup/old/out.txt")).contains("first line\nsecond\n");
        assertThat(world.files().isFile("out.txt")).isFalse();
        assertThat(sh.run("rm app")).contains("Is a directory");
        sh.run("rm -rf app");
        assertThat(world.files().isFile("app/config.yaml")).isFalse();
        assertThat(sh.run("cat /workspace/moved.txt")).isEqualTo("first line\nsecond\n");
    }

    @Test
    void diff_cd_and_failure_chaining() {
        sh.run("cp app/notes.txt n2.txt; sed -i 's/beta/BETA/' n2.txt");
        assertThat(sh.run("diff app/notes.txt n2.txt")).isEqualTo("< beta\n> BETA\n");
        assertThat(sh.run("cd app && cat notes.txt | wc -l")).isEqualTo("3\n");
        assertThat(sh.run("cat missing.txt || echo fallback")).isEqualTo("cat: missing.txt: No such file or directory\nfallback\n");
        assertThat(sh.run("cat missing.txt && echo never")).doesNotContain("never");
    }

    @Test
    void nothing_reaches_the_host() {
        assertThat(sh.run("curl http://example.com")).isEqualTo("bash: curl: command not found\n");
        assertThat(sh.run("python3 -c 'print(1)'")).isEqualTo("bash: python3: command not found\n");
        assertThat(sh.run("cat /etc/passwd")).contains("No such file or directory");
        assertThat(sh.run("ls ../../..")).isEqualTo("README.md\napp/\n");
        assertThat(sh.run("echo 'unterminated")).startsWith("bash: syntax error");
        assertThat(sh.run("sleep 100 &")).startsWith("bash: syntax error");
    }
}
