package io.cxvalue.contracts.events;

/** The channel an interaction took place on. */
public enum Channel {
    VOICE, CHAT, EMAIL, SOCIAL, WEB, SMS, IN_PERSON
}
