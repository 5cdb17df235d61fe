package io.cxvalue.reporting.repository;

import io.cxvalue.reporting.contact.ContactDay;
import io.cxvalue.reporting.voice.Comment;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * The terms of survey comments and of contacts' notes and transcripts ({@value #COLLECTION}: per team and UTC month
 * of the contact, under {@code c}, one entry per answer or interaction in a field named by a hash of its id:
 * {@link TeamMonthEntries}). A comment is written by the cell updates whenever its contact changes, a contact's text
 * when the interaction arrives; each write sets the entry's whole present state, so writing again changes nothing.
 * Read whole by team-month for the voice of the customer. Terms only: the text stays in ingestion, and no customer
 * id is kept here.
 */
@ApplicationScoped
public class CommentRepository {

    static final String COLLECTION = "comment_months";

    private final ReactiveMongoCollection<Document> collection;

    CommentRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** Records the present state of each comment, by the team of its contact: one update per team-month. */
    public Uni<Void> write(Collection<Comment> comments) {
        List<TeamMonthEntries.Entry> entries = new ArrayList<>();
        comments.forEach(c -> entries.add(new TeamMonthEntries.Entry(c.teamId(), c.contactStartedAt(),
                c.id(), entry(c))));
        return TeamMonthEntries.set(collection, "c", entries);
    }

    /** The comments of {@code teams}' contacts in the UTC months {@code months}. */
    public Uni<List<Comment>> read(Collection<String> teams, Collection<YearMonth> months) {
        return TeamMonthEntries.read(collection, "c", teams, months)
                .map(found -> found.stream().map(f -> comment(f.content(), f.team())).toList());
    }

    private static Document entry(Comment c) {
        return new Document("i", c.id()).append("s", c.source().name()).append("t", Date.from(c.contactStartedAt()))
                .append("r", c.contactReason()).append("ch", c.channel()).append("q", c.csat()).append("n", c.nps())
                .append("k", c.keys()).append("l", c.labels());
    }

    private static Comment comment(Document e, String team) {
        String source = e.getString("s");
        return new Comment(source == null ? Comment.Source.SURVEY : Comment.Source.valueOf(source), e.getString("i"),
                e.getDate("t").toInstant(),
                ContactDay.NO_TEAM.equals(team) ? null : team, e.getString("r"), e.getString("ch"),
                e.getInteger("q"), e.getInteger("n"), e.getList("k", String.class), e.getList("l", String.class));
    }
}
