package io.cxvalue.ingestion.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.ingestion.Interaction;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A stored interaction: the clean record ingestion published, and when it arrived. */
@Schema(name = "Interaction")
public record InteractionView(@JsonUnwrapped InteractionRecorded interaction, Instant receivedAt) {

    static InteractionView of(Interaction interaction) {
        return new InteractionView(interaction.record(), interaction.receivedAt());
    }
}
