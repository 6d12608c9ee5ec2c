package example;

import java.nio.file.Path;
import java.util.Arrays;

import org.layerwise.Layerwise;
import org.layerwise.construct.ConstructionSettings;
import org.layerwise.construct.LevelReport;
import org.layerwise.format.Model;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;

public class UseLayerwise {

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "model.json");

        // the nested network of f(x, y) = sin(3x) y on [0,1]^2, levels 1..3 (N = 2, p = 2, 64 phase bits)
        Target f = Targets.formula("sin(3*x)*y", 2);
        ConstructionSettings settings = ConstructionSettings.defaults().withLevels(3);
        Layerwise.Built built = Layerwise.construct(f, settings);

        // Phi_1..Phi_3 at two points, exactly: phi[k][l - 1] = Phi_l(points[k])
        double[][] points = {{0.5, 0.25}, {1.0, 0.0}};
        double[][] phi = Layerwise.evaluate(built.model(), points);
        for (int k = 0; k < points.length; k++) {
            System.out.println("Phi(" + Arrays.toString(points[k]) + ") = " + Arrays.toString(phi[k]));
        }

        // save, load, and append a level: levels 1..3 keep every weight
        Layerwise.save(file, built.model());
        Model loaded = Layerwise.load(file);
        Layerwise.Built deeper = Layerwise.refine(loaded, f, 4);
        Layerwise.save(file, deeper.model());

        for (LevelReport row : deeper.report().rows().subList(1, 5)) {
            System.out.printf("level %d: ||f - Phi_l||_2 = %.3e, bound (2d+1) omega = %.3e%n", row.level(),
                    row.networkError().value(), row.bound());
        }
    }
}
