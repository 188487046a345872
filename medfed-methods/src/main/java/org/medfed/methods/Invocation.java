package org.medfed.methods;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/**
 * A method together with its parameters, as a job carries it between processes: the analyst
 * serializes the parameters record to JSON, the hub and each site parse it back with the
 * method's own parameter type, so every process builds its half from identical parameters.
 */
public record Invocation<P>(MethodDefinition<P> method, P parameters) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses parameters JSON for the named method; a usage error names the method and the problem. */
    public static Invocation<?> parse(String methodName, String parametersJson) {
        return parse(Methods.byName(methodName), parametersJson);
    }

    private static <P> Invocation<P> parse(MethodDefinition<P> method, String json) {
        try {
            return new Invocation<>(method, JSON.readValue(json, method.parametersType()));
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof MedfedException me) {
                throw me;
            }
            throw new UsageException(method.name() + ": invalid parameters: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new UsageException(method.name() + ": invalid parameters: " + e.getOriginalMessage());
        }
    }

    public static <P> Invocation<P> of(MethodDefinition<P> method, P parameters) {
        return new Invocation<>(method, parameters);
    }

    public String name() {
        return method.name();
    }

    public String parametersJson() {
        try {
            return JSON.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parameters of " + method.name() + " do not serialize", e);
        }
    }

    public HubHalf hub(JobContext context) {
        return method.hub(parameters, context);
    }

    public SiteHalf site() {
        return method.site(parameters);
    }
}
