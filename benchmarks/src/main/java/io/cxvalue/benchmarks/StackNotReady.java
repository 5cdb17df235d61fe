package io.cxvalue.benchmarks;

/** The stack (a service, Keycloak, the seed) is not there: exit code 2 rather than a failed measurement. */
final class StackNotReady extends Exception {
    StackNotReady(String message) {
        super(message);
    }
}
