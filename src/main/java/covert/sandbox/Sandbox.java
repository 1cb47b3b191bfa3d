package covert.sandbox;

import covert.world.World;

/**
 * Where an agent's commands run. A backend only has to open a {@link Session} over a World: the World
 * stays the state of record, so checkers, diffs and replays do not know which backend ran. A container
 * backend (Docker, Kubernetes) fits the same two methods.
 */
public interface Sandbox {
    /** The backend's name as logs and {@code --sandbox} spell it. */
    String type();

    /** Opens a fresh machine holding {@code world}'s current files, laid out as {@code spec} says. */
    Session open(World world, SandboxSpec spec);

    /** The backend as Inspect's {@code SandboxEnvironmentSpec} config records it; null when there is nothing to say. */
    default Object config() {
        return null;
    }
}
