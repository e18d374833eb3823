package org.panattn.kvcache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/**
 * The tiny vector of the OBCache issue: numpy default_rng(0), d = 4, L = 6, Q, K, V ~ N(0, 1) drawn in that
 * order, causal, window 2, scale 1/2. Expected scores from the numpy snippet in the reference notes.
 */
class ObCacheReferenceVectorTest {
    static final float[] Q = {
        0.1257302165031433f, -0.13210485875606537f, 0.6404226422309875f, 0.10490011423826218f,
        -0.5356693863868713f, 0.3615950644016266f, 1.3040000200271606f, 0.9470809698104858f,
        -0.7037352323532104f, -1.2654215097427368f, -0.6232744455337524f, 0.04132597893476486f,
        -2.32503080368042f, -0.218791663646698f, -1.2459110021591187f, -0.7322673797607422f,
        -0.5442590117454529f, -0.3163001537322998f, 0.4116305410861969f, 1.042513370513916f,
        -0.12853465974330902f, 1.3664634227752686f, -0.6651946902275085f, 0.35151007771492004f};
    static final float[] K = {
        0.9034701816518086f, 0.09401229776087457f, -0.7434992493538084f, -0.9217253762584194f,
        -0.45772582566733916f, 0.2201951234700494f, -1.009618183538736f, -0.20917557487171307f,
        -0.15922500991447772f, 0.5408455846858077f, 0.2146591225063409f, 0.3553727090399214f,
        -0.6538286094183394f, -0.12961363369276946f, 0.7839754700613295f, 1.4934311452207607f,
        -1.2590655321041202f, 1.5139237747390626f, 1.3458754237823045f, 0.7813114007004275f,
        0.2644556303293035f, -0.3139228145364278f, 1.4580206835369587f, 1.9602583164499647f};
    static final float[] V = {
        1.801634869866125f, 1.31510376473437f, 0.357380410658956f, -1.2083186322821715f,
        -0.004454133120083229f, 0.6564749350763358f, -1.2883614637495544f, 0.39512206018200824f,
        0.42986369482223f, 0.6960427239628685f, -1.184117966757189f, -0.6617025720390349f,
        -0.43643524714322124f, -1.169801907772864f, 1.739367877130134f, -0.4959107284421519f,
        0.3289696294602021f, -0.258572545473924f, 1.5834728788021222f, 1.3203609870818391f,
        0.6333526228249152f, -2.2035098806466507f, 0.05202897425988651f, 0.6836861907765345f};

    static final double[] VALUE = {0.140237, 0.114429, 0.142522, 0.855683, 0.700113, 0.042097};
    static final double[] KEY = {0.017407, 0.030037, 0.018806, 0.444334, 0.274951, 0.005457};
    static final double[] JOINT = {0.144747, 0.222220, 0.259888, 2.426916, 1.808573, 0.017916};
    static final double[] ACCUMULATED = {0.189166, 0.303827, 0.336173, 0.522657, 0.562440, 0.085737};

    static Stream<Object[]> cases() {
        return Backend.available().stream().filter(b -> b.device().isCpu()).flatMap(b -> Stream.of(
                new Object[] {b, SaliencyScore.VALUE, VALUE},
                new Object[] {b, SaliencyScore.KEY, KEY},
                new Object[] {b, SaliencyScore.JOINT, JOINT},
                new Object[] {b, SaliencyScore.ACCUMULATED, ACCUMULATED}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesTheNumpyVector(Backend backend, SaliencyScore score, double[] expected) {
        try (Arena arena = Arena.ofConfined()) {
            Tensor scores = Tensor.allocate(arena, DType.F32, 1, 1, 6);
            ScoreSpec spec = ScoreSpec.of(score, 2).withCausal(true).withScale(0.5f);
            backend.kvcache().scores(Tensor.of(Q.clone(), 1, 1, 6, 4), Tensor.of(K.clone(), 1, 1, 6, 4),
                    Tensor.of(V.clone(), 1, 1, 6, 4), scores, spec);
            for (int j = 0; j < 6; j++) {
                // the expected values are printed to 6 decimals; inputs are fp32 roundings of numpy's doubles
                assertEquals(expected[j], scores.getFloat(0, 0, j), 2e-6, backend + " " + score + " key " + j);
            }
        }
    }
}
