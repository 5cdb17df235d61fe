package io.cxvalue.scoring.service;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.Executor;

/** Getting back to the caller's Vert.x context after work on a worker thread. */
public final class VertxContexts {

    private VertxContexts() {
    }

    /**
     * Runs tasks on the current Vert.x context (where the Hibernate Reactive session may be used again), or in the
     * calling thread when there is none.
     */
    public static Executor current() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }

    /**
     * Runs each task on a new duplicated context of the current one: work started from a request or a run but not
     * awaited by it (a background refresh) must not share its Hibernate Reactive session, which lives in the
     * context. In the calling thread when there is no context.
     */
    static Executor isolated() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run
                : task -> VertxContext.createNewDuplicatedContext(context).runOnContext(ignored -> task.run());
    }
}
