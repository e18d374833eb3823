package org.panattn.dit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.panattn.dit.AttentionMethod.AST;
import static org.panattn.dit.AttentionMethod.ASC;
import static org.panattn.dit.AttentionMethod.FULL;
import static org.panattn.dit.AttentionMethod.WA_RS;
import static org.panattn.dit.AttentionMethod.WA_RS_ASC;
import static org.panattn.dit.DitExecutorTest.assertMessage;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans: residual needs, FLOP accounting, JSON round trips and malformed files. */
class CompressionPlanTest {
    private static final CompressionPlan PLAN = new CompressionPlan(8, new AttentionMethod[][] {
        {FULL, FULL, ASC},
        {WA_RS, AST, AST},
        {ASC, WA_RS_ASC, WA_RS},
        {AST, FULL, FULL},
    });

    @Test
    void residualIsCachedOnlyWhereALaterWindowStepNeedsIt() {
        assertTrue(PLAN.needsResidual(0, 0), "step 1 uses WA-RS");
        assertTrue(PLAN.needsResidual(0, 1), "step 2 uses WA-RS+ASC after an AST step");
        assertTrue(PLAN.needsResidual(0, 2), "step 2 uses WA-RS");
        assertFalse(PLAN.needsResidual(2, 0), "no WA-RS after step 2");
        assertFalse(PLAN.needsResidual(1, 0), "not a full step");
        assertFalse(PLAN.needsResidual(3, 1), "last step");
    }

    @Test
    void flopAccountingFollowsThePaper() {
        double wf = 17.0 / 64;
        assertEquals(wf, DitFlops.windowFraction(8, 64), 1e-15);
        assertEquals(1.0, DitFlops.windowFraction(40, 64), 0, "a window past the ends is full attention");
        double expected = ((1 + wf) + (1 + wf) + 0.5 * (1 + wf) + wf + 0 + 0 + 0.5 + wf / 2 + wf + 0 + 1 + 1) / 12;
        assertEquals(expected, PLAN.relativeCost(64), 1e-12);
        assertEquals(1.0, CompressionPlan.full(5, 3, 8).relativeCost(64), 0);
        assertEquals(64.0 * 64, DitFlops.bandPairs(63, 64), 0);
        assertEquals(64.0 * 17 - 8 * 9, DitFlops.bandPairs(8, 64), 0);
        assertEquals(3, PLAN.counts().get(AST));
    }

    @Test
    void jsonRoundTrips(@TempDir Path dir) {
        assertEquals(PLAN, CompressionPlan.fromJson(PLAN.toJson()));
        Path file = dir.resolve("plan.json");
        PLAN.save(file);
        assertEquals(PLAN, CompressionPlan.load(file));
        CompressionPlan full = CompressionPlan.full(1, 1, 0);
        assertEquals(full, CompressionPlan.fromJson(full.toJson()));
        String spaced = "{ \"methods\" : [ [ \"FULL\" ] ] , \"layers\":1,\"steps\":1,\"window\":3,"
                + "\"version\":1,\"format\":\"panattn-dit-plan\", \"note\": \"a\\u0041\\n\" }";
        assertEquals(CompressionPlan.full(1, 1, 3), CompressionPlan.fromJson(spaced));
    }

    @Test
    void malformedPlansAreRefusedWithTheField(@TempDir Path dir) throws Exception {
        String good = PLAN.toJson();
        assertMessage("methods[0][1]: expected full or asc (step 0 has nothing cached to reuse), got ast",
                () -> new CompressionPlan(8, new AttentionMethod[][] {{FULL, AST}}));
        assertMessage("plan: expected 12 layers, got 3", () -> PLAN.requireShape(4, 12));
        assertMessage("plan: expected 5 steps, got 4", () -> PLAN.requireShape(5, 3));
        assertMessage("format: expected \"panattn-dit-plan\", got other",
                () -> CompressionPlan.fromJson(good.replace("panattn-dit-plan", "other")));
        assertMessage("version: expected 1, got 2", () -> CompressionPlan.fromJson(good.replace("\"version\": 1",
                "\"version\": 2")));
        assertMessage("methods: expected 5 steps (\"steps\"), got 4",
                () -> CompressionPlan.fromJson(good.replace("\"steps\": 4", "\"steps\": 5")));
        assertMessage("methods[0]: expected an array of 2 method names",
                () -> CompressionPlan.fromJson(good.replace("\"layers\": 3", "\"layers\": 2")));
        assertMessage("method: expected one of full, asc, wa-rs, wa-rs+asc, ast, got window",
                () -> CompressionPlan.fromJson(good.replace("\"ast\"", "\"window\"")));
        assertMessage("window: expected a non-negative integer, got 1.5",
                () -> CompressionPlan.fromJson(good.replace("\"window\": 8", "\"window\": 1.5")));
        assertMessage("plan JSON: expected ',' or '}' at offset",
                () -> CompressionPlan.fromJson(good.replace("\"version\": 1,", "\"version\": 1")));
        assertMessage("plan JSON: expected a value at offset 0, got the end", () -> CompressionPlan.fromJson(""));
        assertMessage("plan JSON: expected the end of the document", () -> CompressionPlan.fromJson(good + "x"));
        assertMessage("plan JSON: expected an object at the top level", () -> CompressionPlan.fromJson("[1]"));
        Path file = dir.resolve("broken.json");
        Files.writeString(file, good.substring(0, good.length() / 2));
        assertMessage("plan JSON: expected", () -> CompressionPlan.load(file));
    }
}
