package io.cxvalue.ingestion.rest;

import io.cxvalue.support.rest.Problems;
import io.cxvalue.ingestion.service.CustomerResolver;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * An identity (or another field checked after Bean Validation) that cannot be read, or a customer id that names an
 * erased customer: 400 naming the field.
 */
public class InvalidFieldProblems {

    @ServerExceptionMapper
    public Response erasedCustomer(CustomerResolver.ErasedCustomerException cause, UriInfo uriInfo) {
        return HttpProblem.builder(FieldViolation.erasedCustomer().toProblem("The record names an erased customer"))
                .withInstance(Problems.instance(uriInfo))
                .build().toResponse();
    }

    @ServerExceptionMapper
    public Response invalidField(FieldViolation.InvalidFieldException cause, UriInfo uriInfo) {
        return HttpProblem.builder(cause.violation().toProblem("A field of the body cannot be read"))
                .withInstance(Problems.instance(uriInfo))
                .build().toResponse();
    }
}
