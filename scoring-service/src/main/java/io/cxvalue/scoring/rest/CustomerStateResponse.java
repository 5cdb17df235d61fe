package io.cxvalue.scoring.rest;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.scoring.ContactHistory;
import io.cxvalue.scoring.ContactLogEntry;
import io.cxvalue.scoring.CustomerState;
import io.cxvalue.scoring.SurveyHistory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A customer's state as of an instant: contact history, survey history and transaction summary inputs. */
@Schema(name = "CustomerState", description = "What scoring knows of a customer as of an instant")
public record CustomerStateResponse(
        @Schema(required = true, description = "The customer; the survivor when the id asked for was merged",
                examples = "c-1")
        String customerId,
        @Schema(required = true, description = "The instant the state is computed as of",
                examples = "2026-03-10T12:00:00Z")
        Instant asOf,
        @Schema(required = true)
        Contacts contacts,
        @Schema(required = true)
        Surveys surveys,
        @Schema(required = true)
        Transactions transactions) {

    @Schema(name = "CustomerStateContacts", description = "Contacts of the last 30 days (the lookback window)")
    public record Contacts(
            @Schema(required = true, description = "Contacts started in the last 7 days, abandoned ones included")
            long last7Days,
            @Schema(required = true, description = "Contacts started in the last 30 days, abandoned ones included")
            long last30Days,
            @Schema(description = "Start of the latest contact in the window")
            Instant lastContactAt,
            @Schema(description = "Channel of the latest contact")
            Channel lastChannel,
            @Schema(description = "Contact reason of the latest contact, when recorded")
            String lastContactReason,
            @Schema(description = "Transfers during the latest contact")
            Integer lastTransfers,
            @Schema(required = true, description = "Whether the latest handled contact was not marked resolved")
            boolean openIssue,
            @Schema(description = "The open issue's contact reason, when recorded")
            String openIssueReason,
            @Schema(required = true, description = "Two or more contacts about one reason within the repeat window "
                    + "(7 days by default)")
            boolean repeatCaller,
            @Schema(description = "The repeated contact reason")
            String repeatReason,
            @Schema(description = "The latest measured sentiment, -1 (negative) to 1 (positive)",
                    minimum = "-1", maximum = "1")
            Double lastSentiment) {

        static Contacts of(ContactHistory history) {
            ContactLogEntry last = history.lastContact();
            return new Contacts(history.contactsLast7Days(), history.contactsLast30Days(),
                    last == null ? null : last.startedAt(),
                    last == null ? null : last.channel(),
                    last == null ? null : last.contactReason(),
                    last == null ? null : last.transfers(),
                    history.openIssue(), history.openIssueReason(),
                    history.repeatCaller(), history.repeatReason(),
                    history.lastSentiment());
        }
    }

    @Schema(name = "CustomerStateSurveys", description = "The latest answer to each survey question")
    public record Surveys(
            @Schema(required = true, description = "Survey responses so far")
            long responses,
            @Schema(description = "Latest CSAT answer, 1-5", minimum = "1", maximum = "5")
            Integer lastCsat,
            @Schema(description = "When the latest CSAT answer was given")
            Instant lastCsatAt,
            @Schema(description = "Latest NPS answer, 0-10", minimum = "0", maximum = "10")
            Integer lastNps,
            @Schema(description = "Category of the latest NPS answer: promoter 9-10, passive 7-8, detractor 0-6")
            SurveyHistory.NpsCategory npsCategory,
            @Schema(description = "Latest customer-effort answer, 1-7", minimum = "1", maximum = "7")
            Integer lastCes,
            @Schema(description = "Latest felt-valued answer, 1-5", minimum = "1", maximum = "5")
            Integer lastFeltValued) {

        static Surveys of(SurveyHistory history) {
            return new Surveys(history.responses(), history.lastCsat(), history.lastCsatAt(), history.lastNps(),
                    history.npsCategory(), history.lastCes(), history.lastFeltValued());
        }
    }

    @Schema(name = "CustomerStateTransactions",
            description = "The inputs of the CLV transaction summary: same-day purchases are one transaction day; "
                    + "cancellations and refunds are netted against the purchase day they reverse")
    public record Transactions(
            @Schema(required = true) long purchases,
            @Schema(required = true) long cancellations,
            @Schema(required = true) long refunds,
            @Schema(description = "Time of the latest purchase")
            Instant lastPurchaseAt,
            @Schema(required = true, description = "Transaction days left after cancellations and refunds")
            int transactionDays,
            @Schema(required = true, description = "Transaction days after the first")
            int repeatTransactionDays,
            @Schema(description = "The first transaction day")
            LocalDate firstTransactionDay,
            @Schema(description = "The latest transaction day")
            LocalDate lastTransactionDay,
            @Schema(required = true, description = "Sum of the days' net values")
            BigDecimal netValue,
            @Schema(required = true, description = "The transaction days, oldest first")
            List<Day> days) {

        static Transactions of(CustomerState.TransactionSummary summary) {
            return new Transactions(summary.purchases(), summary.cancellations(), summary.refunds(),
                    summary.lastPurchaseAt(), summary.days().size(), summary.repeatDays(), summary.firstDay(),
                    summary.lastDay(), summary.netValue(),
                    summary.days().stream().map(d -> new Day(d.day(), d.netAmount())).toList());
        }
    }

    @Schema(name = "CustomerStateTransactionDay")
    public record Day(
            @Schema(required = true) LocalDate day,
            @Schema(required = true, description = "The day's purchases less what was cancelled or refunded of them")
            BigDecimal netAmount) {
    }

    static CustomerStateResponse of(CustomerState state) {
        return new CustomerStateResponse(state.customerId(), state.asOf(), Contacts.of(state.contacts()),
                Surveys.of(state.surveys()), Transactions.of(state.transactions()));
    }
}
