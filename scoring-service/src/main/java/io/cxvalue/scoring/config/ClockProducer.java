package io.cxvalue.scoring.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The clock "now" is read from (e.g. the instant the contact history is computed as of), injected so that a test can
 * replace it with a fixed one (an alternative producer). A singleton without client proxy: {@link Clock} is a JDK class.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
