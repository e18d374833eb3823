package org.panattn.dit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.panattn.Backend;
import org.panattn.Tensor;

/** The greedy search on a toy DiT: deterministic, thresholds respected, candidates in the paper's order. */
class PlanSearchTest {
    private static final SyntheticDit.Config TOY = new SyntheticDit.Config(6, 16, 2, 3, 6, 3.0, 2, 5);

    private static PlanSearch.Result search(double delta, List<PlanSearch.Decision> progress) {
        SyntheticDit model = new SyntheticDit(TOY);
        try (Arena arena = Arena.ofShared()) {
            List<Tensor> calibration = List.of(model.initialState(arena, 1), model.initialState(arena, 2));
            PlanSearch search = new PlanSearch(Backend.cpu(), DitSpec.window(4), model.cfgOrder());
            return search.search(model, calibration, delta, progress::add);
        }
    }

    @Test
    void searchIsDeterministicAndRespectsItsThresholds() {
        List<PlanSearch.Decision> reported = new ArrayList<>();
        PlanSearch.Result first = search(0.1, reported);
        PlanSearch.Result second = search(0.1, new ArrayList<>());
        assertEquals(first.plan(), second.plan(), "same model, inputs and delta must give the same plan");
        assertEquals(first.decisions(), reported, "progress reports every decision");
        CompressionPlan plan = first.plan();
        plan.requireShape(TOY.steps(), TOY.layers());
        assertEquals((TOY.steps() - 1) * TOY.layers(), first.decisions().size());
        List<AttentionMethod> order = List.of(AttentionMethod.AST, AttentionMethod.WA_RS_ASC, AttentionMethod.WA_RS,
                AttentionMethod.ASC);
        for (int l = 0; l < TOY.layers(); l++) {
            assertEquals(AttentionMethod.FULL, plan.method(0, l), "step 0 is full");
        }
        for (PlanSearch.Decision d : first.decisions()) {
            assertEquals(0.1 * (d.layer() + 1) / TOY.layers(), d.threshold(), 1e-15);
            assertEquals(d.method(), plan.method(d.step(), d.layer()));
            if (d.method() == AttentionMethod.FULL) {
                assertEquals(order.size(), d.tried(), "full only after every candidate failed");
            } else {
                assertTrue(d.loss() < d.threshold(), d + " kept above its threshold");
                assertEquals(order.get(d.tried() - 1), d.method(), "candidates tried in the paper's order");
            }
        }
        assertTrue(plan.relativeCost(TOY.tokens()) < 1, "a loose budget compresses something: " + plan);
    }

    @Test
    void zeroBudgetKeepsFullAttentionAndLargerBudgetsCompressMore() {
        CompressionPlan none = search(0, new ArrayList<>()).plan();
        assertEquals(CompressionPlan.full(TOY.steps(), TOY.layers(), 4), none);
        double tight = search(0.05, new ArrayList<>()).plan().relativeCost(TOY.tokens());
        double loose = search(1.0, new ArrayList<>()).plan().relativeCost(TOY.tokens());
        assertTrue(loose <= tight, "loose " + loose + " vs tight " + tight);
    }

    @Test
    void badArgumentsAreNamed() {
        SyntheticDit model = new SyntheticDit(TOY);
        PlanSearch search = new PlanSearch(Backend.cpu(), DitSpec.window(4), model.cfgOrder());
        DitExecutorTest.assertMessage("calibration: expected at least one initial state, got none",
                () -> search.search(model, List.of(), 0.1, null));
        try (Arena arena = Arena.ofShared()) {
            Tensor s = model.initialState(arena, 1);
            DitExecutorTest.assertMessage("delta: expected a finite number >= 0, got NaN",
                    () -> search.search(model, List.of(s), Double.NaN, null));
        }
    }
}
