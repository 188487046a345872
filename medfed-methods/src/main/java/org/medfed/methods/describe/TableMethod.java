package org.medfed.methods.describe;

import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/** One- and two-way contingency tables of factors or integer codes (R's {@code table}). */
public final class TableMethod implements MethodDefinition<TableParameters> {
    @Override
    public String name() {
        return "table";
    }

    @Override
    public Class<TableParameters> parametersType() {
        return TableParameters.class;
    }

    @Override
    public HubHalf hub(TableParameters parameters, JobContext context) {
        return new TableHub(parameters, context);
    }

    @Override
    public SiteHalf site(TableParameters parameters) {
        return new TableSite(parameters);
    }
}
