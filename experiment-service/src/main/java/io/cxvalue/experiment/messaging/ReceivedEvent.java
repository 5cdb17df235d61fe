package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventType;

/**
 * An event read off a topic and validated against its contract.
 *
 * @param id      the CloudEvents id ({@code ce_id}): the same for every delivery of the event
 * @param type    the event type its {@code ce_type} announced
 * @param payload the parsed payload, of {@code type.payloadType()}
 */
public record ReceivedEvent(String id, EventType type, CxEvent payload) {
}
