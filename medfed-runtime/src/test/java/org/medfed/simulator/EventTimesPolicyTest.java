package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.error.MedfedException;
import org.medfed.methods.cox.CoxMethod;
import org.medfed.methods.cox.CoxResult;
import org.medfed.methods.km.KmMethod;
import org.medfed.methods.km.KmParameters;
import org.medfed.site.ReleasePolicy;

/**
 * A site whose policy says {@code allow_event_times: false} releases nothing resolved by event
 * time: the pooled-baseline Cox design and Kaplan–Meier are refused at that site, naming the rule,
 * while the Cox model stratified by site (which releases only sums over each site's own risk
 * sets) runs and still equals R's {@code strata(site)} fit.
 */
public class EventTimesPolicyTest {
    private static final String NO_TIMES = "site2 refused: the values are resolved by individual event times, which"
            + " this site does not release (policy allow_event_times: false";

    /** Every site permissive except that site2 keeps its event times. */
    private static Map<String, ReleasePolicy> site2KeepsItsTimes(ReferenceCase c) {
        Map<String, ReleasePolicy> m = new LinkedHashMap<>();
        for (String site : c.siteFiles().keySet()) {
            ReleasePolicy open = ReleasePolicy.permissive();
            m.put(site, site.equals("site2") ? open.withAllowEventTimes(false) : open);
        }
        return m;
    }

    @Test
    void thePooledCoxDesignIsRefusedAndTheStratifiedOneEqualsR() {
        ReferenceCase lung = ReferenceCase.load("cox-lung");
        MedfedException pooled = assertThrows(MedfedException.class, () -> Simulator.load(lung.siteFiles())
                .withPolicies(site2KeepsItsTimes(lung))
                .run(new CoxMethod(), CoxReferenceTest.parameters(lung, "cox_efron", false), null));
        assertTrue(pooled.getMessage().contains(NO_TIMES), pooled.getMessage());
        assertTrue(pooled.getMessage().contains("--stratify-by-site"), pooled.getMessage());

        ReferenceCase stratified = ReferenceCase.load("cox-stratified");
        CoxResult r = (CoxResult) Simulator.load(stratified.siteFiles()).withPolicies(site2KeepsItsTimes(stratified))
                .run(new CoxMethod(), CoxReferenceTest.parameters(stratified, "cox_efron", true), null).result();
        CoxReferenceTest.assertMatchesR(stratified.analysis("cox_efron"), r);
    }

    @Test
    void kaplanMeierIsRefusedAndAllowedByDefault() {
        ReferenceCase lung = KmReferenceTest.LUNG;
        KmParameters km = KmParameters.of("time", "status", "sex").withLevels(KmReferenceTest.SEX);
        MedfedException e = assertThrows(MedfedException.class, () -> Simulator.load(lung.siteFiles())
                .withPolicies(site2KeepsItsTimes(lung)).run(new KmMethod(), km, null));
        assertTrue(e.getMessage().contains(NO_TIMES), e.getMessage());
        assertEquals(true, ReleasePolicy.defaults().allowEventTimes());
        Simulator.load(lung.siteFiles()).withPolicies(Map.of("site1", ReleasePolicy.permissive(),
                "site2", ReleasePolicy.permissive(), "site3", ReleasePolicy.permissive())).run(new KmMethod(), km, null);
    }
}
