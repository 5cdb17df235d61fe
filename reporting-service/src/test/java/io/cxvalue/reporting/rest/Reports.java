package io.cxvalue.reporting.rest;

import io.cxvalue.testsupport.TestTokens;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Calls of the KPI endpoint as a test user. */
public final class Reports {

    public static final String KPIS = "/api/v1/kpis";
    /** A period covering every test's contacts, in whole months of UTC (read from the rollups). */
    public static final String ALL_FROM = "2025-01-01";
    public static final String ALL_TO = "2026-12-01";

    private Reports() {
    }

    /** GET /kpis with {@code params} (a value may be a list: the parameter is repeated), as an analyst. */
    public static ValidatableResponse kpis(Map<String, ?> params) {
        return kpis(TestTokens.withRoles(Roles.ANALYST), params);
    }

    public static ValidatableResponse kpis(String token, Map<String, ?> params) {
        RequestSpecification request = given().auth().oauth2(token);
        params.forEach((name, value) -> {
            if (value instanceof List<?> values) {
                request.queryParam(name, values.toArray());
            } else {
                request.queryParam(name, value);
            }
        });
        return request.when().get(KPIS).then();
    }

    /**
     * The team's figures for March 2025 (UTC), one row, as an analyst; the figure's value and base are at
     * {@code measures.<measure>.value} and {@code .base} (null until the team has contacts).
     */
    public static io.restassured.path.json.JsonPath march(String teamId, String measures) {
        io.restassured.path.json.JsonPath answer = kpis(Map.of("from", "2025-03-01", "to", "2025-04-01",
                "granularity", "month", "team", teamId, "measures", measures))
                .statusCode(200).extract().jsonPath()
                .using(new io.restassured.path.json.config.JsonPathConfig(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
        return answer.getList("rows").isEmpty() ? null : answer.setRootPath("rows[0]");
    }

    /** One March 2025 figure's value (null when absent or the team has no contacts). */
    public static Double marchValue(String teamId, String measure) {
        io.restassured.path.json.JsonPath row = march(teamId, measure);
        if (row == null) {
            return null;
        }
        Number value = row.get("measures." + measure + ".value");
        return value == null ? null : value.doubleValue();
    }

    /** The team's contacts over all test time (0 when it has none), asserting the call succeeds. */
    public static int contactCount(String teamId) {
        List<Float> offered = kpis(Map.of("from", ALL_FROM, "to", ALL_TO, "granularity", "month", "team", teamId,
                "measures", "contacts_offered"))
                .statusCode(200).extract().path("rows.measures.contacts_offered.value");
        return (int) offered.stream().mapToDouble(Float::doubleValue).sum();
    }
}
