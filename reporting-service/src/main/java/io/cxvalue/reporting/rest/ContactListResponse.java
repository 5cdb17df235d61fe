package io.cxvalue.reporting.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cxvalue.reporting.contact.ContactFact;
import io.cxvalue.reporting.contact.ContactRecord;
import io.cxvalue.reporting.kpi.IssueChains;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One page of the contacts behind a figure, in the order they started. */
@Schema(description = "The contacts behind a figure, one page, in start order")
public record ContactListResponse(Instant from, Instant to, Map<String, List<String>> filters,
        KpiResponse.Page page, List<Contact> contacts) implements CsvExport {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A contact and what arrived about it")
    public record Contact(String interactionId, String customerId, Instant startedAt, String teamId, String agentId,
            String channel, String direction, String reason, String departmentId, String campaign,
            boolean abandoned, Integer queueSeconds, Integer handleSeconds, Integer talkSeconds, Integer holdSeconds,
            Integer afterWorkSeconds, int transfers, Boolean resolved,
            @Schema(description = "OPENED (first contact of an issue) or REPEAT; absent when abandoned")
            String issueRole,
            @Schema(description = "For the contact that opened an issue: its touchpoints so far")
            Integer issueTouchpoints,
            List<ContactRecord.Survey> surveys, List<Double> qualityScores, Boolean saleOffered,
            Boolean saleAccepted, Double saleAmount, String saleCurrency, Integer saleCancellations) {

        static Contact of(ContactRecord r) {
            ContactFact f = r.fact();
            IssueChains.Role role = r.issue();
            return new Contact(f.interactionId(), f.customerId(), f.startedAt(), f.teamId(), f.agentId(),
                    f.channel().name(), f.direction().name(), f.contactReason(), f.departmentId(), f.campaign(),
                    f.abandoned(), f.queueSeconds(), f.abandoned() ? null : f.handleSeconds(), f.talkSeconds(),
                    f.holdSeconds(), f.afterWorkSeconds(), f.transfers(), f.resolved(),
                    role == null ? null : role.repeat() ? "REPEAT" : "OPENED",
                    role == null || role.opened() == null ? null : role.opened().touchpoints(),
                    r.surveys(), r.evaluations().stream().map(ContactRecord.Evaluation::score).toList(),
                    f.saleOffered() ? Boolean.TRUE : null, f.saleAccepted() ? Boolean.TRUE : null, f.saleAmount(),
                    f.saleCurrency(), r.cancellations().isEmpty() ? null : r.cancellations().size());
        }
    }

    private static final List<String> HEADER = List.of("interactionId", "customerId", "startedAt", "teamId",
            "agentId", "channel", "direction", "reason", "departmentId", "campaign", "abandoned", "queueSeconds",
            "handleSeconds", "talkSeconds", "holdSeconds", "afterWorkSeconds", "transfers", "resolved", "issueRole",
            "csat", "nps", "ces", "feltValued", "qualityScore", "saleAccepted", "saleAmount", "saleCurrency",
            "saleCancellations");

    @Override
    public List<String> csvHeader() {
        return HEADER;
    }

    /** One line per contact; a contact's survey answers and evaluations are averaged into its line. */
    @Override
    public List<List<String>> csvRows() {
        List<List<String>> out = new ArrayList<>();
        for (Contact c : contacts) {
            out.add(java.util.Arrays.asList(c.interactionId(), c.customerId(), str(c.startedAt()), c.teamId(),
                    c.agentId(), c.channel(), c.direction(), c.reason(), c.departmentId(), c.campaign(),
                    String.valueOf(c.abandoned()), str(c.queueSeconds()), str(c.handleSeconds()),
                    str(c.talkSeconds()), str(c.holdSeconds()), str(c.afterWorkSeconds()), str(c.transfers()),
                    str(c.resolved()), c.issueRole(),
                    mean(c.surveys().stream().map(ContactRecord.Survey::csat).toList()),
                    mean(c.surveys().stream().map(ContactRecord.Survey::nps).toList()),
                    mean(c.surveys().stream().map(ContactRecord.Survey::ces).toList()),
                    mean(c.surveys().stream().map(ContactRecord.Survey::feltValued).toList()),
                    mean(c.qualityScores()), str(c.saleAccepted()), str(c.saleAmount()), c.saleCurrency(),
                    str(c.saleCancellations())));
        }
        return out;
    }

    @Override
    public Map<String, String> csvMetadata() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cx-Total-Rows", String.valueOf(page.totalRows()));
        return headers;
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    private static String mean(List<? extends Number> values) {
        double sum = 0;
        int n = 0;
        for (Number v : values) {
            if (v != null) {
                sum += v.doubleValue();
                n++;
            }
        }
        return n == 0 ? null : KpiResponse.number(sum / n);
    }
}
