package io.csbridge.domain.risk;

/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS). With a handful of features the
 * Hessian is tiny, so each step is exact and a fit converges in a few iterations; the penalty keeps
 * the weights finite when the classes are separable. The intercept is not penalised.
 */
public final class LogisticRegression {

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-9;

    /** Weights: index 0 is the intercept, then one per feature. */
    public static double[] fit(double[][] x, int[] y, double lambda) {
        int n = x.length;
        if (n == 0) throw new IllegalArgumentException("no examples to fit");
        int d = x[0].length + 1;
        double[] w = new double[d];
        double[] row = new double[d];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < n; i++) {
                row[0] = 1;
                System.arraycopy(x[i], 0, row, 1, d - 1);
                double p = sigmoid(dot(w, row));
                double r = p - y[i];
                double s = Math.max(p * (1 - p), 1e-12);
                for (int a = 0; a < d; a++) {
                    gradient[a] += r * row[a];
                    for (int b = a; b < d; b++) hessian[a][b] += s * row[a] * row[b];
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < a; b++) hessian[a][b] = hessian[b][a];
                double penalty = a == 0 ? 1e-9 : lambda;
                gradient[a] += (a == 0 ? 0 : lambda) * w[a];
                hessian[a][a] += penalty;
            }
            double[] step = solve(hessian, gradient);
            double size = 0;
            for (int a = 0; a < d; a++) {
                w[a] -= step[a];
                size = Math.max(size, Math.abs(step[a]));
            }
            if (size < TOLERANCE) break;
        }
        return w;
    }

    public static double predict(double[] w, double[] x) {
        double z = w[0];
        for (int i = 0; i < x.length; i++) z += w[i + 1] * x[i];
        return sigmoid(z);
    }

    public static double sigmoid(double z) {
        if (z >= 0) return 1 / (1 + Math.exp(-z));
        double e = Math.exp(z);
        return e / (1 + e);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Gaussian elimination with partial pivoting; the matrix is positive definite thanks to the penalty. */
    static double[] solve(double[][] m, double[] v) {
        int n = v.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = m[i].clone();
        double[] b = v.clone();
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
            double[] tmp = a[col]; a[col] = a[pivot]; a[pivot] = tmp;
            double t = b[col]; b[col] = b[pivot]; b[pivot] = t;
            if (Math.abs(a[col][col]) < 1e-300) throw new ArithmeticException("singular system");
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                if (f == 0) continue;
                for (int c = col; c < n; c++) a[r][c] -= f * a[col][c];
                b[r] -= f * b[col];
            }
        }
        double[] out = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) s -= a[r][c] * out[c];
            out[r] = s / a[r][r];
        }
        return out;
    }

    private LogisticRegression() {
    }
}
