package io.cxvalue.scoring.model.value;

/**
 * A contact experience a customer may have had in the period analysed: each is a yes/no per customer (had at least
 * one such contact), and each is a candidate driver of what the customer does next.
 */
public enum Experience {

    UNRESOLVED("an unresolved contact", "the agent recorded the contact as not resolved"),
    REPEAT_CONTACT("a repeat contact", "a contact within the repeat window of the customer's previous one"),
    TRANSFERRED("a transferred contact", "a contact transferred at least once"),
    LONG_WAIT("a long wait", "a contact that queued at least the long-wait threshold"),
    ABANDONED("an abandoned contact", "a contact the customer abandoned before it was answered"),
    NEGATIVE_SENTIMENT("a contact with negative sentiment", "a contact whose sentiment was below the threshold"),
    LOW_CSAT("a low CSAT answer", "a CSAT answer at or below the low-CSAT threshold about one of the contacts");

    private final String phrase;
    private final String definition;

    Experience(String phrase, String definition) {
        this.phrase = phrase;
        this.definition = definition;
    }

    /** How a sentence names it: "customers with an unresolved contact". */
    public String phrase() {
        return phrase;
    }

    /** What counts, in words. */
    public String definition() {
        return definition;
    }
}
