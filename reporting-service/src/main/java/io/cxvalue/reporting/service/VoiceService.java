package io.cxvalue.reporting.service;

import io.cxvalue.reporting.repository.CommentRepository;
import io.cxvalue.reporting.voice.Comment;
import io.cxvalue.reporting.voice.VoiceAnalysis;
import io.cxvalue.reporting.voice.VoiceReport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The voice of the customer: the terms of the survey comments and contact notes and transcripts of some teams'
 * contacts in a period and the period of the same length before it ({@link CommentRepository}, whole team-months,
 * one at a time), tallied in one pass by {@link VoiceAnalysis}.
 */
@ApplicationScoped
public class VoiceService {

    private final CommentRepository comments;

    VoiceService(CommentRepository comments) {
        this.comments = comments;
    }

    /**
     * @param contactReasons only comments about contacts with these reasons; all when empty
     * @param sources        only texts from these sources
     */
    public Uni<VoiceReport> analyse(Set<String> teams, Set<String> contactReasons, Set<Comment.Source> sources,
            Instant from, Instant to, ZoneId zone, VoiceAnalysis.Options options) {
        Instant previousFrom = from.minus(Duration.between(from, to));
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(previousFrom.atZone(ZoneOffset.UTC));
                !m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(to.minusNanos(1));
                m = m.plusMonths(1)) {
            months.add(m);
        }
        VoiceAnalysis.Tallies tallies = new VoiceAnalysis.Tallies(from, to, zone);
        return comments.each(teams, months, c -> {
            if (!sources.contains(c.source())
                    || !contactReasons.isEmpty() && !contactReasons.contains(c.contactReason())) {
                return;
            }
            Instant at = c.contactStartedAt();
            if (!at.isBefore(from) && at.isBefore(to)) {
                tallies.add(c);
            } else if (!at.isBefore(previousFrom) && at.isBefore(from)) {
                tallies.addPrevious(c);
            }
        }).map(done -> tallies.report(options));
    }
}
