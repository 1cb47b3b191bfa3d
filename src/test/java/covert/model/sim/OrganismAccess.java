package covert.model.sim;

/** Test access to the configured organisms' expected rates. */
public final class OrganismAccess {
    private OrganismAccess() {}

    public static double expected(String name) {
        return Organism.BUILT_IN.get(name).expectedCovertRate();
    }
}
