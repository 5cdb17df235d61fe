package io.cxvalue.contracts;

/** A record that cannot be parsed into the event its headers announce: it belongs on a dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
