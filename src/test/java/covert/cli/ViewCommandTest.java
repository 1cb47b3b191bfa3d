package covert.cli;

import static covert.cli.CliTest.assertOneLineError;
import static covert.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import covert.UserError;
import covert.testing.Runs;
import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ViewCommandTest {
    @TempDir
    Path dir;

    @Test
    void bad_input_is_one_line_and_exit_2() throws Exception {
        assertOneLineError(cli("view", dir.resolve("missing.json").toString(), "--port", "0"), "missing.json", "no such log file");
        Path log = Runs.run(Runs.config("sim/baseline", Map.of(), 1, 0, 1, Runs.CORE), dir.resolve("a")).log();
        assertOneLineError(cli("view", log.toString(), "--port", "70000"), "--port", "70000");
        assertOneLineError(cli("view", log.toString(), "--port", "-1"), "--port");
        assertOneLineError(cli("view", log.toString(), "--port", "eighty"), "eighty");
        assertOneLineError(cli("view", Files.createDirectories(dir.resolve("empty")).toString(), "--port", "0"), "no .eval or .json logs");
        assertOneLineError(cli("view", log.toString(), "--port", "0", "--host", "no-such-host.invalid"), "cannot listen on no-such-host.invalid");
        try (var busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertOneLineError(cli("view", log.toString(), "--port", Integer.toString(busy.getLocalPort())), "the port is in use");
        }
    }

    @Test
    void no_log_and_no_logs_directory_is_a_user_error() {
        assertThatThrownBy(() -> ViewCommand.expand(List.of(dir.resolve("logs")), true)).isInstanceOf(UserError.class).hasMessageContaining("no LOG given");
    }

    @Test
    void a_directory_stands_for_its_logs() throws Exception {
        Path logs = dir.resolve("logs");
        Path log = Runs.run(Runs.config("sim/baseline", Map.of(), 1, 0, 1, Runs.CORE), logs).log();
        Files.writeString(logs.resolve("notes.txt"), "not a log");
        assertThat(ViewCommand.expand(List.of(logs), true)).containsExactly(log);
    }

    @Test
    @Timeout(60)
    void prints_the_url_first_serves_and_stops_when_interrupted() throws Exception {
        Path log = Runs.run(Runs.config("sim/baseline", Map.of(), 1, 0, 2, Runs.CORE), dir.resolve("a")).log();
        var pipe = new PipedWriter();
        var lines = new BufferedReader(new PipedReader(pipe));
        var code = new AtomicInteger(-1);
        var err = new StringWriter();
        Thread t = new Thread(() -> code.set(Main.execute(new String[] {"view", log.toString(), "--port", "0"}, new PrintWriter(pipe, true), new PrintWriter(err, true))));
        t.start();
        String url = lines.readLine();
        assertThat(url).as(err.toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
        var http = HttpClient.newHttpClient();
        var r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("sim/baseline");
        t.interrupt();
        t.join(30_000);
        assertThat(code.get()).isZero();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }
}
