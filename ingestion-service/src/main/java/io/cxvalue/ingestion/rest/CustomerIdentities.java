package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.contracts.events.Identity;
import io.cxvalue.contracts.identity.IdentityNormalizer.InvalidIdentityException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Identities a record may name its customer by, in whatever format the source system has them; ingestion
 * normalises them and finds (or creates, or merges) the customer they belong to.
 */
@Schema(name = "CustomerIdentities")
public record CustomerIdentities(
        @Schema(description = "Phone number in any format; national numbers are read in the configured region",
                examples = "+44 7700 900123")
        @Size(max = 64) String phone,
        @Size(max = 254) String email,
        @Schema(description = "The customer's id in the CRM") @Size(max = 128) String crmId,
        @Valid SocialHandle social) {

    /** A handle on a social network, e.g. {"network": "x", "handle": "@ada"}. */
    @Schema(name = "SocialHandle")
    public record SocialHandle(@NotBlank @Size(max = 32) String network, @NotBlank @Size(max = 101) String handle) {
    }

    boolean isEmpty() {
        return phone == null && email == null && crmId == null && social == null;
    }

    /**
     * The identities in canonical form.
     *
     * @throws FieldViolation.InvalidFieldException naming the field when an identity cannot be normalised
     */
    List<Identity> normalise(IdentityNormalizer normalizer) {
        List<Identity> identities = new ArrayList<>();
        if (crmId != null) {
            identities.add(field("customer.crmId", () -> normalizer.crmId(crmId)));
        }
        if (email != null) {
            identities.add(field("customer.email", () -> normalizer.email(email)));
        }
        if (phone != null) {
            identities.add(field("customer.phone", () -> normalizer.phone(phone)));
        }
        if (social != null) {
            identities.add(field("customer.social.handle", () -> normalizer.social(social.network(), social.handle())));
        }
        return identities;
    }

    static Identity field(String field, Supplier<Identity> normalise) {
        try {
            return normalise.get();
        } catch (InvalidIdentityException e) {
            throw new FieldViolation.InvalidFieldException(new FieldViolation(field, e.getMessage()));
        }
    }
}
