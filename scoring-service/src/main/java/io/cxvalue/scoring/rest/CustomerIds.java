package io.cxvalue.scoring.rest;

/** The shape of a customer id in a request (the same as the ids the contracts carry). */
final class CustomerIds {

    static final int MAX_LENGTH = 128;
    static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:@/+\\-]*$";
    static final String MESSAGE = "must start with a letter or digit and contain only letters, digits and . _ : @ / + -";

    private CustomerIds() {
    }
}
