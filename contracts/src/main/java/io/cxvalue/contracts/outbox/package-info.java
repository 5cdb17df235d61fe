/**
 * The parts of a transactional outbox that every service would otherwise write again: the Kafka message of an
 * {@link io.cxvalue.contracts.OutboxEvent}, the round scheduling of a relay, the PostgreSQL outbox table and the relay
 * meters. Plain classes, no CDI and no JPA: a service wires them to its own store, channel and scheduler, and a service
 * that uses none of them is not affected by them. Their libraries are optional dependencies of contracts.
 */
package io.cxvalue.contracts.outbox;
