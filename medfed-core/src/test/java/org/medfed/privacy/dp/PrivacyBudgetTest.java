package org.medfed.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrivacyBudgetTest {

    @Test
    void laplaceEpsilonsAddUp() {
        PrivacyBudget b = new PrivacyBudget("births", 2.0, 0);
        b.charge(PrivacyCost.pure("laplace", 0.25));
        Spent s = b.charge(LaplaceMechanism.calibrate(0.5, 1, 3));
        assertEquals(0.75, s.epsilon());
        assertEquals(0.75, s.pureEpsilon());
        assertEquals(0, s.delta());
        assertEquals(2, s.releases());
        assertEquals(1.25, b.epsilonLeft());
    }

    @Test
    void chargeUpToTheLimitSucceedsAndAnythingMoreIsRefused() {
        PrivacyBudget b = new PrivacyBudget("births", 1.0, 0);
        b.charge(PrivacyCost.pure("laplace", 0.5));
        assertEquals(1.0, b.charge(PrivacyCost.pure("laplace", 0.5)).epsilon());
        assertThrows(BudgetExhaustedException.class, () -> b.charge(PrivacyCost.pure("laplace", 1e-9)));
        assertEquals(1.0, b.spent().epsilon());
    }

    @Test
    void tenTenthsFitABudgetOfOne() {
        PrivacyBudget b = new PrivacyBudget("births", 1.0, 0);
        for (int i = 0; i < 10; i++) {
            b.charge(PrivacyCost.pure("laplace", 0.1));
        }
        assertEquals(10, b.spent().releases());
        assertThrows(BudgetExhaustedException.class, () -> b.charge(PrivacyCost.pure("laplace", 1e-6)));
    }

    @Test
    void refusalSaysWhatIsNeededAndWhatIsLeft() {
        PrivacyBudget b = new PrivacyBudget("births", 1.0, 0);
        b.charge(PrivacyCost.pure("laplace", 0.7));
        BudgetExhaustedException e =
                assertThrows(BudgetExhaustedException.class, () -> b.charge(PrivacyCost.pure("laplace", 0.5)));
        assertEquals("dataset births: privacy budget exhausted: this release needs ε=0.5, 0.3 of 1.0 left",
                e.getMessage());
        assertEquals("births", e.dataset());
        // the refused charge left the totals as they were
        assertEquals(0.7, b.spent().epsilon());
        assertEquals(1, b.spent().releases());
    }

    @Test
    void gaussianReleasesComposeInZcdp() {
        PrivacyBudget b = new PrivacyBudget("labs", 10.0, 1e-6);
        GaussianMechanism g = GaussianMechanism.calibrate(1.0, 1e-5, 1.0, 10);
        b.charge(g);
        Spent s = b.charge(g);
        assertEquals(2 * g.rho(), s.rho(), 1e-15);
        assertEquals(Zcdp.epsilon(2 * g.rho(), 1e-6), s.epsilon(), 1e-12);
        assertEquals(1e-6, s.delta());
        assertEquals(0, s.pureEpsilon());
    }

    @Test
    void mixedReleasesAddPureEpsilonToTheConvertedZcdpTotal() {
        PrivacyBudget b = new PrivacyBudget("labs", 10.0, 1e-6);
        b.charge(PrivacyCost.pure("laplace", 0.4));
        b.charge(PrivacyCost.zcdp("gaussian", 1.0, 1e-5, 0.02));
        Spent s = b.charge(PrivacyCost.zcdp("gaussian", 1.0, 1e-5, 0.03));
        assertEquals(0.4 + 0.05 + 2 * Math.sqrt(0.05 * Math.log(1e6)), s.epsilon(), 1e-12);
        assertEquals(0.4, s.pureEpsilon());
        assertEquals(0.05, s.rho(), 1e-15);
    }

    @Test
    void gaussianChargeIsRefusedAtTheBoundaryOfTheConvertedEpsilon() {
        double rho = 0.02;
        double limit = Zcdp.epsilon(rho, 1e-6) + 0.1;
        PrivacyBudget b = new PrivacyBudget("labs", limit, 1e-6);
        b.charge(PrivacyCost.zcdp("gaussian", 1.0, 1e-5, rho));
        assertEquals(limit, b.charge(PrivacyCost.pure("laplace", 0.1)).epsilon(), 1e-12);
        BudgetExhaustedException e = assertThrows(BudgetExhaustedException.class,
                () -> b.charge(PrivacyCost.zcdp("gaussian", 1.0, 1e-5, 1e-6)));
        assertTrue(e.getMessage().startsWith("dataset labs: privacy budget exhausted: this release needs ε="),
                e.getMessage());
    }

    @Test
    void gaussianNoiseNeedsADeltaBudget() {
        PrivacyBudget b = new PrivacyBudget("births", 5.0, 0);
        BudgetExhaustedException e = assertThrows(BudgetExhaustedException.class,
                () -> b.charge(GaussianMechanism.calibrate(1.0, 1e-5, 1.0, 1)));
        assertTrue(e.getMessage().contains("δ = 0"), e.getMessage());
    }

    @Test
    void formatsNumbersForPeople() {
        assertEquals("0.3", PrivacyBudget.format(1.0 - 0.7));
        assertEquals("1.0", PrivacyBudget.format(1.0));
        assertEquals("1.317", PrivacyBudget.format(1.31712));
    }
}
