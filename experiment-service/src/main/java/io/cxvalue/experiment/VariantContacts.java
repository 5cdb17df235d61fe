package io.cxvalue.experiment;

/**
 * How many contacts a variant of an experiment has handled, and from how many distinct customers.
 */
public record VariantContacts(String variant, long contacts, long customers) {
}
