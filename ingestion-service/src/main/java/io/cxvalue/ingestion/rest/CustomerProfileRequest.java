package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.contracts.events.Identity;
import io.cxvalue.ingestion.CustomerProfile;
import io.cxvalue.ingestion.rest.CustomerIdentities.SocialHandle;
import io.cxvalue.ingestion.rest.validation.Identifier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A customer profile from a CRM: who the customer is and every identity the CRM knows for them. */
@Schema(name = "CustomerProfileRequest", description = "A customer profile; (source, externalId) is unique and a "
        + "resubmission replaces the display name and attributes and links any new identities.")
public record CustomerProfileRequest(
        @Schema(description = "The reporting system", examples = "crm")
        @NotBlank @Identifier String source,
        @Schema(description = "The customer's record id in the source system")
        @NotBlank @Identifier String externalId,
        @Schema(description = "Ingestion's customer id, when the CRM has it")
        @Identifier String customerId,
        @Schema(description = "How agents address the customer") @Size(max = 200) String displayName,
        @Schema(description = "Free profile attributes (segment, region, ...); no personal data")
        @Size(max = 100) Map<String, String> attributes,
        @Valid ProfileIdentities identities) {

    private static final java.util.regex.Pattern ATTRIBUTE_NAME =
            java.util.regex.Pattern.compile("^[A-Za-z][A-Za-z0-9_.-]{0,63}$");

    /** Every identity of the customer the CRM knows, in whatever format it has them. */
    @Schema(name = "ProfileIdentities")
    public record ProfileIdentities(
            @Size(max = 20) List<@NotBlank @Size(max = 64) String> phones,
            @Size(max = 20) List<@NotBlank @Size(max = 254) String> emails,
            @Size(max = 20) List<@NotBlank @Size(max = 128) String> crmIds,
            @Size(max = 20) List<@NotNull @Valid SocialHandle> social) {

        boolean isEmpty() {
            return isEmpty(phones) && isEmpty(emails) && isEmpty(crmIds) && isEmpty(social);
        }

        private static boolean isEmpty(List<?> list) {
            return list == null || list.isEmpty();
        }
    }

    /** Reported as the violation of the field {@code attributes}, whichever entry is wrong. */
    @AssertTrue(message = "names must be 1 to 64 letters, digits, '_', '.' or '-' starting with a letter; values "
            + "strings of at most 500 characters")
    boolean isAttributes() {
        return attributes == null || attributes.entrySet().stream().allMatch(entry ->
                ATTRIBUTE_NAME.matcher(entry.getKey()).matches()
                        && entry.getValue() != null && entry.getValue().length() <= 500);
    }

    @AssertTrue(message = "name the customer by customerId or by at least one identity in identities")
    boolean isCustomerId() {
        return customerId != null || (identities != null && !identities.isEmpty());
    }

    /**
     * The profile with its identities normalised.
     *
     * @throws FieldViolation.InvalidFieldException naming the field of an identity that cannot be read
     */
    CustomerProfile toProfile(IdentityNormalizer normalizer) {
        List<Identity> normalised = new ArrayList<>();
        if (identities != null) {
            each(identities.crmIds(), "identities.crmIds", normalizer::crmId, normalised);
            each(identities.emails(), "identities.emails", normalizer::email, normalised);
            each(identities.phones(), "identities.phones", normalizer::phone, normalised);
            List<SocialHandle> handles = identities.social() == null ? List.of() : identities.social();
            for (int i = 0; i < handles.size(); i++) {
                SocialHandle handle = handles.get(i);
                normalised.add(CustomerIdentities.field("identities.social[" + i + "].handle",
                        () -> normalizer.social(handle.network(), handle.handle())));
            }
        }
        return new CustomerProfile(source, externalId, customerId, displayName, attributes, normalised);
    }

    private static void each(List<String> values, String field, java.util.function.Function<String, Identity> read,
            List<Identity> into) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            into.add(CustomerIdentities.field(field + "[" + i + "]", () -> read.apply(value)));
        }
    }
}
