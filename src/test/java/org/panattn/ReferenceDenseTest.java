package org.panattn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.panattn.dense.DenseSpec;

/** The oracle itself, against values worked out by hand. */
class ReferenceDenseTest {

    @Test
    void twoKeysByHand() {
        // q=(1,0), k0=(1,0), k1=(0,1), scale 1: logits (1, 0); p = (e/(e+1), 1/(e+1))
        Tensor q = Tensor.of(new float[] {1, 0}, 1, 1, 1, 2);
        Tensor k = Tensor.of(new float[] {1, 0, 0, 1}, 1, 1, 2, 2);
        Tensor v = Tensor.of(new float[] {2, 4}, 1, 1, 2, 1);
        Tensor out = Tensor.of(new float[1], 1, 1, 1, 1);
        Tensor lse = Tensor.of(new float[1], 1, 1, 1);
        Backend.reference().dense().attention(q, k, v, out, lse, DenseSpec.defaults().withScale(1f));
        double e = Math.E;
        assertEquals((2 * e + 4) / (e + 1), out.getFloat(0, 0, 0, 0), 1e-6);
        assertEquals(Math.log(e + 1), lse.getFloat(0, 0, 0), 1e-6);
    }

    @Test
    void rowWithNoVisibleKeyIsZeroWithMinusInfinityLse() {
        // causal with Nq=3 > Nk=1: query 0 sits at position -2 and sees nothing
        Tensor q = Tensor.of(new float[] {1, 1, 1}, 1, 1, 3, 1);
        Tensor k = Tensor.of(new float[] {1}, 1, 1, 1, 1);
        Tensor v = Tensor.of(new float[] {5}, 1, 1, 1, 1);
        Tensor out = Tensor.of(new float[] {9, 9, 9}, 1, 1, 3, 1);
        Tensor lse = Tensor.of(new float[3], 1, 1, 3);
        Backend.reference().dense().attention(q, k, v, out, lse, DenseSpec.causalDefaults());
        assertEquals(0f, out.getFloat(0, 0, 0, 0));
        assertEquals(Float.NEGATIVE_INFINITY, lse.getFloat(0, 0, 0));
        assertEquals(5f, out.getFloat(0, 0, 2, 0));
    }

    @Test
    void nanInOneQueryStaysInThatRow() {
        Tensor q = Tensor.of(new float[] {Float.NaN, 1}, 1, 1, 2, 1);
        Tensor k = Tensor.of(new float[] {1, 2}, 1, 1, 2, 1);
        Tensor v = Tensor.of(new float[] {1, 2}, 1, 1, 2, 1);
        Tensor out = Tensor.of(new float[2], 1, 1, 2, 1);
        Backend.reference().dense().attention(q, k, v, out, DenseSpec.defaults());
        assertTrue(Float.isNaN(out.getFloat(0, 0, 0, 0)));
        assertTrue(Float.isFinite(out.getFloat(0, 0, 1, 0)));
    }

    @Test
    void gqaHeadReadsItsGroupsKvHead() {
        // Hq=4, Hkv=2: heads 0,1 read kv head 0 (value 1), heads 2,3 read kv head 1 (value 7)
        Tensor q = Tensor.of(new float[4], 1, 4, 1, 1);
        Tensor k = Tensor.of(new float[2], 1, 2, 1, 1);
        Tensor v = Tensor.of(new float[] {1, 7}, 1, 2, 1, 1);
        Tensor out = Tensor.of(new float[4], 1, 4, 1, 1);
        Backend.reference().dense().attention(q, k, v, out, DenseSpec.defaults());
        assertEquals(1f, out.getFloat(0, 1, 0, 0));
        assertEquals(7f, out.getFloat(0, 2, 0, 0));
    }
}
