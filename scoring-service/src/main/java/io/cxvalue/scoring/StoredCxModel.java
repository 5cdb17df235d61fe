package io.cxvalue.scoring;

import io.cxvalue.scoring.model.cx.CxModel;

/**
 * An inferred-CX model as stored.
 *
 * @param model  the trained model with its report
 * @param active whether it is the model customers' CX scores are inferred with
 */
public record StoredCxModel(CxModel model, boolean active) {
}
