package org.medfed.cli;

import org.medfed.methods.km.KmParameters;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a Kaplan–Meier job, shared by {@code simulate km} and {@code run km}. */
final class KmOptions {
    @Mixin
    SurvivalOptions survival = new SurvivalOptions();

    @Option(names = "--group", paramLabel = "COLUMN",
            description = "One curve per level of this column (strata named as R does, e.g. sex=male); without it, one curve.")
    String group;

    @Option(names = "--conf-level", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "Level of the pointwise intervals (conf.type = \"log\") and of the median's interval. Default: ${DEFAULT-VALUE}.")
    double confLevel = 0.95;

    KmParameters parameters() {
        return new KmParameters(survival.time, survival.event, group, survival.levels.parse(), confLevel);
    }
}
