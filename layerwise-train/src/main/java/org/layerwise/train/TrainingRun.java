package org.layerwise.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

import org.layerwise.Monitor;
import org.layerwise.function.Target;

/**
 * One MGDL experiment (and, when asked, its end-to-end baseline) run for one seed or for several: per seed the
 * data are sampled, MGDL is trained, then SGDL; validation errors are computed, dead networks diagnosed
 * ({@link DeadNetworks}) and, when a target and a measure are known, target errors measured.
 *
 * <p>Seeds can run in parallel ({@link #runAll} with {@code threads > 1}): each seed has its own generators, its
 * own engine arrays and one PyTorch thread, so its results do not depend on the other seeds or on the order in
 * which they run; only the wall-clock times differ.
 *
 * @param data     the data of a seed (training, test, optional validation)
 * @param spec     grades and settings; its seed is replaced by each run's seed
 * @param sgdl     the end-to-end schedule, or null for no baseline
 * @param target   the target function for target errors, or null
 * @param measure  the target-error measure of a seed, or null
 */
public record TrainingRun(LongFunction<Presets.PresetData> data, TrainingSpec spec, EndToEndTrainer.Schedule sgdl,
                          Target target, LongFunction<TargetErrorMeasure> measure) {

    /**
     * What one seed gave.
     *
     * @param seed            the seed
     * @param data            the data it trained on
     * @param mgdl            the multi-grade result
     * @param validationRse   per grade the RSE of the readout on the validation set (empty without one)
     * @param mgdlDead        per grade why the grade's network is dead, null entries where it is not
     * @param sgdl            the end-to-end result, or null
     * @param sgdlValidationRse its validation RSE, NaN without a validation set or baseline
     * @param sgdlDead        why the end-to-end network is dead, or null
     * @param wallSeconds     wall-clock seconds of the whole seed
     */
    public record Outcome(long seed, Presets.PresetData data, TrainingResult mgdl, List<Double> validationRse,
                          List<String> mgdlDead, TrainingResult sgdl, double sgdlValidationRse, String sgdlDead,
                          double wallSeconds) {
        public Outcome {
            validationRse = List.copyOf(validationRse);
            mgdlDead = java.util.Collections.unmodifiableList(new ArrayList<>(mgdlDead));
        }
    }

    /** Runs one seed; {@code monitor} gets the trainers' tasks (steps per pass, notes per epoch block and grade). */
    public Outcome run(long seed, Monitor monitor) {
        long t0 = System.nanoTime();
        Presets.PresetData pd = data.apply(seed);
        TrainingSpec ts = spec.withSeed(seed);
        TargetErrorMeasure m = target == null || measure == null ? null : measure.apply(seed);
        MultiGradeTrainer mgdlTrainer = new MultiGradeTrainer(ts).withMonitor(monitor);
        if (m != null) {
            mgdlTrainer.withTarget(target, m);
        }
        TrainingResult r = mgdlTrainer.train(pd.data());
        double[][] xTrain = pd.data().xTrain();
        List<Double> val = validation(r, pd);
        List<String> dead = DeadNetworks.diagnose(r, xTrain);
        TrainingResult base = null;
        double baseVal = Double.NaN;
        String baseDead = null;
        if (sgdl != null) {
            EndToEndTrainer e = new EndToEndTrainer(ts, sgdl).withMonitor(monitor);
            if (m != null) {
                e.withTarget(target, m);
            }
            base = e.train(pd.data());
            List<Double> v = validation(base, pd);
            baseVal = v.isEmpty() ? Double.NaN : v.get(0);
            baseDead = DeadNetworks.diagnose(base, xTrain).get(0);
        }
        return new Outcome(seed, pd, r, val, dead, base, baseVal, baseDead, (System.nanoTime() - t0) / 1e9);
    }

    private static List<Double> validation(TrainingResult r, Presets.PresetData pd) {
        List<Double> out = new ArrayList<>();
        if (pd.xValidation() == null || pd.xValidation().length == 0) {
            return out;
        }
        for (double[] readout : r.readouts(pd.xValidation())) {
            out.add(Fitter.rse(pd.yValidation(), readout));
        }
        return out;
    }

    /**
     * Runs every seed, {@code threads} at a time (1: one after another), and returns the outcomes in the order of
     * {@code seeds}. With {@code threads > 1} the monitor's tasks of several seeds overlap (use one that accepts
     * that, e.g. {@link Monitor#lines} or {@link Monitor#NONE}). With several seeds every task name and note is
     * prefixed with {@code "seed s: "} ({@link #labelled}), so interleaved lines say which seed they come from.
     */
    public List<Outcome> runAll(long[] seeds, int threads, Monitor monitor) {
        if (threads <= 1 || seeds.length == 1) {
            List<Outcome> out = new ArrayList<>();
            for (long s : seeds) {
                out.add(run(s, seeds.length == 1 ? monitor : labelled(monitor, s)));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, seeds.length));
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (long s : seeds) {
                futures.add(pool.submit(() -> run(s, labelled(monitor, s))));
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code m} with {@code "seed s: "} put before every task name and note. */
    static Monitor labelled(Monitor m, long seed) {
        String prefix = "seed " + seed + ": ";
        return (name, total) -> {
            Monitor.Task t = m.start(prefix + name, total);
            return new Monitor.Task() {
                @Override
                public void step(long n) {
                    t.step(n);
                }

                @Override
                public void note(String text) {
                    t.note(prefix + text);
                }

                @Override
                public void close() {
                    t.close();
                }
            };
        };
    }
}
