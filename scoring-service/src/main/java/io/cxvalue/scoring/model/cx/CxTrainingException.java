package io.cxvalue.scoring.model.cx;

/** The trainer refused to fit a CX model on the data given; {@link #reason()} says why, the message in words. */
public class CxTrainingException extends IllegalArgumentException {

    /** Why training was refused. */
    public enum Reason {
        /** fewer respondents than the minimum */
        TOO_FEW_RESPONDENTS,
        /** every respondent on the same side of the satisfaction threshold */
        SINGLE_CLASS,
        /** too few satisfied or not-satisfied respondents in the training or holdout part */
        TOO_FEW_IN_CLASS,
        /** the fit did not converge */
        NOT_CONVERGED
    }

    private final Reason reason;

    public CxTrainingException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
