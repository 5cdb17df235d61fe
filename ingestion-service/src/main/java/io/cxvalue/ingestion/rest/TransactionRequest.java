package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.ingestion.rest.validation.ConfiguredCurrency;
import io.cxvalue.ingestion.rest.validation.Identifier;
import io.cxvalue.ingestion.rest.validation.NotFarFuture;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;

/** A purchase, cancellation or refund as the order or billing system reports it. */
@Schema(name = "TransactionRequest", description = "A purchase, cancellation or refund; the amount is positive.")
public record TransactionRequest(
        @Schema(description = "The reporting system", examples = "billing")
        @NotBlank @Identifier String source,
        @Schema(description = "The transaction's id in the source system; (source, externalId) is unique")
        @NotBlank @Identifier String externalId,
        @Schema(description = "Ingestion's customer id; or name the customer by identities in customer")
        @Identifier String customerId,
        @Valid CustomerIdentities customer,
        @NotNull TransactionKind kind,
        @Schema(description = "Amount in the configured currency, whatever the kind: zero or more for a purchase (a "
                + "free order is a purchase), more than zero for a cancellation or refund")
        @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 4) BigDecimal amount,
        @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as EUR") @ConfiguredCurrency
        String currency,
        @Identifier String productId,
        @Schema(description = "When the transaction happened (ISO-8601 instant)")
        @NotNull @NotFarFuture Instant occurredAt,
        @Schema(description = "Ingestion's id of the interaction that made the sale, if any")
        @Identifier String originatingInteractionId,
        @Schema(description = "For a cancellation or refund: the transaction it reverses, if known")
        @Identifier String cancelsTransactionId) implements RecordRequest<TransactionRecorded> {

    /** Reported as the violation of the field {@code cancelsTransactionId}. */
    @AssertTrue(message = "only a CANCELLATION or REFUND can cancel a transaction")
    boolean isCancelsTransactionId() {
        return cancelsTransactionId == null || kind == null || kind != TransactionKind.PURCHASE;
    }

    /** Reported as the violation of the field {@code amount}. */
    @AssertTrue(message = "a cancellation or refund must have an amount greater than 0")
    boolean isAmount() {
        return amount == null || kind == null || kind == TransactionKind.PURCHASE || amount.signum() > 0;
    }

    @AssertTrue(message = "name the customer by customerId or by at least one identity in customer")
    boolean isCustomerId() {
        return customerId != null || (customer != null && !customer.isEmpty());
    }

    @Override
    public TransactionRecorded toRecord(String transactionId, String resolvedCustomerId) {
        return new TransactionRecorded(transactionId, source, externalId, resolvedCustomerId, kind, amount, currency,
                productId, occurredAt, originatingInteractionId, cancelsTransactionId);
    }
}
