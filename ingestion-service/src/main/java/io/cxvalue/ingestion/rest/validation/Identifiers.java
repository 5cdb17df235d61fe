package io.cxvalue.ingestion.rest.validation;

/** Shapes of the identifiers the API accepts. */
public final class Identifiers {

    /** Ids from channel systems: letters, digits and a few separators; no spaces or control characters. */
    public static final String ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:@/+\\-]*$";
    public static final String ID_MESSAGE = "must start with a letter or digit and contain only letters, digits and . _ : @ / + -";
    public static final int ID_MAX = 128;

    private Identifiers() {
    }
}
