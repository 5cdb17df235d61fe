package io.cxvalue.contracts.events;

/**
 * One identity of a customer, already normalised by ingestion (E.164 phone, lower-cased e-mail, handle per network).
 *
 * @param network the social network for {@link IdentityKind#SOCIAL}, otherwise null
 */
public record Identity(IdentityKind kind, String value, String network) {
}
