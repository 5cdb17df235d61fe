package io.cxvalue.reporting.repository;

import io.cxvalue.reporting.voice.Comment;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A packed comment reads back as written: missing scores and names, non-ASCII terms, a contact's text; and one packed
 * before the contact's sentiment was kept still reads, without it.
 */
class CommentPackingTest {

    @Test
    void aCommentReadsBackAsWritten() {
        Comment answered = new Comment(Comment.Source.SURVEY, "resp-1", Instant.parse("2026-03-04T05:06:07.089Z"),
                "team-a", "billing", "VOICE", 2, 10, -0.45, List.of("wait", "long wait", "café"),
                List.of("waited", "long wait", "Café"));
        assertEquals(answered, CommentRepository.unpack(CommentRepository.pack(answered), "team-a"));

        Comment bare = new Comment(Comment.Source.CONTACT, "int-9", Instant.parse("2026-03-04T00:00:00Z"), null,
                null, null, null, null, null, List.of(), List.of());
        assertEquals(bare, CommentRepository.unpack(CommentRepository.pack(bare), null));
    }

    @Test
    void aCommentPackedWithoutSentimentReadsWithNone() throws IOException {
        // Format 1, as written before the contact's sentiment was kept: no sentiment after the scores.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeByte(Comment.Source.SURVEY.ordinal());
            out.writeLong(Instant.parse("2026-03-04T05:06:07Z").toEpochMilli());
            out.writeByte(4);
            out.writeByte(-1);
            out.writeUTF("resp-2");
            out.writeUTF("delivery");
            out.writeUTF("CHAT");
            out.writeShort(1);
            out.writeUTF("late");
            out.writeUTF("late");
        }
        assertEquals(new Comment(Comment.Source.SURVEY, "resp-2", Instant.parse("2026-03-04T05:06:07Z"), "team-b",
                "delivery", "CHAT", 4, null, null, List.of("late"), List.of("late")),
                CommentRepository.unpack(bytes.toByteArray(), "team-b"));
    }
}
