package io.cxvalue.contracts.events;

/** The kinds of identity a customer can be known by. */
public enum IdentityKind {
    /** E.164 phone number. */
    PHONE,
    /** Lower-cased e-mail address. */
    EMAIL,
    /** Handle on a social network (the network is named in {@link Identity#network()}). */
    SOCIAL,
    /** Id of the customer in the CRM. */
    CRM_ID
}
