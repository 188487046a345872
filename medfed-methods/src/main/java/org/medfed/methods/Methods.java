package org.medfed.methods;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.medfed.error.UsageException;
import org.medfed.method.MethodDefinition;
import org.medfed.methods.bayes.BayesLogisticMethod;
import org.medfed.methods.cox.CoxMethod;
import org.medfed.methods.describe.CorrelationMethod;
import org.medfed.methods.describe.SummaryMethod;
import org.medfed.methods.describe.TTestMethod;
import org.medfed.methods.describe.TableMethod;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.km.KmMethod;
import org.medfed.methods.km.LogrankMethod;
import org.medfed.methods.multinom.MultinomMethod;
import org.medfed.methods.pca.PcaMethod;
import org.medfed.methods.penalized.PenalizedMethod;
import org.medfed.methods.storedmodel.EvaluateMethod;
import org.medfed.methods.svm.SvmMethod;

/** The registry of methods by name: adding a method is one line here. */
public final class Methods {
    private static final Map<String, MethodDefinition<?>> BY_NAME = new LinkedHashMap<>();

    static {
        register(new GlmMethod());
        register(new SummaryMethod());
        register(new TableMethod());
        register(new CorrelationMethod());
        register(new TTestMethod());
        register(new EvaluateMethod());
        register(new KmMethod());
        register(new LogrankMethod());
        register(new CoxMethod());
        register(new PcaMethod());
        register(new BayesLogisticMethod());
        register(new MultinomMethod());
        register(PenalizedMethod.lasso());
        register(PenalizedMethod.elasticnet());
        register(PenalizedMethod.admmLogistic());
        register(new SvmMethod());
    }

    private Methods() {
    }

    private static void register(MethodDefinition<?> method) {
        BY_NAME.put(method.name(), method);
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    public static MethodDefinition<?> byName(String name) {
        MethodDefinition<?> m = BY_NAME.get(name);
        if (m == null) {
            throw new UsageException("unknown method '" + name + "' (available: " + String.join(", ", BY_NAME.keySet()) + ")");
        }
        return m;
    }
}
