package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.run;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.construct.Construction;
import org.layerwise.eval.Evaluators;
import org.layerwise.format.Model;
import org.layerwise.format.ModelFile;
import org.layerwise.grid.Cells;
import org.layerwise.net.Network;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Certified means through the command line: model files built with L and L + 1 levels of a discontinuous target
 * agree on levels <= L; the certificate {@code DecoderBound_l + eta_l} bounds {@code |Phi_l(x) - mu_l(K_l(x))|}
 * against the TRUE mean (exact, at 40 digits) at random points, breakpoints and their ulp neighbours.
 */
class CertifiedMeansCliTest {

    private static final MathContext MC = new MathContext(40);
    private static final BigDecimal JUMP = new BigDecimal("0.3");

    @Test
    void nestedModelFilesAndACertificateThatHolds(@TempDir Path dir) throws Exception {
        Path m4 = dir.resolve("m4.json");
        Path m5 = dir.resolve("m5.json");
        JsonNode json = Cli.json("construct", "--target", "step(x1-0.3)", "--dim", "1", "--base", "3", "--levels", "4",
                "--points", "64", "--out", m4.toString(), "--json", "--quiet");
        assertEquals(0, run("construct", "--target", "step(x1-0.3)", "--dim", "1", "--base", "3", "--levels", "5",
                "--points", "64", "--out", m5.toString(), "--quiet").code());
        Network small = ModelFile.load(m4).network();
        Model large = ModelFile.load(m5);
        assertTrue(small.isPrefixOf(large.network()), "levels <= 4 of the 5-level model differ");
        for (int l = 1; l <= 4; l++) {
            assertEquals(small.head(l), large.network().head(l), "head " + l);
        }
        double[] eta4 = Construction.meanHalfWidths(ModelFile.load(m4).target());
        double[] eta5 = Construction.meanHalfWidths(large.target());
        for (int l = 0; l <= 4; l++) {
            assertEquals(eta4[l], eta5[l], "eta " + l);
        }
        assertEquals("certified", json.get("status").asText());
        assertTrue(json.get("rows").get(2).get("certificate").asDouble() >= eta4[2]);

        // the certificate against the true mean of step(x - 3/10) on K_l(x)
        Network net = large.network();
        double[] cert = EvalCommand.certificates(net, large.target());
        Cells cells = new Cells(1, 3);
        List<Double> xs = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200; i++) {
            xs.add(random.nextDouble());
        }
        for (int l = 0; l <= 5; l++) {
            for (long k = 0; k <= cells.perAxis(l); k++) {
                double b = (double) k / cells.perAxis(l);
                for (double x : new double[] {Math.nextDown(b), b, Math.nextUp(b)}) {
                    if (x >= 0 && x <= 1) {
                        xs.add(x);
                    }
                }
            }
        }
        xs.addAll(List.of(0.3, Math.nextDown(0.3), Math.nextUp(0.3), 0.0, 1.0, Double.MIN_VALUE));
        double[][] pts = new double[xs.size()][];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new double[] {xs.get(i)};
        }
        double[][] phi = Evaluators.forNetwork(net, false).evaluate(pts);
        for (int i = 0; i < pts.length; i++) {
            for (int l = 1; l <= net.levels(); l++) {
                long[] corner = new long[1];
                cells.corner(cells.index(pts[i], l), l, corner); // the cell index orders digits coarse-first
                long k = corner[0];
                BigDecimal n = BigDecimal.valueOf(cells.perAxis(l));
                BigDecimal a = BigDecimal.valueOf(k).divide(n, MC);
                BigDecimal b = BigDecimal.valueOf(k + 1).divide(n, MC);
                BigDecimal mu = b.subtract(a.max(JUMP)).max(BigDecimal.ZERO).multiply(n);
                BigDecimal err = new BigDecimal(phi[i][l - 1]).subtract(mu).abs();
                final int li = l;
                final int pi = i;
                assertTrue(err.compareTo(new BigDecimal(cert[l - 1])) <= 0, () -> "x = " + pts[pi][0] + " level " + li
                        + ": Phi = " + phi[pi][li - 1] + ", true mean " + mu + ", certificate " + cert[li - 1]);
            }
        }
    }
}
