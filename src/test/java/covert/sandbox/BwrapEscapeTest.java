package covert.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import covert.cli.Main;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a model's command must not reach: the host's network, files, processes and environment. */
class BwrapEscapeTest {
    @TempDir
    Path host;

    @BeforeEach
    void needsSandbox() {
        SandboxHost.require();
    }

    @Test
    void a_listener_on_the_hosts_loopback_is_unreachable_from_inside() throws IOException {
        try (var server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             var s = SandboxHost.bwrap(20).open(SandboxHost.world(Map.of()), SandboxSpec.DEFAULT)) {
            int port = server.getLocalPort();
            var bashTcp = s.exec("exec 3<>/dev/tcp/127.0.0.1/" + port + " && echo connected");
            var python = s.exec("python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", " + port + "), timeout=3); print(\"connected\")'");
            assertThat(bashTcp.exitCode()).isNotZero();
            assertThat(python.exitCode()).isNotZero();
            assertThat(bashTcp.stdout() + python.stdout()).doesNotContain("connected");
            server.setSoTimeout(300);
            boolean accepted;
            try (var ignored = server.accept()) {
                accepted = true;
            } catch (SocketTimeoutException e) {
                accepted = false;
            }
            assertThat(accepted).as("the host listener saw a connection").isFalse();
            // the sandbox has its own loopback, which works, so the test above is not failing for a trivial reason
            var own = s.exec("python3 -c 'import socket; s=socket.socket(); s.bind((\"127.0.0.1\", 0)); s.listen(); "
                    + "socket.create_connection(s.getsockname()); print(\"own loopback ok\")'");
            assertThat(own.stdout()).contains("own loopback ok");
        }
    }

    @Test
    void writes_to_absolute_paths_outside_the_workspace_leave_the_host_unchanged() throws IOException {
        Path canary = Files.writeString(host.resolve("canary.txt"), "host original\n");
        try (var s = SandboxHost.bwrap(20).open(SandboxHost.world(Map.of("a.txt", "x\n")), SandboxSpec.DEFAULT)) {
            var r = s.exec("echo pwned > " + canary + "; echo pwned >> " + canary + "; rm -f " + canary + "; mkdir -p " + host
                    + " && echo pwned > " + host + "/new.txt; echo pwned > /etc/passwd; rm -rf /usr/bin/ls; touch /canary-root");
            assertThat(r.stderr()).contains("Read-only file system");
            assertThat(s.exec("ls /usr/bin/ls").exitCode()).isZero();
        }
        assertThat(Files.readString(canary)).isEqualTo("host original\n");
        try (Stream<Path> files = Files.list(host)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("canary.txt");
        }
        assertThat(Files.exists(Path.of("/canary-root"))).isFalse();
        assertThat(Files.readString(Rootfs.base().dir().resolve("etc/passwd"))).doesNotContain("pwned");
    }

    @Test
    void proc_shows_only_the_sandboxes_own_processes() throws Exception {
        String marker = "covert-host-marker-" + ProcessHandle.current().pid();
        Process hostProc = new ProcessBuilder("bash", "-c", "exec -a " + marker + " sleep 60").start();
        try (var s = SandboxHost.bwrap(20).open(SandboxHost.world(Map.of()), SandboxSpec.DEFAULT)) {
            assertThat(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(marker))
                    || ProcessHandle.of(hostProc.pid()).isPresent()).isTrue();
            var ps = s.exec("ps -eo pid,args; ls /proc | grep -c '^[0-9]'");
            assertThat(ps.stdout()).doesNotContain(marker).doesNotContain("java").doesNotContain("maven");
            var lines = ps.stdout().strip().lines().toList();
            int pids = Integer.parseInt(lines.get(lines.size() - 1).strip());
            assertThat(pids).as("processes visible inside").isBetween(1, 5);
            assertThat(s.exec("cat /proc/1/cmdline | tr '\\0' ' '").stdout()).startsWith("/bin/bash -c ");
        } finally {
            hostProc.destroyForcibly();
            hostProc.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void symlinks_out_of_the_workspace_reach_neither_the_host_nor_the_harness() throws IOException {
        Path canary = Files.writeString(host.resolve("secret.txt"), "host secret\n");
        var world = SandboxHost.world(Map.of("notes.txt", "hello\n"));
        try (var s = SandboxHost.bwrap(20).open(world, SandboxSpec.DEFAULT)) {
            var r = s.exec("ln -s " + canary + " link; ln -s / rootlink; ln -s " + host + " dirlink; cat link; cat dirlink/secret.txt; "
                    + "echo pwned > link; echo pwned > dirlink/x.txt; ls rootlink/ | head -3");
            assertThat(r.stdout()).doesNotContain("host secret");
            // the harness syncs the workspace into the World: it must not follow the agent's links either
            assertThat(world.snapshot().files().values()).noneMatch(v -> v.contains("host secret"));
            // and what another tool writes through the World must not go through a link to the host
            world.files().write("link", "written by write_file\n");
            world.files().write("dirlink/y.txt", "written by write_file\n");
            assertThat(s.exec("cat link; cat dirlink/y.txt").stdout()).contains("written by write_file");
        }
        assertThat(Files.readString(canary)).isEqualTo("host secret\n");
        try (Stream<Path> files = Files.list(host)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("secret.txt");
        }
    }

    @Test
    void env_shows_exactly_a_debian_root_shells_variables_and_no_key() throws Exception {
        try (var s = SandboxHost.bwrap(20).open(SandboxHost.world(Map.of()), SandboxSpec.DEFAULT)) {
            var env = s.exec("env").stdout();
            Set<String> names = new TreeSet<>();
            env.lines().forEach(l -> names.add(l.substring(0, l.indexOf('='))));
            assertThat(names).containsExactlyInAnyOrder("HOSTNAME", "HOME", "USER", "PATH", "LANG", "TERM", "PWD", "SHLVL", "_");
            assertThat(env).contains("LANG=C.UTF-8", "HOME=/root", "USER=root").doesNotContainIgnoringCase("sandbox").doesNotContain("covert");
        }
        // the CLI in a child JVM whose environment holds API keys: none of them may show inside
        var cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "sandbox", "exec", "--env", "impossible_tests", "--", "env; cat /proc/1/environ"));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OPENAI_API_KEY", "sk-canary-openai-123");
        pb.environment().put("ANTHROPIC_API_KEY", "sk-ant-canary-456");
        var p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("LANG=C.UTF-8").doesNotContain("canary").doesNotContain("API_KEY").doesNotContain("JAVA_HOME");
    }
}
