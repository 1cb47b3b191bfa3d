package covert.sandbox;

import covert.tool.shell.Shell;
import covert.world.World;

/**
 * The emulated backend: the in-JVM shell over the World's files. Nothing reaches the host and every run is
 * deterministic, which is what the simulated organisms, the demo and the offline suite need; a real model
 * notices it, so runs of real models use {@link Bwrap} where they can.
 */
public record Emulated() implements Sandbox {
    @Override
    public String type() {
        return "emulated";
    }

    @Override
    public Session open(World world, SandboxSpec spec) {
        return new Session() {
            @Override
            public ExecResult exec(String command) {
                Shell.Outcome o = new Shell(world.files()).execute(command);
                return new ExecResult(o.stdout(), o.stderr(), o.status(), ExecResult.Stop.NONE, o.terminal());
            }

            @Override
            public String workdir() {
                return covert.world.FileSystem.ROOT;
            }

            @Override
            public Snapshot snapshot() {
                var files = new java.util.TreeMap<String, byte[]>();
                for (String k : world.files().walk("")) {
                    files.put(k, world.files().peek(k).orElse("").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                return new Snapshot(files, world.files().dirs());
            }

            @Override
            public void close() {}
        };
    }
}
