package io.cxvalue.contracts.experiments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Deterministic, stateless assignment of a customer to a variant of an experiment: a function of the experiment's
 * salt, the customer id and the variants' weights only, so that every instance of every service (and the agent
 * desktop) computes the same variant with no call and no store read.
 * <p>
 * The customer's bucket, 0..{@value #BUCKETS}-1, is the SHA-256 digest of the UTF-8 bytes of the salt, one 0x00 byte
 * and the UTF-8 bytes of the customer id; its first 8 bytes read as a big-endian unsigned 64-bit integer, modulo
 * {@value #BUCKETS}. The separator keeps ("ab", "c") and ("a", "bc") apart. Variant {@code i} of weights
 * {@code w_0..w_{n-1}} holds the buckets {@code [floor(BUCKETS * W_{i-1} / W), floor(BUCKETS * W_i / W))}, where
 * {@code W_i = w_0 + ... + w_i}, {@code W_{-1} = 0} and {@code W} is the total: the order of the variants is part of
 * the assignment, and a variant whose share of the total is under 1/{@value #BUCKETS} may get no bucket at all.
 * <p>
 * This algorithm is published (the ExperimentStarted schema describes it): changing it would move customers between
 * variants of running experiments. Plain Java, no dependencies, thread-safe.
 */
public final class VariantAssignment {

    /** The number of buckets customers are hashed into: the granularity of a variant's share (0.01%). */
    public static final int BUCKETS = 10_000;

    private VariantAssignment() {
    }

    /**
     * The customer's bucket in the experiment with this salt, 0..{@value #BUCKETS}-1.
     * <p>
     * Why SHA-256: its output is uniform, so every bucket is equally likely whatever the shape of the customer ids
     * (sequential, prefixed, UUIDs); the buckets of two salts are independent, so two experiments randomize
     * independently of each other and a customer's variant in one says nothing of their variant in another; and it is
     * a standard with the same answer on every JVM and in every language (unlike {@code String.hashCode} or a
     * library's seeded hash), so another service or the agent desktop can compute it too. It costs about a
     * microsecond per call at most (some 0.2 µs once the JIT has warmed up), nothing beside a caller-card request.
     *
     * @throws NullPointerException if {@code salt} or {@code customerId} is null
     */
    public static int bucket(String salt, String customerId) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(customerId, "customerId");
        MessageDigest sha256 = sha256();
        sha256.update(salt.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(customerId.getBytes(StandardCharsets.UTF_8));
        byte[] digest = sha256.digest();
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        return (int) Long.remainderUnsigned(value, BUCKETS);
    }

    /**
     * The index of the customer's variant: the {@code i} whose share of the buckets,
     * {@code [floor(BUCKETS * W_{i-1} / W), floor(BUCKETS * W_i / W))}, contains {@link #bucket(String, String)}.
     *
     * @param weights the variants' relative weights, in the experiment's order; each positive
     * @throws IllegalArgumentException if {@code weights} is empty or a weight is not positive
     */
    public static int variantIndex(String salt, String customerId, int[] weights) {
        checkWeights(weights);
        return indexOfBucket(bucket(salt, customerId), weights);
    }

    /**
     * The customer's variant, e.g.
     * {@code variant(started.salt(), customerId, started.variants(), ExperimentVariantDefinition::weight)}.
     *
     * @param variants the experiment's variants, in its order
     * @param weight   a variant's relative weight; positive
     * @throws IllegalArgumentException if {@code variants} is empty or a weight is not positive
     */
    public static <V> V variant(String salt, String customerId, List<V> variants, ToIntFunction<V> weight) {
        Objects.requireNonNull(variants, "variants");
        Objects.requireNonNull(weight, "weight");
        int[] weights = new int[variants.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = weight.applyAsInt(variants.get(i));
        }
        return variants.get(variantIndex(salt, customerId, weights));
    }

    /** The index of the variant holding {@code bucket}; {@code weights} already checked. */
    static int indexOfBucket(int bucket, int[] weights) {
        long total = 0;
        for (int weight : weights) {
            total += weight;
        }
        long cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            // floor(BUCKETS * W_i / W), exact in long arithmetic (it would take some 400,000 variants to overflow).
            if (bucket < Math.multiplyExact(BUCKETS, cumulative) / total) {
                return i;
            }
        }
        // Unreachable for 0 <= bucket < BUCKETS: the last bound is BUCKETS * W / W = BUCKETS.
        throw new IllegalArgumentException("Bucket " + bucket + " is not in 0.." + (BUCKETS - 1));
    }

    private static void checkWeights(int[] weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length == 0) {
            throw new IllegalArgumentException("No variants: at least one weight is needed");
        }
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] <= 0) {
                throw new IllegalArgumentException("Weight " + i + " is " + weights[i] + "; weights must be positive");
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest's documentation).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
