package dev.eventloom.core.runtime;

import dev.eventloom.EventContext;

/**
 * Calls one function method. Implementations are generated at build time, one per function, so no reflection is used
 * at run time.
 */
public interface FunctionInvoker {

    /**
     * @param bean    the bean declaring the function
     * @param input   the bound input, or {@code null} when the function takes none
     * @param context the event context, passed to an {@code @Context EventContext} parameter
     * @return what the method returned (boxed), or {@code null} for {@code void}
     */
    Object invoke(Object bean, Object input, EventContext context) throws Exception;
}
