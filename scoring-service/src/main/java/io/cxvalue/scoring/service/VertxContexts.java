package io.cxvalue.scoring.service;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.Executor;

/** Getting back to the caller's Vert.x context after work on a worker thread. */
final class VertxContexts {

    private VertxContexts() {
    }

    /**
     * Runs tasks on the current Vert.x context (where the Hibernate Reactive session may be used again), or in the
     * calling thread when there is none.
     */
    static Executor current() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }
}
