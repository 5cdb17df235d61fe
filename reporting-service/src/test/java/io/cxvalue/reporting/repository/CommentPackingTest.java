package io.cxvalue.reporting.repository;

import io.cxvalue.reporting.voice.Comment;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A packed comment reads back as written: missing scores and names, non-ASCII terms, a contact's text. */
class CommentPackingTest {

    @Test
    void aCommentReadsBackAsWritten() {
        Comment answered = new Comment(Comment.Source.SURVEY, "resp-1", Instant.parse("2026-03-04T05:06:07.089Z"),
                "team-a", "billing", "VOICE", 2, 10, List.of("wait", "long wait", "café"),
                List.of("waited", "long wait", "Café"));
        assertEquals(answered, CommentRepository.unpack(CommentRepository.pack(answered), "team-a"));

        Comment bare = new Comment(Comment.Source.CONTACT, "int-9", Instant.parse("2026-03-04T00:00:00Z"), null,
                null, null, null, null, List.of(), List.of());
        assertEquals(bare, CommentRepository.unpack(CommentRepository.pack(bare), null));
    }
}
