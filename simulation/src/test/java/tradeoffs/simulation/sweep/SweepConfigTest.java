package tradeoffs.simulation.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tradeoffs.io.Json;

class SweepConfigTest {
    static SweepConfig parse(String json) throws Exception {
        return SweepConfig.of(Json.MAPPER.readTree(json), PointRunners.defaults().asMap());
    }

    @Test
    void gridOrderIsModelThenEtaTestThenNormThenEpsThenKind() throws Exception {
        SweepConfig c = parse("{\"kinds\": [\"theory\", \"simulate\"], \"norms\": [\"l1\", \"linf\"], \"eps\": \"0:0.3:0.1\","
                + " \"eta_test\": [0, -0.5], \"model\": {\"sigma_spurious\": [0.5, 2.0], \"eta\": [0.3, 0.6]}}");
        List<SweepPoint> points = c.points();
        // 2 σ_s × 2 η × 2 η′ × 2 norms × 4 ε × 2 kinds
        assertEquals(2 * 2 * 2 * 2 * 4 * 2, points.size());
        for (int i = 0; i < points.size(); i++) {
            assertEquals(i, points.get(i).index());
        }
        // decimal grid: exactly 0.3, not 0.30000000000000004
        assertEquals(List.of(0.0, 0.1, 0.2, 0.3), List.of(points.get(0).eps(), points.get(2).eps(), points.get(4).eps(),
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
        assertEquals(List.of("a_core", "a_spurious", "tau_core", "tau_spurious", "dim_core", "dim_spurious"), c.modelKeys());
        assertEquals(2 * 3, c.points().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("{\"eps\": 0.2, \"model\": {\"type\": \"anti-causal\", \"sigma_core\": 1}}"));
        assertTrue(e.getMessage().contains("'model.sigma_core'"), e.getMessage());
    }
}
