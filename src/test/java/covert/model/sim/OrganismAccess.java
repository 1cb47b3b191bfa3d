package covert.model.sim;

/** Test access to the configured organisms, with or without a checkpoint ({@code baseline@rl-2}). */
public final class OrganismAccess {
    private OrganismAccess() {}

    public static Organism organism(String name) {
        int at = name.indexOf('@');
        Organism o = Organism.BUILT_IN.get(at < 0 ? name : name.substring(0, at));
        return at < 0 ? o : Checkpoints.at(o, name.substring(at + 1));
    }

    public static double expected(String name) {
        return organism(name).expectedCovertRate();
    }
}
