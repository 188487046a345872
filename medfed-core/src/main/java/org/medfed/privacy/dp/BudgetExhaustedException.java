package org.medfed.privacy.dp;

import org.medfed.error.MedfedException;

/**
 * A site refused a release because it would take a dataset past its privacy budget (or the
 * dataset has none). The message names the dataset, what the release needs and what is left.
 */
public class BudgetExhaustedException extends MedfedException {
    private static final long serialVersionUID = 1L;
    private final String dataset;

    public BudgetExhaustedException(String dataset, String message) {
        super(message);
        this.dataset = dataset;
    }

    public String dataset() {
        return dataset;
    }
}
