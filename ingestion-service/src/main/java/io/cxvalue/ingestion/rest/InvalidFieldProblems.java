package io.cxvalue.ingestion.rest;

import io.cxvalue.support.rest.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** An identity (or another field checked after Bean Validation) that cannot be read: 400 naming the field. */
public class InvalidFieldProblems {

    @ServerExceptionMapper
    public Response invalidField(FieldViolation.InvalidFieldException cause, UriInfo uriInfo) {
        return HttpProblem.builder(cause.violation().toProblem("A field of the body cannot be read"))
                .withInstance(Problems.instance(uriInfo))
                .build().toResponse();
    }
}
