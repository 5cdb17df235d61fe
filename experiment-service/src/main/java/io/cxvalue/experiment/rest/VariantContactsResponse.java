package io.cxvalue.experiment.rest;

import io.cxvalue.experiment.VariantContacts;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "VariantContacts", description = "Contacts handled under one variant")
public record VariantContactsResponse(
        @Schema(description = "The variant", examples = "unlimited-time")
        String variant,
        @Schema(description = "Contacts handled under the variant", examples = "2")
        long contacts,
        @Schema(description = "Distinct customers among those contacts", examples = "2")
        long customers) {

    static VariantContactsResponse from(VariantContacts contacts) {
        return new VariantContactsResponse(contacts.variant(), contacts.contacts(), contacts.customers());
    }
}
