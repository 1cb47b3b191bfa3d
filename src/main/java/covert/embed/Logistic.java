package covert.embed;

import java.util.List;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * L2-regularised logistic regression fitted with commons-math3's Polak-Ribière conjugate gradient on the mean
 * log loss (the bias is not penalised). Shared by the awareness classifier and the disclosure verdict, so both
 * are fitted, and their shipped weights reproduced, the same way.
 *
 * @param weights one per feature
 */
public record Logistic(double[] weights, double bias) {
    public double score(float[] x) {
        double z = bias;
        for (int j = 0; j < weights.length; j++) z += weights[j] * x[j];
        return 1 / (1 + Math.exp(-z));
    }

    /** Fits rows {@code x} (all of one length) to labels {@code y} (0 or 1). */
    public static Logistic fit(List<float[]> x, double[] y, double l2) {
        int d = x.getFirst().length, n = x.size();
        MultivariateFunction loss = w -> {
            double l = 0;
            for (int i = 0; i < n; i++) {
                double z = dot(w, x.get(i));
                l += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - y[i] * z;
            }
            return l / n + 0.5 * l2 * squares(w, d);
        };
        MultivariateVectorFunction gradient = w -> {
            double[] g = new double[d + 1];
            for (int i = 0; i < n; i++) {
                double r = 1 / (1 + Math.exp(-dot(w, x.get(i)))) - y[i];
                float[] xi = x.get(i);
                for (int j = 0; j < d; j++) g[j] += r * xi[j];
                g[d] += r;
            }
            for (int j = 0; j <= d; j++) g[j] /= n;
            for (int j = 0; j < d; j++) g[j] += l2 * w[j];
            return g;
        };
        var optimizer = new NonLinearConjugateGradientOptimizer(NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE,
                new SimpleValueChecker(1e-10, 1e-12));
        double[] w = optimizer.optimize(new MaxEval(200_000), new MaxIter(20_000), new ObjectiveFunction(loss), new ObjectiveFunctionGradient(gradient),
                GoalType.MINIMIZE, new InitialGuess(new double[d + 1])).getPoint();
        return new Logistic(java.util.Arrays.copyOf(w, d), w[d]);
    }

    /** w holds the weights with the bias last. */
    private static double dot(double[] w, float[] x) {
        double z = w[x.length];
        for (int j = 0; j < x.length; j++) z += w[j] * x[j];
        return z;
    }

    private static double squares(double[] w, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) s += w[j] * w[j];
        return s;
    }

    public static double[] doubles(Object jsonList) {
        return ((List<?>) jsonList).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }
}
