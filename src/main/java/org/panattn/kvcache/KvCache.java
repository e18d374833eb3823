package org.panattn.kvcache;

import java.lang.foreign.Arena;
import java.util.Arrays;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/**
 * An off-heap KV cache [B,Hkv,capacity,D] on one backend's device, filled up to {@link #length()}: append keys and
 * values (prefill or decode), observe queries to update each token's saliency (OBCache or accumulated attention,
 * under a policy), and evict to a budget, which compacts K, V and the scores in place.
 *
 * <p>{@link #keys()} and {@link #values()} are zero-copy [B,Hkv,length,D] views over the cache's memory, so the
 * dense, top-k and hybrid kernels read them directly; a view is valid until the next append, evict or reserve.
 * The cache also tracks, per (batch, head), the original token position of every slot ({@link #position}).
 * Not synchronised: one thread at a time.
 */
public final class KvCache {
    private final Backend backend;
    private final Arena arena;
    private final DType dtype;
    private final long batch;
    private final long heads;
    private final long headDim;
    private final long headDimV;
    private long capacity;
    private Tensor keyStore;
    private Tensor valueStore;
    private Tensor scoreStore;
    private Tensor keptStore;
    private Tensor zeros;
    /** positions[(b * heads + h) * capacity + slot] = the token index appended into that slot. */
    private long[] positions;
    private long length;
    private long appended;

    private KvCache(Backend backend, Arena arena, DType dtype, long batch, long heads, long capacity, long headDim,
                    long headDimV) {
        this.backend = backend;
        this.arena = arena;
        this.dtype = dtype;
        this.batch = batch;
        this.heads = heads;
        this.headDim = headDim;
        this.headDimV = headDimV;
        allocateStores(capacity);
    }

    /**
     * An empty cache whose memory belongs to {@code arena} (device memory for a CUDA backend).
     *
     * @param dtype storage type of K and V (F32, F16 or BF16); scores are always F32
     */
    public static KvCache allocate(Backend backend, Arena arena, DType dtype, long batch, long heads, long capacity,
                                   long headDim, long headDimV) {
        if (backend == null) {
            throw new IllegalArgumentException("backend: expected a value, got null");
        }
        if (arena == null || !arena.scope().isAlive()) {
            throw new IllegalArgumentException("arena: expected an open arena, got " + (arena == null ? "null"
                    : "a closed one"));
        }
        if (dtype == null || !dtype.isFloating()) {
            throw new IllegalArgumentException("dtype: expected F32, F16 or BF16, got " + dtype);
        }
        positive(batch, "batch");
        positive(heads, "heads");
        positive(capacity, "capacity");
        if (headDim < 0) {
            throw new IllegalArgumentException("headDim: expected >= 0, got " + headDim);
        }
        if (headDimV < 0) {
            throw new IllegalArgumentException("headDimV: expected >= 0, got " + headDimV);
        }
        if (Math.multiplyHigh(batch * heads, capacity) != 0 || batch * heads * capacity > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("capacity: expected batch * heads * capacity <= "
                    + (Integer.MAX_VALUE - 8) + " slots, got " + batch + " * " + heads + " * " + capacity);
        }
        return new KvCache(backend, arena, dtype, batch, heads, capacity, headDim, headDimV);
    }

    private void allocateStores(long newCapacity) {
        Tensor k = backend.allocate(arena, dtype, batch, heads, newCapacity, headDim);
        Tensor v = backend.allocate(arena, dtype, batch, heads, newCapacity, headDimV);
        Tensor s = backend.allocate(arena, DType.F32, batch, heads, newCapacity);
        Tensor kept = backend.allocate(arena, DType.I32, batch, heads, newCapacity);
        long[] pos = new long[(int) (batch * heads * newCapacity)];
        if (keyStore != null) {
            for (long b = 0; b < batch; b++) {
                for (long h = 0; h < heads; h++) {
                    headRows(keyStore, b, h, 0, length).copyTo(headRows(k, b, h, 0, length));
                    headRows(valueStore, b, h, 0, length).copyTo(headRows(v, b, h, 0, length));
                    headScores(scoreStore, b, h, 0, length).copyTo(headScores(s, b, h, 0, length));
                    System.arraycopy(positions, (int) ((b * heads + h) * capacity), pos,
                            (int) ((b * heads + h) * newCapacity), (int) length);
                }
            }
        }
        keyStore = k;
        valueStore = v;
        scoreStore = s;
        keptStore = kept;
        zeros = Tensor.allocate(arena, DType.F32, newCapacity);
        positions = pos;
        capacity = newCapacity;
    }

    public Backend backend() {
        return backend;
    }

    public long batch() {
        return batch;
    }

    public long heads() {
        return heads;
    }

    public long capacity() {
        return capacity;
    }

    public long length() {
        return length;
    }

    /** Tokens appended since the cache was created (the next token's position). */
    public long appended() {
        return appended;
    }

    /** [B,Hkv,length,D]: a view over the cache's memory (no copy). */
    public Tensor keys() {
        return keyStore.slice(2, 0, length);
    }

    /** [B,Hkv,length,Dv]: a view over the cache's memory (no copy). */
    public Tensor values() {
        return valueStore.slice(2, 0, length);
    }

    /** [B,Hkv,length] F32: the saliency of each cached token (0 until a query observes it). */
    public Tensor scores() {
        return scoreStore.slice(2, 0, length);
    }

    /** The original position (append order, from 0) of the token held in {@code slot} of head (b, h). */
    public long position(long b, long h, long slot) {
        if (b < 0 || b >= batch || h < 0 || h >= heads || slot < 0 || slot >= length) {
            throw new IllegalArgumentException("position: expected b < " + batch + ", h < " + heads + ", slot < "
                    + length + ", got (" + b + ", " + h + ", " + slot + ")");
        }
        return positions[(int) ((b * heads + h) * capacity + slot)];
    }

    /** Grows the capacity to at least {@code minCapacity} (a new allocation in the cache's arena; rows copied). */
    public void reserve(long minCapacity) {
        if (minCapacity <= capacity) {
            return;
        }
        if (!arena.scope().isAlive()) {
            throw new IllegalArgumentException("arena: expected an open arena, got a closed one");
        }
        if (Math.multiplyHigh(batch * heads, minCapacity) != 0
                || batch * heads * minCapacity > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("minCapacity: expected batch * heads * capacity <= "
                    + (Integer.MAX_VALUE - 8) + " slots, got " + batch + " * " + heads + " * " + minCapacity);
        }
        allocateStores(minCapacity);
    }

    /**
     * Appends n tokens: k [B,Hkv,n,D], v [B,Hkv,n,Dv] (any floating dtype and strides; converted on the host).
     * Their scores start at 0. Throws, appending nothing, if they do not fit in the capacity.
     */
    public void append(Tensor k, Tensor v) {
        if (k == null) {
            throw new IllegalArgumentException("k: expected a tensor, got null");
        }
        if (v == null) {
            throw new IllegalArgumentException("v: expected a tensor, got null");
        }
        long n = k.rank() == 4 ? k.dim(2) : -1;
        long[] kShape = {batch, heads, n, headDim};
        long[] vShape = {batch, heads, n, headDimV};
        if (k.rank() != 4 || !Arrays.equals(k.shape(), kShape)) {
            throw new IllegalArgumentException("k: expected shape [" + batch + ", " + heads + ", n, " + headDim
                    + "] [B,Hkv,n,D], got " + Arrays.toString(k.shape()));
        }
        if (!Arrays.equals(v.shape(), vShape)) {
            throw new IllegalArgumentException("v: expected shape " + Arrays.toString(vShape) + ", got "
                    + Arrays.toString(v.shape()));
        }
        if (!k.dtype().isFloating() || !v.dtype().isFloating()) {
            throw new IllegalArgumentException((k.dtype().isFloating() ? "v" : "k")
                    + ": expected dtype F32, F16 or BF16, got " + (k.dtype().isFloating() ? v.dtype() : k.dtype()));
        }
        if (n > capacity - length) {
            throw new IllegalArgumentException("k: expected at most " + (capacity - length)
                    + " new tokens (capacity " + capacity + ", length " + length + "; evict or reserve first), got "
                    + n);
        }
        k.checkAlive("k");
        v.checkAlive("v");
        for (long b = 0; b < batch; b++) {
            for (long h = 0; h < heads; h++) {
                copyRows(k.select(0, b).select(0, h), headRows(keyStore, b, h, length, length + n));
                copyRows(v.select(0, b).select(0, h), headRows(valueStore, b, h, length, length + n));
                zeros.slice(0, 0, n).copyTo(headScores(scoreStore, b, h, length, length + n));
                int base = (int) ((b * heads + h) * capacity + length);
                for (int t = 0; t < n; t++) {
                    positions[base + t] = appended + t;
                }
            }
        }
        length += n;
        appended += n;
    }

    /**
     * Scores the cached tokens against the window of {@code q} [B,Hq,Nq,D] under {@code policy}: H2O adds the
     * score to the stored one, TOVA and SnapKV replace it (TOVA with the last query only, SnapKV max-pooled).
     * Per-query-head scores ({@link GroupAggregation#NONE}) need Hq = Hkv.
     */
    public void observe(Tensor q, ScoreSpec spec, EvictionPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("policy: expected H2O, TOVA or SNAPKV, got null");
        }
        ScoreSpec applied = policy.scoreSpec(spec);
        backend.kvcache().scores(q, keys(), values(), scores(), applied, policy.accumulates());
    }

    /**
     * Evicts down to {@code spec.budget()} tokens per (batch, head) under {@code policy} (TOVA takes no recent
     * window), compacting K, V, scores and positions in place; the length becomes the budget. On a bad call
     * nothing changes.
     */
    public void evict(EvictionSpec spec, EvictionPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("policy: expected H2O, TOVA or SNAPKV, got null");
        }
        policy.check(spec);
        if (spec.budget() > length) {
            throw new IllegalArgumentException("budget: expected <= L = " + length + " (the cached tokens), got "
                    + spec.budget());
        }
        Tensor kept = keptStore.slice(2, 0, spec.budget());
        backend.kvcache().evict(keys(), values(), scores(), kept, spec);
        try (Arena scratch = Arena.ofConfined()) {
            Tensor keptHost = kept;
            if (!kept.device().isCpu()) {
                keptHost = Tensor.allocate(scratch, DType.I32, kept.shape());
                for (long b = 0; b < batch; b++) {
                    for (long h = 0; h < heads; h++) {
                        kept.select(0, b).select(0, h).copyTo(keptHost.select(0, b).select(0, h));
                    }
                }
            }
            // kept positions ascend with kept[t] >= t: a forward pass reads each old slot before it is overwritten
            for (long b = 0; b < batch; b++) {
                for (long h = 0; h < heads; h++) {
                    int base = (int) ((b * heads + h) * capacity);
                    for (int t = 0; t < spec.budget(); t++) {
                        positions[base + t] = positions[base + keptHost.getInt(b, h, t)];
                    }
                }
            }
        }
        length = spec.budget();
    }

    private static Tensor headRows(Tensor store, long b, long h, long from, long to) {
        return store.select(0, b).select(0, h).slice(0, from, to);
    }

    private static Tensor headScores(Tensor store, long b, long h, long from, long to) {
        return store.select(0, b).select(0, h).slice(0, from, to);
    }

    /** [n, D] rows into a contiguous [n, D] destination; row by row where a device copy needs contiguity. */
    private static void copyRows(Tensor src, Tensor dst) {
        if (src.device().equals(dst.device()) && src.device().isCpu() || src.isContiguous()) {
            src.copyTo(dst);
            return;
        }
        for (long r = 0; r < src.dim(0); r++) {
            src.select(0, r).copyTo(dst.select(0, r));
        }
    }

    private static void positive(long x, String name) {
        if (x < 1) {
            throw new IllegalArgumentException(name + ": expected >= 1, got " + x);
        }
    }
}
