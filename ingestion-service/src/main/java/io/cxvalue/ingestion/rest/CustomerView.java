package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.events.Identity;
import io.cxvalue.ingestion.Customer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A customer as ingestion knows it. */
@Schema(name = "Customer")
public record CustomerView(
        String customerId,
        String displayName,
        Map<String, String> attributes,
        List<Identity> identities,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "Set when the customer turned out to be the same person as another one: that one's id")
        String mergedInto,
        @Schema(description = "Set when the customer's personal data was erased") Instant erasedAt) {

    static CustomerView of(Customer customer) {
        return new CustomerView(customer.customerId(), customer.displayName(), customer.attributes(),
                customer.identities(), customer.createdAt(), customer.updatedAt(), customer.mergedInto(),
                customer.erasedAt());
    }
}
