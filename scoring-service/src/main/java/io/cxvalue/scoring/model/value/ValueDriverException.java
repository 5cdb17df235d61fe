package io.cxvalue.scoring.model.value;

/** The data do not allow the value-driver models; {@link #reason()} says why. */
public final class ValueDriverException extends Exception {

    /** Why. */
    public enum Reason {
        /** Fewer customers in the analysis than the minimum. */
        TOO_FEW_CUSTOMERS,
        /** Too few customers who bought again, or who did not. */
        TOO_FEW_IN_CLASS,
        /** The retention model has no unique fit (collinear columns or separated outcomes). */
        NOT_IDENTIFIABLE,
        /** The retention fit did not converge. */
        NOT_CONVERGED
    }

    private final Reason reason;

    public ValueDriverException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
