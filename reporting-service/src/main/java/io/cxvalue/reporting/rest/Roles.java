package io.cxvalue.reporting.rest;

/** Realm roles of the cx-value realm that this service's endpoints admit. */
public final class Roles {

    public static final String MANAGER = "manager";
    public static final String ANALYST = "analyst";

    private Roles() {
    }
}
