package covert.stats;

/**
 * Weighted isotonic regression by pool-adjacent-violators: the closest monotone sequence (in weighted least
 * squares) to a sequence of rates. Used as the "simple monotone trend" within a training phase.
 */
public final class Isotonic {
    private Isotonic() {}

    /** The best non-increasing ({@code decreasing}) or non-decreasing fit to {@code y} with weights {@code w}. */
    public static double[] fit(double[] y, double[] w, boolean decreasing) {
        int n = y.length;
        double[] value = new double[n], weight = new double[n];
        int[] size = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            value[blocks] = decreasing ? -y[i] : y[i];
            weight[blocks] = Math.max(w[i], 1e-12);
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                double wsum = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / wsum;
                weight[blocks - 2] = wsum;
                size[blocks - 2] += size[blocks - 1];
                blocks--;
            }
        }
        double[] out = new double[n];
        for (int b = 0, i = 0; b < blocks; b++) for (int j = 0; j < size[b]; j++) out[i++] = decreasing ? -value[b] : value[b];
        return out;
    }
}
