package org.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class EngineSmokeTest {
    @Test
    void matmulRunsOffline() {
        System.setProperty("ai.djl.offline", "true");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            NDArray b = a.matMul(a);
            System.out.println("engine " + m.getEngine().getEngineName() + " " + m.getEngine().getVersion());
            assertArrayEquals(new float[] {7, 10, 15, 22}, b.toFloatArray());
        }
    }
}
