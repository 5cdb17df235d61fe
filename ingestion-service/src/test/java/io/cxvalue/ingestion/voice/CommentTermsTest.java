package io.cxvalue.ingestion.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.contracts.events.CommentTerm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CommentTermsTest {

    private static Map<String, String> terms(String comment) {
        return CommentTerms.of(comment).stream()
                .collect(Collectors.toMap(CommentTerm::key, CommentTerm::label, (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void variantsOfAWordShareOneKeyAndKeepTheirLabel() {
        assertEquals(terms("Long waits again").keySet(), terms("long wait").keySet());
        assertEquals("long waits", terms("Long waits again").get("long wait"));
        assertEquals(terms("I was waiting").get("wait"), "waiting");
        assertEquals(List.of("deliveri", "late", "deliveri late"),
                List.copyOf(terms("Delivery late!").keySet()));
    }

    @Test
    void stopWordsNumbersAndLettersAreDroppedAndPairsDoNotSpanThem() {
        Map<String, String> t = terms("The agent's answer was rude, call me on 07700 900123 or at AB12 3CD");
        assertTrue(t.containsKey("agent answer"), t.toString());
        assertTrue(t.containsKey("rude"), t.toString());
        assertFalse(t.keySet().stream().anyMatch(k -> k.matches(".*\\d.*")), "no numbers: " + t);
        assertFalse(t.containsKey("answer rude"), "no pair across the removed 'was': " + t);
        assertTrue(t.containsKey("call"), t.toString());
        assertFalse(t.keySet().stream().anyMatch(k -> k.startsWith("call ")), "'call' stays alone: " + t);
    }

    @Test
    void negationsAreKept() {
        Map<String, String> t = terms("Problem not resolved, didn't help");
        assertTrue(t.containsKey("not resolv"), t.toString());
        assertTrue(t.containsKey("didn't help"), t.toString());
    }

    @Test
    void emptyCommentsHaveNoTermsAndLongOnesAreCapped() {
        assertEquals(List.of(), CommentTerms.of("   "));
        assertEquals(List.of(), CommentTerms.of("ok, thanks!"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            many.append("word").append((char) ('a' + i % 26)).append((char) ('a' + i / 26)).append(' ');
        }
        assertEquals(CommentTerms.MAX_TERMS, CommentTerms.of(many.toString()).size());
    }
}
