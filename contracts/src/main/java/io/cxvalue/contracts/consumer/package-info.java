/**
 * The consumer skeleton every service's batch consumers share ({@link io.cxvalue.contracts.consumer.PollConsumer}).
 * Like the outbox package it needs Mutiny, the Reactive Messaging API and Micrometer, which reach contracts only as
 * optional dependencies: a service that uses it has them itself.
 */
package io.cxvalue.contracts.consumer;
