package tradeoffs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tradeoffs.io.Json;
import tradeoffs.sweep.kind.SimulatePointRunner;
import tradeoffs.sweep.kind.TheoryPointRunner;

class SweepConfigTest {
    static SweepConfig parse(String json) throws Exception {
        return SweepConfig.of(
                Json.MAPPER.readTree(json),
                new PointRunners()
                        .register(new TheoryPointRunner())
                        .register(new SimulatePointRunner())
                        .asMap());
    }

    @Test
    void gridOrderIsModelThenEtaTestThenNormThenEpsThenKind() throws Exception {
        SweepConfig c = parse(
                "{\"kinds\": [\"theory\", \"simulate\"], \"norms\": [\"l1\", \"linf\"], \"eps\": \"0:0.3:0.1\","
                        + " \"eta_test\": [0, -0.5], \"model\": {\"sigma_spurious\": [0.5, 2.0], \"eta\": [0.3, 0.6]}}");
        List<SweepPoint> points = c.points();
        // 2 σ_s × 2 η × 2 η′ × 2 norms × 4 ε × 2 kinds
        assertEquals(2 * 2 * 2 * 2 * 4 * 2, points.size());
        for (int i = 0; i < points.size(); i++) {
            assertEquals(i, points.get(i).index());
        }
        // decimal grid: exactly 0.3, not 0.30000000000000004
        assertEquals(
                List.of(0.0, 0.1, 0.2, 0.3),
                List.of(
                        points.get(0).eps(),
                        points.get(2).eps(),
                        points.get(4).eps(),
                        points.get(6).eps()));
        // the kind varies fastest, then eps, norm, eta_test; model parameters slowest (last key fastest)
        assertEquals("theory", points.get(0).kind());
        assertEquals("simulate", points.get(1).kind());
        assertEquals("linf", points.get(8).parameters().get("norm"));
        assertEquals(-0.5, points.get(16).etaTest());
        assertEquals(0.6, points.get(32).parameters().get("eta"));
        assertEquals(2.0, points.get(64).parameters().get("sigma_spurious"));
        assertEquals("p000064", points.get(64).id());
    }

    @Test
    void shardsPartitionTheGrid() throws Exception {
        SweepConfig c = parse("{\"eps\": \"0:1:0.1\", \"model\": {\"noise\": [0.1, 0.5, 1.0]}}");
        int total = c.points().size();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Shard s = new Shard(i, 4);
            List<Integer> mine = new ArrayList<>();
            for (SweepPoint p : c.points()) {
                if (s.contains(p.index())) {
                    mine.add(p.index());
                    assertTrue(seen.add(p.index()), "point in two shards");
                }
            }
            assertTrue(Math.abs(mine.size() - total / 4.0) <= 1, "round-robin balance");
        }
        assertEquals(total, seen.size());
        assertEquals(new Shard(2, 5), Shard.parse("2/5"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("5/5"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("1-5"));
    }

    @Test
    void antiCausalModelHasItsOwnKeys() throws Exception {
        SweepConfig c = parse("{\"eps\": 0.2, \"model\": {\"type\": \"anti-causal\", \"a_spurious\": [0.5, 2]}}");
        assertEquals(
                List.of("a_core", "a_spurious", "tau_core", "tau_spurious", "dim_core", "dim_spurious"), c.modelKeys());
        assertEquals(2 * 3, c.points().size());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> parse("{\"eps\": 0.2, \"model\": {\"type\": \"anti-causal\", \"sigma_core\": 1}}"));
        assertTrue(e.getMessage().contains("'model.sigma_core'"), e.getMessage());
    }

    @Test
    void simulateSectionListIsAnAxisOfSimulatePointsOnlyInsideTheKind() throws Exception {
        SweepConfig c = parse("{\"kinds\": [\"theory\", \"simulate\"], \"norms\": [\"l2\"], \"eps\": [0.1, 0.2],"
                + " \"simulate\": {\"n\": [500, 1000], \"reps\": [3, 4, 5], \"n_test\": 50}}");
        List<SweepPoint> points = c.points();
        // Hand count: per eps, 1 theory point + 2 n × 3 reps simulate points = 7; 2 eps → 14.
        assertEquals(14, points.size());
        for (int i = 0; i < points.size(); i++) {
            assertEquals(i, points.get(i).index());
        }
        // Inside one eps: theory first, then simulate with the sweepable keys in declared order
        // (n before reps), the last (reps) fastest.
        assertEquals("theory", points.get(0).kind());
        assertEquals(Map.of(), points.get(0).settings());
        int[][] expected = {{500, 3}, {500, 4}, {500, 5}, {1000, 3}, {1000, 4}, {1000, 5}};
        for (int j = 0; j < 6; j++) {
            SweepPoint p = points.get(1 + j);
            assertEquals("simulate", p.kind());
            assertEquals(0.1, p.eps());
            assertEquals(List.of("n", "reps"), List.copyOf(p.settings().keySet()));
            assertEquals(expected[j][0], p.settings().get("n"));
            assertEquals(expected[j][1], p.settings().get("reps"));
            // the runner's section holds the concrete values; the single-valued key is kept
            JsonNode sec = c.section(p);
            assertEquals(expected[j][0], sec.get("n").asInt());
            assertEquals(expected[j][1], sec.get("reps").asInt());
            assertEquals(50, sec.get("n_test").asInt());
        }
        assertEquals("theory", points.get(7).kind());
        assertEquals(0.2, points.get(7).eps());
        assertEquals(Map.of("n", List.of(500, 1000), "reps", List.of(3, 4, 5)), c.axes("simulate"));
        assertEquals("norm=l2 eps=0.1 simulate.n=1000 simulate.reps=4", c.describe(points.get(5)));
        // A single-element list is an axis of one value: same indices as the scalar config.
        SweepConfig one =
                parse("{\"kinds\": [\"theory\", \"simulate\"], \"eps\": [0.1], \"simulate\": {\"n\": [700]}}");
        SweepConfig scalar =
                parse("{\"kinds\": [\"theory\", \"simulate\"], \"eps\": [0.1], \"simulate\": {\"n\": 700}}");
        assertEquals(scalar.points().size(), one.points().size());
        assertEquals(700, one.section(one.points().get(1)).get("n").asInt());
    }

    @Test
    void listFreeConfigsNumberPointsAsBefore() throws Exception {
        // Hand-derived numbering of a grid without kind axes: index = ((m·|norms| + n)·|eps| + e)·|kinds| + k.
        SweepConfig c = parse(
                "{\"kinds\": [\"theory\", \"simulate\"], \"norms\": [\"l1\", \"l2\", \"linf\"], \"eps\": [0, 0.5],"
                        + " \"model\": {\"noise\": [0.1, 0.9]}, \"simulate\": {\"n\": 100, \"reps\": 3}}");
        List<String> norms = List.of("l1", "l2", "linf");
        List<Double> eps = List.of(0.0, 0.5);
        List<Double> noise = List.of(0.1, 0.9);
        List<String> kinds = List.of("theory", "simulate");
        List<SweepPoint> points = c.points();
        assertEquals(24, points.size());
        for (int m = 0; m < 2; m++) {
            for (int n = 0; n < 3; n++) {
                for (int e = 0; e < 2; e++) {
                    for (int k = 0; k < 2; k++) {
                        SweepPoint p = points.get(((m * 3 + n) * 2 + e) * 2 + k);
                        assertEquals(noise.get(m), p.parameters().get("noise"));
                        assertEquals(norms.get(n), p.parameters().get("norm"));
                        assertEquals(eps.get(e), p.eps());
                        assertEquals(kinds.get(k), p.kind());
                        assertTrue(p.settings().isEmpty());
                        assertSame(c.section(p.kind()), c.section(p), "list-free section passed through as given");
                    }
                }
            }
        }
    }

    @Test
    void badSectionListsAreOneLineNamingKindKey() {
        String base = "{\"kinds\": [\"simulate\"], \"eps\": 0.1, \"simulate\": ";
        assertMessage(base + "{\"n\": []}}", "'simulate.n' must not be an empty list");
        assertMessage(base + "{\"n\": [100, \"many\"]}}", "'simulate.n' must be an integer");
        assertMessage(base + "{\"n\": [100, 2.5]}}", "'simulate.n' must be an integer");
        assertMessage(base + "{\"n\": [100, [200]]}}", "'simulate.n' list elements must be single values");
        assertMessage(base + "{\"reps\": [3, 1]}}", "'simulate.reps' must be >= 2");
        assertMessage(base + "{\"nn\": [3, 1]}}", "unknown key 'simulate.nn'");
        // theory declares no sweepable keys; a list in a non-sweepable key is refused by name
        PointRunner fixed = new PointRunner() {
            public String kind() {
                return "fixed";
            }

            public List<String> columns() {
                return List.of("x");
            }

            public void validate(JsonNode section) {}

            public List<List<Object>> run(SweepPoint point, JsonNode section, long seed) {
                return List.of(List.of(1));
            }
        };
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SweepConfig.of(
                        Json.MAPPER.readTree("{\"kinds\": [\"fixed\"], \"eps\": 0.1, \"fixed\": {\"x\": [1, 2]}}"),
                        Map.of("fixed", fixed)));
        assertEquals("'fixed.x' takes a single value, not a list (lists are allowed for no fixed key)", e.getMessage());
    }

    private static void assertMessage(String json, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aLibraryParameterExceptionIsReportedUnderTheConfigKey() throws Exception {
        PointRunner strict = new PointRunner() {
            @Override
            public String kind() {
                return "strict";
            }

            @Override
            public List<String> columns() {
                return List.of("x");
            }

            @Override
            public void validate(com.fasterxml.jackson.databind.JsonNode section) {
                if (section != null && section.has("steps")) {
                    tradeoffs.theory.ParameterException.requireAtLeast(
                            "steps", section.get("steps").asInt(), 1);
                }
            }

            @Override
            public List<List<Object>> run(
                    SweepPoint point, com.fasterxml.jackson.databind.JsonNode section, long seed) {
                return List.of();
            }
        };
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SweepConfig.of(
                        Json.MAPPER.readTree("{\"kinds\": [\"strict\"], \"eps\": 0.1, \"strict\": {\"steps\": 0}}"),
                        new PointRunners().register(strict).asMap()));
        assertEquals("'strict.steps' must be >= 1 (got 0)", e.getMessage());
    }
}
