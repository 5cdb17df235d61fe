package io.cxvalue.contracts.events;

/**
 * A term of a survey comment: one word or two adjacent ones, stop words and numbers left out.
 *
 * @param key   the stemmed, lower-case form that groups its variants ("long wait" for "long wait", "long waits" and
 *              "long waiting")
 * @param label the words as written, lower-case ("long waits")
 */
public record CommentTerm(String key, String label) {
}
