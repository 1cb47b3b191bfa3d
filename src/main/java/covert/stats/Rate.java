package covert.stats;

/** A proportion with a two-sided interval. */
public record Rate(int k, int n, double rate, double lower, double upper) {
    public static Rate empty() {
        return new Rate(0, 0, 0, 0, 1);
    }
}
