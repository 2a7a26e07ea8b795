package io.narwhal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyBucketsTest {
    @Test
    void aLatencyFallsInTheFirstBucketWhoseBoundItDoesNotExceed() {
        assertEquals(0, LatencyBuckets.indexOf(0));
        assertEquals(0, LatencyBuckets.indexOf(500_000));
        assertEquals(1, LatencyBuckets.indexOf(500_001));
        assertEquals(1, LatencyBuckets.indexOf(1_000_000));
        assertEquals(13, LatencyBuckets.indexOf(10_000_000_000L));
    }

    @Test
    void pastTheLastBoundIsTheInfiniteBucket() {
        assertEquals(LatencyBuckets.COUNT - 1, LatencyBuckets.indexOf(10_000_000_001L));
        assertEquals(LatencyBuckets.COUNT - 1, LatencyBuckets.indexOf(Long.MAX_VALUE));
    }

    @Test
    void eachBucketIsLabelledByItsBoundInSeconds() {
        assertEquals("0.0005", LatencyBuckets.label(0));
        assertEquals("0.001", LatencyBuckets.label(1));
        assertEquals("2.5", LatencyBuckets.label(11));
        assertEquals("10", LatencyBuckets.label(13));
        assertEquals("+Inf", LatencyBuckets.label(LatencyBuckets.COUNT - 1));
    }
}
