package io.cxvalue.reporting.repository;

import io.cxvalue.reporting.contact.ContactDay;
import io.cxvalue.reporting.voice.Comment;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.types.Binary;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The terms of survey comments and of contacts' notes and transcripts ({@value #COLLECTION}: per team and UTC month
 * of the contact, under {@code c}, one entry per answer or interaction in a field named by a hash of its id:
 * {@link TeamMonthEntries}; each entry packed in one binary value, see {@link #pack}). A comment is written by the
 * cell updates whenever its contact changes, a contact's text when the interaction arrives; each write sets the
 * entry's whole present state, so writing again changes nothing. Read by team-month, one at a time, for the voice of
 * the customer. Terms only: the text stays in ingestion, and no customer id is kept here.
 */
@ApplicationScoped
public class CommentRepository {

    static final String COLLECTION = "comment_months";
    /** The format bytes of a packed comment: without the contact's sentiment (written before it was kept), with. */
    private static final byte PACKED = 1;
    private static final byte PACKED_WITH_SENTIMENT = 2;
    /** A missing string in a packed comment. */
    private static final String NONE = "\0";

    private final ReactiveMongoCollection<Document> collection;

    CommentRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** Records the present state of each comment, by the team of its contact: one update per team-month. */
    public Uni<Void> write(Collection<Comment> comments) {
        List<TeamMonthEntries.Entry> entries = new ArrayList<>();
        comments.forEach(c -> entries.add(new TeamMonthEntries.Entry(c.teamId(), c.contactStartedAt(),
                c.id(), new Binary(pack(c)))));
        return TeamMonthEntries.set(collection, "c", entries);
    }

    /** Drops the terms of the erased contacts' notes, transcripts and survey comments. */
    public Uni<Void> forget(Collection<ContactRepository.ErasedContact> contacts) {
        List<TeamMonthEntries.Removal> removals = new ArrayList<>();
        for (ContactRepository.ErasedContact c : contacts) {
            if (c.startedAt() != null) {
                List<String> ids = new ArrayList<>(c.responseIds());
                ids.add(c.interactionId());
                removals.add(new TeamMonthEntries.Removal(ContactDay.of(c.teamId(), c.startedAt()).teamId(),
                        c.startedAt(), ids));
            }
        }
        return TeamMonthEntries.unset(collection, "c", removals);
    }

    /**
     * Hands each comment of {@code teams}' contacts in the UTC months {@code months} to {@code consumer}, one
     * team-month at a time on a worker thread (a year of a large centre's comments is never held at once).
     */
    public Uni<Void> each(Collection<String> teams, Collection<YearMonth> months, Consumer<Comment> consumer) {
        return TeamMonthEntries.each(collection, "c", teams, months, f -> consumer.accept(comment(f.content(),
                ContactDay.NO_TEAM.equals(f.team()) ? null : f.team())));
    }

    /**
     * A comment packed in one binary value (big-endian): a format byte, the source's ordinal, the contact's start
     * (epoch milliseconds), CSAT and NPS (-1 for none), the contact's sentiment (NaN for none; not in format 1), the
     * id, reason and channel (modified UTF-8, "\0" for none), the number of terms and each term's key and label.
     * One value instead of a sub-document of lists: reading a year of comments costs a fraction of the decoding.
     */
    static byte[] pack(Comment c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 24 * c.keys().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(PACKED_WITH_SENTIMENT);
            out.writeByte(c.source().ordinal());
            out.writeLong(c.contactStartedAt().toEpochMilli());
            out.writeByte(c.csat() == null ? -1 : c.csat());
            out.writeByte(c.nps() == null ? -1 : c.nps());
            out.writeDouble(c.sentiment() == null ? Double.NaN : c.sentiment());
            writeNullable(out, c.id());
            writeNullable(out, c.contactReason());
            writeNullable(out, c.channel());
            out.writeShort(c.keys().size());
            for (int i = 0; i < c.keys().size(); i++) {
                out.writeUTF(c.keys().get(i));
                out.writeUTF(c.labels().get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Comment unpack(byte[] packed, String team) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed))) {
            byte format = in.readByte();
            if (format != PACKED && format != PACKED_WITH_SENTIMENT) {
                throw new IllegalStateException("not a packed comment");
            }
            Comment.Source source = Comment.Source.values()[in.readByte()];
            Instant startedAt = Instant.ofEpochMilli(in.readLong());
            int csat = in.readByte();
            int nps = in.readByte();
            double sentiment = format == PACKED_WITH_SENTIMENT ? in.readDouble() : Double.NaN;
            String id = readNullable(in);
            String reason = readNullable(in);
            String channel = readNullable(in);
            int terms = in.readShort();
            List<String> keys = new ArrayList<>(terms);
            List<String> labels = new ArrayList<>(terms);
            for (int i = 0; i < terms; i++) {
                keys.add(in.readUTF());
                labels.add(in.readUTF());
            }
            return new Comment(source, id, startedAt, team, reason, channel, csat < 0 ? null : csat,
                    nps < 0 ? null : nps, Double.isNaN(sentiment) ? null : sentiment, keys, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeUTF(value == null ? NONE : value);
    }

    private static String readNullable(DataInputStream in) throws IOException {
        String value = in.readUTF();
        return NONE.equals(value) ? null : value;
    }

    private static Comment comment(Object content, String team) {
        if (content instanceof Binary packed) {
            return unpack(packed.getData(), team);
        }
        // Written before comments were packed.
        Document e = (Document) content;
        String source = e.getString("s");
        return new Comment(source == null ? Comment.Source.SURVEY : Comment.Source.valueOf(source), e.getString("i"),
                e.getDate("t").toInstant(), team, e.getString("r"), e.getString("ch"),
                e.getInteger("q"), e.getInteger("n"), null, e.getList("k", String.class),
                e.getList("l", String.class));
    }
}
