package io.cxvalue.scoring.rest;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.scoring.CustomerContactSummary;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** A customer's contact history in figures. */
@Schema(name = "CustomerContacts", description = "How often, when and on which channels a customer has contacted us")
public record CustomerContactsResponse(
        @Schema(required = true, examples = "c-1")
        String customerId,
        @Schema(required = true, description = "All recorded contacts, abandoned ones included", examples = "3")
        long contacts,
        @Schema(required = true, description = "Contacts the customer abandoned before being served", examples = "0")
        long abandonedContacts,
        @Schema(required = true, description = "Contacts per channel; channels never used are absent")
        Map<Channel, Long> byChannel,
        @Schema(required = true, description = "Start of the earliest contact", examples = "2026-01-05T09:12:00Z")
        Instant firstContactAt,
        @Schema(required = true, description = "Start of the most recent contact", examples = "2026-03-02T16:40:00Z")
        Instant lastContactAt,
        @Schema(required = true, description = "Channel of the most recent contact")
        Channel lastChannel,
        @Schema(description = "Contact reason of the most recent contact, when recorded", examples = "billing")
        String lastContactReason,
        @Schema(description = "Sentiment of the most recent contact from -1 (negative) to 1 (positive), when measured",
                minimum = "-1", maximum = "1", examples = "-0.4")
        Double lastSentiment) {

    static CustomerContactsResponse of(CustomerContactSummary summary) {
        return new CustomerContactsResponse(
                summary.customerId(),
                summary.contacts(),
                summary.abandonedContacts(),
                summary.contactsByChannel(),
                summary.firstContactAt(),
                summary.lastContactAt(),
                summary.lastChannel(),
                summary.lastContactReason(),
                summary.lastSentiment());
    }
}
