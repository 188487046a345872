package org.medfed.secagg;

import java.util.Map;

/**
 * Phase 4, site to hub: the site's share (y bytes; x is the site's position + 1) of each
 * survivor's self-mask seed and of each dropped site's mask private key.
 */
public record UnmaskResponse(String jobId, int round, String site, Map<String, byte[]> selfMaskShares,
        Map<String, byte[]> maskKeyShares) {
    public UnmaskResponse {
        selfMaskShares = Map.copyOf(selfMaskShares);
        maskKeyShares = Map.copyOf(maskKeyShares);
    }
}
