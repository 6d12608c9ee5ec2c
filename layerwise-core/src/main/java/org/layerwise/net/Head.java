package org.layerwise.net;

import java.util.Objects;

/**
 * The affine readout of one level: {@code Phi_l = bias + sum_k w_k h[in_k]} over the values of
 * hidden layer {@code layer} (0-based).
 */
public record Head(int layer, Affine affine) {

    public Head {
        Objects.requireNonNull(affine, "affine");
        if (layer < 0) {
            throw new IllegalArgumentException("head reads layer " + layer);
        }
    }
}
