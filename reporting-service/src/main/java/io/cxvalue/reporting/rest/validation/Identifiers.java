package io.cxvalue.reporting.rest.validation;

/** Shape of the identifiers the API accepts (the same shape ingestion accepts from channel systems). */
public final class Identifiers {

    public static final String ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:@/+\\-]*$";
    public static final String ID_MESSAGE =
            "must start with a letter or digit and contain only letters, digits and . _ : @ / + -";
    public static final int ID_MAX = 128;

    private Identifiers() {
    }
}
