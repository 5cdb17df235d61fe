package io.cxvalue.contracts.experiments;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariantAssignmentTest {

    private static final int[] EQUAL_TEN = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

    @Test
    void theSameCustomerGetsTheSameBucketAndVariantEveryTime() {
        Random random = new Random(1);
        for (int i = 0; i < 1_000; i++) {
            String customerId = customerId(random);
            int bucket = VariantAssignment.bucket("salt-1", customerId);
            int variant = VariantAssignment.variantIndex("salt-1", customerId, new int[] {1, 3, 2});
            for (int repeat = 0; repeat < 3; repeat++) {
                assertEquals(bucket, VariantAssignment.bucket("salt-1", customerId));
                assertEquals(variant, VariantAssignment.variantIndex("salt-1", customerId, new int[] {1, 3, 2}));
            }
            assertTrue(bucket >= 0 && bucket < VariantAssignment.BUCKETS, "bucket " + bucket);
        }
    }

    @Test
    void theBucketIsSha256OfSaltSeparatorAndCustomerIdModuloTheBuckets() throws Exception {
        // Computed here independently of the implementation: one input buffer, one digest, ByteBuffer's big-endian
        // long; catches any change to the algorithm (separator, byte order, number of bytes, modulus, encoding).
        for (String[] pair : new String[][] {{"exp-1-salt", "c-1"}, {"s", "customer-42"}, {"", ""},
                {"sälz", "kund€-7"}, {"ab", "c"}, {"a", "bc"}}) {
            byte[] salt = pair[0].getBytes(StandardCharsets.UTF_8);
            byte[] customer = pair[1].getBytes(StandardCharsets.UTF_8);
            byte[] input = ByteBuffer.allocate(salt.length + 1 + customer.length)
                    .put(salt).put((byte) 0x00).put(customer).array();
            long first8 = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(input)).getLong();
            int expected = (int) Long.remainderUnsigned(first8, 10_000);

            assertEquals(expected, VariantAssignment.bucket(pair[0], pair[1]), pair[0] + " / " + pair[1]);
        }
        // The separator keeps apart what plain concatenation would not.
        assertNotEquals(VariantAssignment.bucket("ab", "c"), VariantAssignment.bucket("a", "bc"));
    }

    @Test
    void knownAnswersPinThePublishedAlgorithm() {
        // These literals pin the published algorithm: other services and the agent desktop may compute buckets too,
        // and a change would move customers between the variants of running experiments. They were computed once
        // (and agree with Python: int.from_bytes(hashlib.sha256(b"exp-1-salt\x00c-1").digest()[:8], "big") % 10000).
        // Never update them to make a change pass; a new algorithm is a new version of the experiment events.
        assertEquals(1714, VariantAssignment.bucket("exp-1-salt", "c-1"));
        assertEquals(8071, VariantAssignment.bucket("exp-1-salt", "c-2"));
        assertEquals(6449, VariantAssignment.bucket("exp-1-salt", "c-3"));
        // Weights 2:1:1 hold buckets [0, 5000), [5000, 7500), [7500, 10000).
        assertEquals(0, VariantAssignment.variantIndex("exp-1-salt", "c-1", new int[] {2, 1, 1}));
        assertEquals(2, VariantAssignment.variantIndex("exp-1-salt", "c-2", new int[] {2, 1, 1}));
        assertEquals(1, VariantAssignment.variantIndex("exp-1-salt", "c-3", new int[] {2, 1, 1}));
    }

    @Test
    void equalWeightsSpreadCustomersUniformly() {
        int customers = 200_000;
        long[] counts = new long[10];
        Random random = new Random(20260314);
        for (int i = 0; i < customers; i++) {
            counts[VariantAssignment.variantIndex("exp-uniform", customerId(random), EQUAL_TEN)]++;
        }

        double expected = customers / 10.0;
        double chiSquare = 0;
        for (long count : counts) {
            chiSquare += (count - expected) * (count - expected) / expected;
        }
        // Goodness of fit, 9 degrees of freedom: the critical value at p = 0.001 is 27.877.
        assertTrue(chiSquare < 27.877, "chi-square " + chiSquare + " for counts " + Arrays.toString(counts));
    }

    @Test
    void weightsSetTheShares() {
        int customers = 100_000;
        int[] counts = new int[2];
        Random random = new Random(7);
        for (int i = 0; i < customers; i++) {
            counts[VariantAssignment.variantIndex("exp-weights", customerId(random), new int[] {1, 3})]++;
        }

        assertEquals(0.25, counts[0] / (double) customers, 0.01);
        assertEquals(0.75, counts[1] / (double) customers, 0.01);
    }

    @Test
    void variantIGetsTheBucketsOfItsCumulativeShare() {
        // 1:3: buckets [0, 2500) and [2500, 10000).
        assertEquals(0, VariantAssignment.indexOfBucket(0, new int[] {1, 3}));
        assertEquals(0, VariantAssignment.indexOfBucket(2_499, new int[] {1, 3}));
        assertEquals(1, VariantAssignment.indexOfBucket(2_500, new int[] {1, 3}));
        assertEquals(1, VariantAssignment.indexOfBucket(9_999, new int[] {1, 3}));
        // Thirds: floor(10000/3) = 3333 and floor(20000/3) = 6666.
        int[] thirds = {1, 1, 1};
        assertEquals(0, VariantAssignment.indexOfBucket(3_332, thirds));
        assertEquals(1, VariantAssignment.indexOfBucket(3_333, thirds));
        assertEquals(1, VariantAssignment.indexOfBucket(6_665, thirds));
        assertEquals(2, VariantAssignment.indexOfBucket(6_666, thirds));
        assertEquals(2, VariantAssignment.indexOfBucket(9_999, thirds));
        // A single variant holds every bucket; a share under one bucket may hold none.
        assertEquals(0, VariantAssignment.indexOfBucket(9_999, new int[] {5}));
        assertEquals(1, VariantAssignment.indexOfBucket(0, new int[] {1, 10_000}));
        // The largest weights the schema allows, ten of them, stay exact.
        int[] heavy = {10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000};
        assertEquals(9, VariantAssignment.indexOfBucket(9_999, heavy));
        assertEquals(4, VariantAssignment.indexOfBucket(4_999, heavy));
        assertEquals(5, VariantAssignment.indexOfBucket(5_000, heavy));
    }

    @Test
    void differentSaltsAssignIndependently() {
        int customers = 100_000;
        long[][] table = new long[2][2];
        Random random = new Random(42);
        for (int i = 0; i < customers; i++) {
            String customerId = customerId(random);
            int a = VariantAssignment.variantIndex("salt-A", customerId, new int[] {1, 1});
            int b = VariantAssignment.variantIndex("salt-B", customerId, new int[] {1, 1});
            table[a][b]++;
        }

        double chiSquare = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double expected = (double) (table[a][0] + table[a][1]) * (table[0][b] + table[1][b]) / customers;
                chiSquare += (table[a][b] - expected) * (table[a][b] - expected) / expected;
            }
        }
        // Independence in a 2x2 table, 1 degree of freedom: the critical value at p = 0.001 is 10.828.
        assertTrue(chiSquare < 10.828, "chi-square " + chiSquare + " for " + Arrays.deepToString(table));
    }

    @Test
    void variantPicksFromTheListByWeight() {
        record Arm(String key, int weight) {
        }
        List<Arm> arms = List.of(new Arm("control", 2), new Arm("treatment", 1), new Arm("other", 1));
        Random random = new Random(3);
        for (int i = 0; i < 1_000; i++) {
            String customerId = customerId(random);
            int index = VariantAssignment.variantIndex("exp-list", customerId, new int[] {2, 1, 1});

            assertEquals(arms.get(index), VariantAssignment.variant("exp-list", customerId, arms, Arm::weight));
        }
    }

    @Test
    void invalidWeightsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> VariantAssignment.variantIndex("s", "c", new int[0]));
        assertThrows(IllegalArgumentException.class, () -> VariantAssignment.variantIndex("s", "c", new int[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> VariantAssignment.variantIndex("s", "c", new int[] {-1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> VariantAssignment.variant("s", "c", List.<String>of(), v -> 1));
        assertThrows(IllegalArgumentException.class,
                () -> VariantAssignment.variant("s", "c", List.of("a", "b"), v -> v.equals("a") ? 1 : 0));
        assertThrows(NullPointerException.class, () -> VariantAssignment.variantIndex("s", "c", null));
        assertThrows(NullPointerException.class, () -> VariantAssignment.bucket(null, "c"));
        assertThrows(NullPointerException.class, () -> VariantAssignment.bucket("s", null));
    }

    /** A customer id of the shape the product uses. */
    private static String customerId(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
