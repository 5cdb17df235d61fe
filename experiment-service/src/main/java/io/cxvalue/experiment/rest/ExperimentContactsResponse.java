package io.cxvalue.experiment.rest;

import io.cxvalue.experiment.ExperimentContacts;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "ExperimentContacts", description = "Contacts handled under each variant of an experiment")
public record ExperimentContactsResponse(
        @Schema(description = "The experiment", examples = "exp-1")
        String experimentId,
        @Schema(description = "Contacts over all variants", examples = "3")
        long total,
        @Schema(description = "One entry per variant with observations, sorted by variant name")
        List<VariantContactsResponse> variants) {

    static ExperimentContactsResponse from(ExperimentContacts contacts) {
        return new ExperimentContactsResponse(
                contacts.experimentId(),
                contacts.total(),
                contacts.variants().stream().map(VariantContactsResponse::from).toList());
    }
}
