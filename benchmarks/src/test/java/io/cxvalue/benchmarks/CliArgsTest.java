package io.cxvalue.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CliArgsTest {

    private static Map<String, String> read(String... args) {
        Map<String, String> seen = new LinkedHashMap<>();
        CliArgs.parse(args, flag -> {
            if (flag.equals("--flag")) {
                seen.put(flag, "");
                return true;
            }
            return false;
        }, (name, value) -> {
            if (name.equals("--n")) {
                seen.put(name, Long.toString(CliArgs.positive(name, Long.parseLong(value))));
                return true;
            }
            if (name.equals("--s")) {
                seen.put(name, value);
                return true;
            }
            return false;
        });
        return seen;
    }

    @Test
    void readsBothStylesAndFlags() {
        assertEquals(Map.of("--n", "3", "--s", "a=b", "--flag", ""), read("--n", "3", "--flag", "--s=a=b"));
    }

    @Test
    void reportsWrongOptionsWithTheirMessages() {
        assertEquals("", assertThrows(IllegalArgumentException.class, () -> read("-h")).getMessage());
        assertEquals("", assertThrows(IllegalArgumentException.class, () -> read("--help")).getMessage());
        assertEquals("--n needs a value", assertThrows(IllegalArgumentException.class, () -> read("--n")).getMessage());
        assertEquals("--n: not a number: x",
                assertThrows(IllegalArgumentException.class, () -> read("--n=x")).getMessage());
        assertEquals("--n must be positive",
                assertThrows(IllegalArgumentException.class, () -> read("--n", "0")).getMessage());
        assertEquals("unknown option --what",
                assertThrows(IllegalArgumentException.class, () -> read("--what", "1")).getMessage());
    }

    @Test
    void checksValues() {
        assertEquals(0, CliArgs.notNegative("--w", 0));
        assertThrows(IllegalArgumentException.class, () -> CliArgs.notNegative("--w", -1));
        assertEquals(0.5, CliArgs.positive("--r", 0.5));
        assertThrows(IllegalArgumentException.class, () -> CliArgs.positive("--r", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CliArgs.positive("--r", Double.POSITIVE_INFINITY));
        assertEquals("http://h:1", CliArgs.baseUrl("http://h:1//"));
    }

    @Test
    void readsPhasesInTheOrderGiven() {
        List<String> all = List.of("a", "b", "c");
        assertEquals(List.of("c", "a"), List.copyOf(CliArgs.phases("c, a,", all)));
        assertEquals(all, List.copyOf(CliArgs.phases("all", all)));
        assertEquals("--phases: unknown phase 'x' (use [a, b, c])",
                assertThrows(IllegalArgumentException.class, () -> CliArgs.phases("a,x", all)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CliArgs.phases(" , ", all));
    }

    @Test
    void stackOptionsKeepTheirDefaultsAndNames() {
        BenchOptions o = BenchOptions.parse("--keycloak-url", "http://k:1/", "--realm=r", "--keep-files");
        assertEquals("http://k:1", o.keycloakUrl);
        assertEquals("r", o.realm);
        assertEquals("http://localhost:8081", o.ingestionUrl);
        assertEquals("127.0.0.1:9092", CardBenchOptions.parse().bootstrap);
    }
}
