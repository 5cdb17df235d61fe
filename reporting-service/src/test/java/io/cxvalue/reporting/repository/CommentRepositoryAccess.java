package io.cxvalue.reporting.repository;

import io.cxvalue.reporting.voice.Comment;
import org.bson.types.Binary;

/** Reads a packed comment entry as stored, for tests outside the repository package that check the store itself. */
public final class CommentRepositoryAccess {

    private CommentRepositoryAccess() {
    }

    public static Comment unpack(Object entry, String team) {
        return CommentRepository.unpack(((Binary) entry).getData(), team);
    }
}
