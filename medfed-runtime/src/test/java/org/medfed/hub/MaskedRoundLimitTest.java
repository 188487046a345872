package org.medfed.hub;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.error.MedfedException;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.transport.MaskedInputAssembler;

/**
 * The one limit secure aggregation keeps on a round's size (message size is none: masked inputs
 * travel in parts): the hub refuses, before any site computes, a round that sums more numbers
 * than a masked array holds, naming the round and the limit.
 */
class MaskedRoundLimitTest {

    private static Request round(Quantity... releases) {
        return new Request(7, "big_step", Payload.EMPTY, List.of(releases), null);
    }

    @Test
    void aRoundAtTheLimitIsAcceptedAndOneNumberMoreIsRefusedNamingRoundAndLimit() {
        int half = MaskedInputAssembler.MAX_NUMBERS / 2;
        int rest = MaskedInputAssembler.MAX_NUMBERS - half;
        // Per-site numbers travel in clear and do not count.
        Quantity perSite = Quantity.perSite("rows", "rows", 1 << 30);
        assertDoesNotThrow(() -> JobRun.checkMaskable(round(Quantity.sum("a", "a", half), Quantity.sum("b", "b", rest),
                perSite)));
        MedfedException e = assertThrows(MedfedException.class,
                () -> JobRun.checkMaskable(round(Quantity.sum("a", "a", half), Quantity.sum("b", "b", rest + 1))));
        assertEquals("round 7 (big_step) sums 1073741820 numbers per site, more than secure aggregation can carry in one"
                + " round (1073741819, one array of two 64-bit ring words per number)", e.getMessage());
        // Shapes multiply in 64 bits: a matrix past 2^31 numbers is refused, not wrapped around.
        assertThrows(MedfedException.class, () -> JobRun.checkMaskable(round(Quantity.sum("m", "m", 1 << 16, 1 << 16))));
    }
}
