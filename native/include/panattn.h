/*
 * panattn.h: the public C ABI of libpanattn_cuda.so.
 *
 * Plain C99: including it needs no CUDA header. CUDA errors are returned as int (the numeric cudaError_t:
 * 0 = cudaSuccess, 1 = cudaErrorInvalidValue, ...); panattn_error_name/panattn_error_string describe them.
 * The Java bindings (bindings/org/panattn/bindings) mirror this file by hand in jextract's shape; a test compares
 * every struct field's offset with what native/probe/panattn_probe prints, and resolves every function below.
 */
#ifndef PANATTN_H
#define PANATTN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define PANATTN_API __attribute__((visibility("default")))
#else
#define PANATTN_API
#endif

#define PANATTN_VERSION "0.1.0"

/* Element storage types of kernel inputs (all arithmetic is fp32). */
#define PANATTN_DTYPE_F32 0
#define PANATTN_DTYPE_F16 1
#define PANATTN_DTYPE_BF16 2

/* Largest head_dim and head_dim_v the dense kernel accepts; larger ones fail with cudaErrorInvalidValue. */
#define PANATTN_DENSE_MAX_HEAD_DIM 256

/*
 * Query rows per thread block of the dense kernel: one launch holds batch * heads_q * ceil(n_q / this) blocks,
 * at most INT32_MAX; larger problems fail with cudaErrorInvalidValue.
 */
#define PANATTN_DENSE_ROWS_PER_BLOCK 16

/* "Unbounded" value of window_left / window_right. */
#define PANATTN_WINDOW_UNBOUNDED (-1)

/*
 * Dense (flash-style) attention, shared verbatim by host and device code.
 *
 *   q   [batch, heads_q,  n_q, head_dim]     element (b,h,i,d) at q[b*q_stride_b + h*q_stride_h + i*q_stride_n + d]
 *   k   [batch, heads_kv, n_k, head_dim]     likewise with k_stride_*
 *   v   [batch, heads_kv, n_k, head_dim_v]   likewise with v_stride_*
 *   out [batch, heads_q,  n_q, head_dim_v]   F32, likewise with out_stride_*
 *   lse [batch, heads_q,  n_q]               F32, optional (NULL: not written), lse[b*lse_stride_b + h*lse_stride_h + i*lse_stride_n]
 *
 * All pointers address memory of the current CUDA device, aligned to their element size; out and lse must not
 * overlap the inputs. Strides count elements (not bytes); the last dimension is always contiguous. q, k and v
 * each carry their own dtype (PANATTN_DTYPE_*), so mixed storage types need no conversion pass; they are widened
 * to fp32 on load.
 *
 * out[b,h,i,:] = sum_j softmax_j(scale * q_i . k_j) v_j over the keys j that row i may see, computed with an
 * online softmax in fp32; lse[b,h,i] = log(sum_j exp(scale * q_i . k_j)) (natural log).
 * Grouped-query attention: query head h reads kv head h / (heads_q / heads_kv); heads_q must be a multiple of
 * heads_kv.
 * Visible keys of row i, with pos = i + n_k - n_q (masks are aligned to the bottom-right corner, as in
 * flash-attention, so that the last query sees the last key):
 *   causal != 0         j <= pos
 *   window_left  >= 0   j >= pos - window_left
 *   window_right >= 0   j <= pos + window_right
 * A row that sees no key gets out = 0 and lse = -inf.
 */
typedef struct panattn_dense_params {
    const void* q;
    const void* k;
    const void* v;
    float* out;
    float* lse;

    int64_t batch;
    int64_t heads_q;
    int64_t heads_kv;
    int64_t n_q;
    int64_t n_k;
    int64_t head_dim;
    int64_t head_dim_v;

    int64_t q_stride_b;
    int64_t q_stride_h;
    int64_t q_stride_n;
    int64_t k_stride_b;
    int64_t k_stride_h;
    int64_t k_stride_n;
    int64_t v_stride_b;
    int64_t v_stride_h;
    int64_t v_stride_n;
    int64_t out_stride_b;
    int64_t out_stride_h;
    int64_t out_stride_n;
    int64_t lse_stride_b;
    int64_t lse_stride_h;
    int64_t lse_stride_n;

    int32_t q_dtype;
    int32_t k_dtype;
    int32_t v_dtype;
    int32_t causal;
    int32_t window_left;
    int32_t window_right;
    float scale;
} panattn_dense_params;

/* The library version, PANATTN_VERSION (a static string). */
PANATTN_API const char* panattn_version(void);

/*
 * Stores the number of usable CUDA devices in *count and returns cudaSuccess, or returns the cudaError_t of
 * cudaGetDeviceCount (e.g. 35 cudaErrorInsufficientDriver, 100 cudaErrorNoDevice) with *count = 0.
 * Returns cudaErrorInvalidValue if count is NULL.
 */
PANATTN_API int panattn_device_count(int* count);

/* The symbolic name ("cudaErrorNoDevice") and the description of a cudaError_t; static strings, never NULL. */
PANATTN_API const char* panattn_error_name(int error);
PANATTN_API const char* panattn_error_string(int error);

/*
 * Launches dense attention on the current device, on `stream` (a cudaStream_t; NULL = the default stream).
 * Returns cudaSuccess once launched (completion is asynchronous), cudaErrorInvalidValue for an invalid
 * params block (NULL pointers for non-empty tensors, negative sizes or strides, heads_q not a multiple of
 * heads_kv, head dims above PANATTN_DENSE_MAX_HEAD_DIM, an unknown dtype, window below -1, a non-finite
 * scale, more blocks than one launch holds), or the launch error.
 */
PANATTN_API int panattn_dense_attention(const panattn_dense_params* params, void* stream);

/*
 * The CUDA runtime subset the Java bindings need. The library links the CUDA runtime statically and that copy
 * keeps its symbols hidden, so each function is re-exported by a thin wrapper that forwards its arguments to the
 * cudart function of the same meaning and returns its cudaError_t unchanged. Streams are cudaStream_t values
 * passed as void*; NULL is the default stream.
 */

/* cudaMemcpyKind values, as in driver_types.h. */
#define PANATTN_CUDA_MEMCPY_HOST_TO_HOST 0
#define PANATTN_CUDA_MEMCPY_HOST_TO_DEVICE 1
#define PANATTN_CUDA_MEMCPY_DEVICE_TO_HOST 2
#define PANATTN_CUDA_MEMCPY_DEVICE_TO_DEVICE 3
#define PANATTN_CUDA_MEMCPY_DEFAULT 4

PANATTN_API int panattn_cuda_get_device_count(int* count);                           /* cudaGetDeviceCount */
PANATTN_API int panattn_cuda_set_device(int device);                                 /* cudaSetDevice */
PANATTN_API int panattn_cuda_get_device(int* device);                                /* cudaGetDevice */
PANATTN_API int panattn_cuda_device_get_attribute(int* value, int attribute, int device); /* cudaDeviceGetAttribute */
PANATTN_API int panattn_cuda_device_synchronize(void);                               /* cudaDeviceSynchronize */
PANATTN_API int panattn_cuda_get_last_error(void);                                   /* cudaGetLastError */
PANATTN_API int panattn_cuda_runtime_get_version(int* version);                      /* cudaRuntimeGetVersion */
PANATTN_API int panattn_cuda_driver_get_version(int* version);                       /* cudaDriverGetVersion */
PANATTN_API int panattn_cuda_mem_get_info(size_t* free_bytes, size_t* total_bytes);  /* cudaMemGetInfo */
PANATTN_API int panattn_cuda_malloc(void** pointer, size_t bytes);                   /* cudaMalloc */
PANATTN_API int panattn_cuda_free(void* pointer);                                    /* cudaFree */
PANATTN_API int panattn_cuda_memset(void* pointer, int value, size_t bytes);         /* cudaMemset */
PANATTN_API int panattn_cuda_memcpy(void* dst, const void* src, size_t bytes, int kind); /* cudaMemcpy */
PANATTN_API int panattn_cuda_memcpy_async(void* dst, const void* src, size_t bytes, int kind,
                                          void* stream);                             /* cudaMemcpyAsync */
PANATTN_API int panattn_cuda_stream_create(void** stream);                           /* cudaStreamCreate */
PANATTN_API int panattn_cuda_stream_synchronize(void* stream);                       /* cudaStreamSynchronize */
PANATTN_API int panattn_cuda_stream_destroy(void* stream);                           /* cudaStreamDestroy */

/*
 * Certified top-k attention (Tzachristas et al.), shared verbatim by host and device code; the semantics are those
 * of org.panattn.ref.ReferenceTopK. Per row (b, h, i) with visible keys [0, n), n = n_k, or with causal != 0
 * n = clamp(i + n_k - n_q + 1, 0, n_k) (bottom-right aligned), logits s_j = scale * q_i . k_j and P = softmax(s):
 *   k_fixed > 0   keep the min(k_fixed, n) largest logits
 *   k_fixed == 0  keep the fewest largest logits whose discarded tail mass tau = sum_{j not kept} p_j is <= epsilon
 *                 (certify EXACT), or whose blockwise bound U / (Z_H + U) is <= epsilon (certify BOUND; U = sum over
 *                 PANATTN_TOPK_BLOCK-key blocks of the block's tail count times its largest tail weight, Z_H the
 *                 kept mass)
 * Ties go to the lower key index. Outputs, each written for every row (all but out may be NULL):
 *   out          [batch, heads_q, n_q, head_dim_v] F32   softmax renormalised over the kept keys, times V
 *   kept_count   [batch, heads_q, n_q] I32               keys kept
 *   tail         [batch, heads_q, n_q] F32               tau (EXACT) or the bound (BOUND)
 *   certificate  [batch, heads_q, n_q] F32               tail * (max discarded ||v_j|| + ||out||), rounded up: an upper
 *                                                        bound on ||Attn - Attn_k||_2 that reads no discarded V row when
 *                                                        value_norms [batch, heads_kv, n_k] F32 (||v_j||_2) is given
 *   exact_error  [batch, heads_q, n_q] F32               ||Attn - Attn_k||_2 (reads every visible V row)
 *   indices      [batch, heads_q, n_q, index_capacity] I32  kept key positions ascending, then -1
 * A row with no visible key keeps 0 keys and writes out 0, tail 0, certificate 0, exact error 0. A row whose logits
 * contain NaN or +inf, or are all -inf, keeps all n keys and writes NaN to out, tail, certificate and exact error:
 * never a claim.
 *
 * Strides count elements; the last dimension of every tensor is contiguous. GQA as in dense attention (query head h
 * reads kv head h / (heads_q / heads_kv)). Storage dtypes of q, k, v: PANATTN_DTYPE_*; arithmetic is fp32, masses
 * and their comparisons with epsilon are fp64.
 *
 * scratch: device memory of scratch_bytes bytes the kernel uses as workspace (logits of the rows in flight and per
 * block summaries); panattn_topk_workspace_bytes gives the size that runs the most thread blocks at once, and any
 * size of at least panattn_topk_min_workspace_bytes works (fewer blocks at once). Its first 8 bytes receive the
 * index status when the launch completes: UINT64_MAX if every row's kept indices fit in index_capacity, else
 * (row << 32) | kept of the lowest row that keeps more than index_capacity keys, row = (b * heads_q + h) * n_q + i
 * (that row's indices hold its first index_capacity kept positions).
 */

/* Keys per block of the blockwise bound and of the kernel's passes. */
#define PANATTN_TOPK_BLOCK 64

/* Largest head_dim and head_dim_v the top-k kernel accepts. */
#define PANATTN_TOPK_MAX_HEAD_DIM 256

/* Certification modes (panattn_topk_params.certify). */
#define PANATTN_TOPK_CERTIFY_EXACT 0
#define PANATTN_TOPK_CERTIFY_BOUND 1

typedef struct panattn_topk_params {
    const void* q;
    const void* k;
    const void* v;
    const float* value_norms;
    float* out;
    int32_t* kept_count;
    float* tail;
    float* certificate;
    float* exact_error;
    int32_t* indices;
    void* scratch;
    int64_t scratch_bytes;

    int64_t batch;
    int64_t heads_q;
    int64_t heads_kv;
    int64_t n_q;
    int64_t n_k;
    int64_t head_dim;
    int64_t head_dim_v;
    int64_t index_capacity;

    int64_t q_stride_b;
    int64_t q_stride_h;
    int64_t q_stride_n;
    int64_t k_stride_b;
    int64_t k_stride_h;
    int64_t k_stride_n;
    int64_t v_stride_b;
    int64_t v_stride_h;
    int64_t v_stride_n;
    int64_t value_norms_stride_b;
    int64_t value_norms_stride_h;
    int64_t value_norms_stride_n;
    int64_t out_stride_b;
    int64_t out_stride_h;
    int64_t out_stride_n;
    int64_t kept_count_stride_b;
    int64_t kept_count_stride_h;
    int64_t kept_count_stride_n;
    int64_t tail_stride_b;
    int64_t tail_stride_h;
    int64_t tail_stride_n;
    int64_t certificate_stride_b;
    int64_t certificate_stride_h;
    int64_t certificate_stride_n;
    int64_t exact_error_stride_b;
    int64_t exact_error_stride_h;
    int64_t exact_error_stride_n;
    int64_t indices_stride_b;
    int64_t indices_stride_h;
    int64_t indices_stride_n;

    int32_t q_dtype;
    int32_t k_dtype;
    int32_t v_dtype;
    int32_t causal;
    int32_t certify;
    int32_t k_fixed;
    double epsilon;
    float scale;
} panattn_topk_params;

/*
 * Workspace sizes of a params block (scratch and scratch_bytes are not read): the size that lets the launch run every
 * thread block it may run at once, and the least size it runs with. 0 for an invalid params block.
 */
PANATTN_API int64_t panattn_topk_workspace_bytes(const panattn_topk_params* params);
PANATTN_API int64_t panattn_topk_min_workspace_bytes(const panattn_topk_params* params);

/*
 * Launches certified top-k attention on the current device, on `stream` (NULL = the default stream): resets the
 * index status in scratch, then runs the kernel. Returns cudaSuccess once launched, cudaErrorInvalidValue for an
 * invalid params block (NULL pointers for memory the launch reads or writes, negative sizes or strides, heads_q not
 * a multiple of heads_kv, head dims above PANATTN_TOPK_MAX_HEAD_DIM, an unknown dtype or certify mode, k_fixed < 0,
 * epsilon outside (0, 1) when k_fixed == 0, a non-finite scale, 2^31 rows (batch * heads_q * n_q) or keys or more,
 * scratch_bytes below panattn_topk_min_workspace_bytes), or the launch error.
 */
PANATTN_API int panattn_topk_attention(const panattn_topk_params* params, void* stream);

/* ---------------------------------------------------------------------------------------------------------
 * OBCache: KV-cache saliency scores and eviction (Gu et al.; org.panattn.kvcache).
 *
 *   q      [batch, heads_q,  n_q, head_dim]    the window is its last `window` rows; q_stride_* as for dense
 *   k      [batch, heads_kv, n_k, head_dim]    (evict: compacted in place)
 *   v      [batch, heads_kv, n_k, head_dim_v]  (evict: compacted in place)
 *   scores [batch, score_heads, n_k]  F32; score_heads = heads_q with PANATTN_OBCACHE_AGG_NONE, else heads_kv
 *                                     (evict: heads_kv; read for the selection, then compacted in place)
 *   kept   [batch, heads_kv, budget]  I32 (evict only): kept positions, ascending
 *
 * panattn_obcache_scores writes (accumulate = 0) or adds (accumulate != 0) per key j
 *   value       sum_i A_ij^2 ||v_j||^2
 *   key         sum_i A_ij^2 z_ij^2 ||v_j - o_i||^2
 *   joint       value + key + 2 sum_i A_ij^2 z_ij (||v_j||^2 - o_i.v_j)
 *   accumulated sum_i A_ij
 * over the window rows i a key is visible to (causal: j <= i + n_k - n_q), z_ij = scale * q_i.k_j, A the softmax,
 * o_i the window output; each query head's row is max-pooled over [j - pool_radius, j + pool_radius] (0: none),
 * then the heads of a GQA group are averaged (MEAN), maxed (MAX) or kept apart (NONE).
 * It runs dense attention on the window first (panattn_dense_attention), so head dims are limited as there,
 * unless the caller gives the window's attention: window_outputs [batch, heads_q, window, head_dim_v] and
 * window_lse [batch, heads_q, window] (natural log), both F32 and contiguous; both NULL: computed here.
 *
 * panattn_obcache_evict keeps, per (batch, kv head), the first `sink` and last `recent` tokens and the `budget -
 * sink - recent` others with the highest scores (ties: lower position; NaN last), writes their positions to
 * kept and gathers rows [0, budget) of k, v and scores from them (through the workspace: no row is overwritten
 * before it is read).
 *
 * Both need `workspace`: device memory of panattn_obcache_workspace_bytes(params, operation) bytes, 256-aligned.
 * They return cudaErrorInvalidValue for an invalid params block (as dense; also window outside [1, n_q], budget
 * outside [sink + recent, n_k], unknown score or aggregation, pool_radius < 0, a NULL workspace), else the launch
 * error. Work is queued on `stream`; completion is asynchronous.
 */
#define PANATTN_OBCACHE_SCORE_VALUE 0
#define PANATTN_OBCACHE_SCORE_KEY 1
#define PANATTN_OBCACHE_SCORE_JOINT 2
#define PANATTN_OBCACHE_SCORE_ACCUMULATED 3
#define PANATTN_OBCACHE_AGG_MEAN 0
#define PANATTN_OBCACHE_AGG_MAX 1
#define PANATTN_OBCACHE_AGG_NONE 2
#define PANATTN_OBCACHE_OP_SCORES 0
#define PANATTN_OBCACHE_OP_EVICT 1

typedef struct panattn_obcache_params {
    const void* q;
    void* k;
    void* v;
    float* scores;
    int32_t* kept;
    void* workspace;
    const float* window_outputs;
    const float* window_lse;

    int64_t batch;
    int64_t heads_q;
    int64_t heads_kv;
    int64_t n_q;
    int64_t n_k;
    int64_t head_dim;
    int64_t head_dim_v;

    int64_t q_stride_b;
    int64_t q_stride_h;
    int64_t q_stride_n;
    int64_t k_stride_b;
    int64_t k_stride_h;
    int64_t k_stride_n;
    int64_t v_stride_b;
    int64_t v_stride_h;
    int64_t v_stride_n;
    int64_t scores_stride_b;
    int64_t scores_stride_h;
    int64_t scores_stride_n;
    int64_t kept_stride_b;
    int64_t kept_stride_h;
    int64_t kept_stride_n;

    int64_t window;
    int64_t budget;
    int64_t recent;
    int64_t sink;

    int32_t q_dtype;
    int32_t k_dtype;
    int32_t v_dtype;
    int32_t score;
    int32_t aggregation;
    int32_t pool_radius;
    int32_t causal;
    int32_t accumulate;
    float scale;
} panattn_obcache_params;

/* Workspace bytes `operation` (PANATTN_OBCACHE_OP_*) needs for these params; -1 if the params are invalid. */
PANATTN_API int64_t panattn_obcache_workspace_bytes(const panattn_obcache_params* params, int operation);

/* Saliency scores (see above) on the current device, queued on `stream`. */
PANATTN_API int panattn_obcache_scores(const panattn_obcache_params* params, void* stream);

/* Eviction with in-place compaction (see above) on the current device, queued on `stream`. */
PANATTN_API int panattn_obcache_evict(const panattn_obcache_params* params, void* stream);

/*
 * Windowed/linear hybrid attention (LoLCATs form; see org.panattn.hybrid.HybridSpec for the formula), shared
 * verbatim by host and device code. One thread block per (batch, kv head) walks the tokens in order with the
 * recurrent state (the same code serves prefill, from an empty state, and decode, from `start` tokens):
 *
 *   q   [batch, heads_q,  n, head_dim]     element (b,h,i,d) at q[b*q_stride_b + h*q_stride_h + i*q_stride_n + d]
 *   k   [batch, heads_kv, n, head_dim]     likewise with k_stride_*, the n new keys
 *   v   [batch, heads_kv, n, head_dim_v]   likewise with v_stride_*
 *   out [batch, heads_q,  n, head_dim_v]   F32, likewise with out_stride_*
 *   diagnostics [batch, heads_q, 4]        F32 contiguous, or NULL: mean shares (window, linear) of the normaliser,
 *                                          then of the output norm, over the call's rows
 *   weights_q, weights_k [heads_q, head_dim, projected]  F32 contiguous feature weights, or NULL (u = x)
 *   window_factor [heads_q]                F32 g per head; drop_window [batch, heads_q] I32 or NULL
 *   state, all F32 contiguous: key_ring [batch, heads_kv, window, head_dim], value_ring [.., window, head_dim_v],
 *   kv_state [batch, heads_q, features, head_dim_v], z_state [batch, heads_q, features],
 *   sink_keys [batch, heads_kv, sinks, head_dim], sink_values [.., sinks, head_dim_v]
 *
 * reset != 0 zeroes kv_state and z_state first (a prefill); start is the number of tokens the state already holds.
 * feature_map and mode take the PANATTN_HYBRID_* values below. Sizes: head_dim, head_dim_v and projected up to
 * PANATTN_HYBRID_MAX_DIM, features up to PANATTN_HYBRID_MAX_FEATURES, window and sinks up to
 * PANATTN_HYBRID_MAX_WINDOW.
 */
#define PANATTN_HYBRID_MAX_DIM 256
#define PANATTN_HYBRID_MAX_FEATURES 512
#define PANATTN_HYBRID_MAX_WINDOW 4096

#define PANATTN_HYBRID_MAP_HEDGEHOG 0
#define PANATTN_HYBRID_MAP_ELU1 1
#define PANATTN_HYBRID_MAP_RELU 2
#define PANATTN_HYBRID_MAP_EXP 3

#define PANATTN_HYBRID_MODE_HYBRID 0
#define PANATTN_HYBRID_MODE_WINDOW_ONLY 1
#define PANATTN_HYBRID_MODE_LINEAR_ONLY 2
#define PANATTN_HYBRID_MODE_SINKS_ONLY 3
#define PANATTN_HYBRID_MODE_ZERO 4

typedef struct panattn_hybrid_params {
    const void* q;
    const void* k;
    const void* v;
    float* out;
    float* diagnostics;
    const float* weights_q;
    const float* weights_k;
    const float* window_factor;
    const int32_t* drop_window;
    float* key_ring;
    float* value_ring;
    float* kv_state;
    float* z_state;
    float* sink_keys;
    float* sink_values;

    int64_t batch;
    int64_t heads_q;
    int64_t heads_kv;
    int64_t n;
    int64_t head_dim;
    int64_t head_dim_v;
    int64_t projected;
    int64_t features;
    int64_t start;

    int64_t q_stride_b;
    int64_t q_stride_h;
    int64_t q_stride_n;
    int64_t k_stride_b;
    int64_t k_stride_h;
    int64_t k_stride_n;
    int64_t v_stride_b;
    int64_t v_stride_h;
    int64_t v_stride_n;
    int64_t out_stride_b;
    int64_t out_stride_h;
    int64_t out_stride_n;

    int32_t q_dtype;
    int32_t k_dtype;
    int32_t v_dtype;
    int32_t feature_map;
    int32_t mode;
    int32_t window;
    int32_t sinks;
    int32_t affine;
    int32_t reset;
    float scale;
} panattn_hybrid_params;

/*
 * Launches hybrid attention on the current device, on `stream`. Returns cudaSuccess once launched,
 * cudaErrorInvalidValue for an invalid params block (NULL pointers for memory the call reads or writes, negative
 * sizes or strides, heads_q not a multiple of heads_kv, sizes above the PANATTN_HYBRID_MAX_* limits, features not
 * matching feature_map and projected, an unknown dtype, map or mode, window < 1, sinks < 0 or 0 in sinks-only
 * mode, a non-finite scale), or the launch error.
 */
PANATTN_API int panattn_hybrid_attention(const panattn_hybrid_params* params, void* stream);

/*
 * DiTFastAttn (issue 6): non-causal window attention, the fused full + window + residual pass of WA-RS, and the
 * residual add. Self-attention: q [batch, heads_q, n, head_dim], k [batch, heads_kv, n, head_dim],
 * v [batch, heads_kv, n, head_dim_v] (any dtype each, strides in elements, last dim contiguous, GQA as dense);
 * outputs F32 [batch, heads_q, n, head_dim_v] with their own strides. Query i sees keys |i - j| <= window.
 *   panattn_dit_window:                 window_out = W (full_out and residual_out unused)
 *   panattn_dit_full_window_residual:   residual_out = O - W and full_out = W + (O - W), each rounded once in
 *                                       fp32, and window_out = W when not NULL. W is bit for bit what
 *                                       panattn_dit_window computes, so adding the residual to it gives full_out.
 * Both return cudaErrorInvalidValue for an invalid block (NULL pointers for non-empty tensors, negative sizes,
 * strides or window, heads_q not a multiple of heads_kv, head dims above PANATTN_DIT_MAX_HEAD_DIM, an unknown
 * dtype, a non-finite scale, more blocks than one launch holds), else the launch error.
 */
#define PANATTN_DIT_MAX_HEAD_DIM 256

typedef struct panattn_dit_params {
    const void* q;
    const void* k;
    const void* v;
    float* window_out;
    float* full_out;
    float* residual_out;

    int64_t batch;
    int64_t heads_q;
    int64_t heads_kv;
    int64_t n;
    int64_t head_dim;
    int64_t head_dim_v;

    int64_t q_stride_b;
    int64_t q_stride_h;
    int64_t q_stride_n;
    int64_t k_stride_b;
    int64_t k_stride_h;
    int64_t k_stride_n;
    int64_t v_stride_b;
    int64_t v_stride_h;
    int64_t v_stride_n;
    int64_t window_stride_b;
    int64_t window_stride_h;
    int64_t window_stride_n;
    int64_t full_stride_b;
    int64_t full_stride_h;
    int64_t full_stride_n;
    int64_t residual_stride_b;
    int64_t residual_stride_h;
    int64_t residual_stride_n;

    int32_t q_dtype;
    int32_t k_dtype;
    int32_t v_dtype;
    int32_t window;
    float scale;
} panattn_dit_params;

PANATTN_API int panattn_dit_window(const panattn_dit_params* params, void* stream);
PANATTN_API int panattn_dit_full_window_residual(const panattn_dit_params* params, void* stream);

/* out = window + residual element by element (fp32, rounded once), all F32 [batch, heads, n, head_dim_v]. */
typedef struct panattn_dit_residual_add_params {
    const float* window;
    const float* residual;
    float* out;
    int64_t batch;
    int64_t heads;
    int64_t n;
    int64_t head_dim_v;
    int64_t window_stride_b;
    int64_t window_stride_h;
    int64_t window_stride_n;
    int64_t residual_stride_b;
    int64_t residual_stride_h;
    int64_t residual_stride_n;
    int64_t out_stride_b;
    int64_t out_stride_h;
    int64_t out_stride_n;
} panattn_dit_residual_add_params;

PANATTN_API int panattn_dit_residual_add(const panattn_dit_residual_add_params* params, void* stream);

/*
 * Sparse-autoencoder kernels (org.panattn.sae): one GEMM with a fused epilogue for encode and decode, one fused
 * steering kernel, and the row kernels of TopK encode, sparse output and feature statistics. Token rows of [T, w]
 * or [B, T, w] tensors are addressed as
 *   row r = b * rows_per_batch + t  at  base + b * stride_batch + t * stride_row  (elements; last dim contiguous).
 */

/* Epilogues of panattn_sae_gemm: c = act(a b + bias). */
#define PANATTN_SAE_ACT_NONE 0
#define PANATTN_SAE_ACT_RELU 1
#define PANATTN_SAE_ACT_JUMP_RELU 2

/* dtype code of an int32 steering mask (the float codes are PANATTN_DTYPE_*). */
#define PANATTN_SAE_MASK_I32 3

/* Most (feature, value) edits one panattn_sae_steer launch applies. */
#define PANATTN_SAE_MAX_EDITS 8

/* Steering modes: CLAMP sets f_j to value, ADD adds value * W_dec[j]. */
#define PANATTN_SAE_CLAMP 0
#define PANATTN_SAE_ADD 1

/*
 * c[r, j] = act(sum_p (a[r, p] - center[p]) b[p, j] + bias[j]) for r < rows, j < n, p < k; fp32 accumulation.
 *   a       token rows [rows, k] (a_dtype), see above for the row addressing
 *   b       [k, n] row-major with row stride b_stride (b_dtype)
 *   bias    [n] with stride bias_stride, or NULL (0)
 *   threshold [n] with stride threshold_stride: JUMP_RELU keeps h where h > threshold (a NaN h stays NaN)
 *   center  [k] with stride center_stride, or NULL (no centring)
 *   c       F32 token rows [rows, n]
 * Encode: a = x, b = W_enc, bias = b_enc; decode: a = f, b = W_dec, bias = b_dec, act NONE.
 */
typedef struct panattn_sae_gemm_params {
    const void* a;
    const void* b;
    const void* bias;
    const void* threshold;
    const void* center;
    float* c;

    int64_t rows;
    int64_t k;
    int64_t n;
    int64_t a_rows_per_batch;
    int64_t a_stride_batch;
    int64_t a_stride_row;
    int64_t b_stride;
    int64_t bias_stride;
    int64_t threshold_stride;
    int64_t center_stride;
    int64_t c_rows_per_batch;
    int64_t c_stride_batch;
    int64_t c_stride_row;

    int32_t a_dtype;
    int32_t b_dtype;
    int32_t bias_dtype;
    int32_t threshold_dtype;
    int32_t center_dtype;
    int32_t activation;
} panattn_sae_gemm_params;

/*
 * Launches the tiled GEMM with its fused epilogue on `stream`. Returns cudaSuccess once launched,
 * cudaErrorInvalidValue for an invalid params block (NULL pointers where memory is read or written, negative
 * sizes or strides, an unknown dtype or activation, JUMP_RELU without a threshold, too many blocks), or the
 * launch error.
 */
PANATTN_API int panattn_sae_gemm(const panattn_sae_gemm_params* params, void* stream);

/*
 * The epilogue alone, in place: c[r, j] = act(c[r, j] + bias[j]) (a, b and center are ignored). Used after a
 * cuBLAS GEMM wrote c = a b. Same return values as panattn_sae_gemm.
 */
PANATTN_API int panattn_sae_bias_activate(const panattn_sae_gemm_params* params, void* stream);

/*
 * One-feature steering of token rows x [tokens, d_in] into out (which may be x itself):
 *   for every token selected by mask (NULL: all; nonzero = selected): delta_e = value_e - f_j(x) for CLAMP
 *   (f_j(x) = act((x - center) . w_enc[:, j] + b_enc[j]), act = JumpReLU with threshold or ReLU), value_e for
 *   ADD; out = x + sum_e delta_e w_dec[j_e, :]. Unselected tokens are copied. All f_j are evaluated on the
 *   unedited x. w_enc [d_in, d_sae] (row stride w_enc_stride), w_dec [d_sae, d_in] (row stride w_dec_stride).
 */
typedef struct panattn_sae_steer_params {
    const void* x;
    void* out;
    const void* w_enc;
    const void* b_enc;
    const void* threshold;
    const void* center;
    const void* w_dec;
    const void* mask;

    int64_t tokens;
    int64_t d_in;
    int64_t d_sae;
    int64_t x_rows_per_batch;
    int64_t x_stride_batch;
    int64_t x_stride_row;
    int64_t out_rows_per_batch;
    int64_t out_stride_batch;
    int64_t out_stride_row;
    int64_t mask_rows_per_batch;
    int64_t mask_stride_batch;
    int64_t mask_stride_row;
    int64_t w_enc_stride;
    int64_t b_enc_stride;
    int64_t threshold_stride;
    int64_t center_stride;
    int64_t w_dec_stride;

    int32_t x_dtype;
    int32_t out_dtype;
    int32_t w_enc_dtype;
    int32_t b_enc_dtype;
    int32_t threshold_dtype;
    int32_t center_dtype;
    int32_t w_dec_dtype;
    int32_t mask_dtype;
    int32_t activation;
    int32_t edits;
    int32_t feature[PANATTN_SAE_MAX_EDITS];
    int32_t mode[PANATTN_SAE_MAX_EDITS];
    float value[PANATTN_SAE_MAX_EDITS];
} panattn_sae_steer_params;

/*
 * Launches the steering kernel (one block per token) on `stream`. Returns cudaSuccess once launched,
 * cudaErrorInvalidValue for an invalid params block (edits outside [1, PANATTN_SAE_MAX_EDITS], a feature outside
 * [0, d_sae), a non-finite value, an unknown dtype, mode or activation, NULL pointers where memory is used,
 * negative sizes or strides), or the launch error.
 */
PANATTN_API int panattn_sae_steer(const panattn_sae_steer_params* params, void* stream);

/*
 * The kernels over F32 feature rows features [rows, d_sae] (token rows, addressed as above) that follow a
 * panattn_sae_gemm of x W_enc: TopK selection, sparse output and feature statistics. They rank as
 * org.panattn.ref.ReferenceSae does: value descending in the order of Java's Float.compare (every NaN above +inf,
 * -0 below +0), ties to the lower index. Each function reads only the fields it names.
 *   panattn_sae_topk        in place, per row: the k largest pre-activations h become f = max(h, 0) (a NaN h stays
 *                           NaN), every other entry 0; k >= d_sae keeps every entry. Reads features, rows, d_sae, k.
 *   panattn_sae_sparse      per row: active_count = the number of f != 0 (NaN counts), and the min(active, capacity)
 *                           strongest nonzero f, strongest first, as (indices, values) rows [rows, capacity], padded
 *                           with index -1 and value 0. Reads features, indices, values, active_count, rows, d_sae
 *                           (at most 2^31 - 1), capacity.
 *   panattn_sae_accumulate  for every row the mask selects (NULL: all; nonzero, or NaN, = selected):
 *                           sums[j] += f[j] (in double) and active[j] += 1 where f[j] != 0, and tokens[0] += 1.
 *                           Adds to what the three arrays hold (zero them before a first call); the order of the
 *                           double additions is unspecified. Reads features, mask, sums, active, tokens, rows, d_sae.
 */
typedef struct panattn_sae_features_params {
    float* features;
    int32_t* indices;
    float* values;
    int32_t* active_count;  /* token rows of width 1 */
    const void* mask;       /* token rows of width 1: I32 (PANATTN_SAE_MASK_I32) or a float dtype, or NULL */
    double* sums;           /* [d_sae] */
    int64_t* active;        /* [d_sae] */
    int64_t* tokens;        /* [1] */

    int64_t rows;
    int64_t d_sae;
    int64_t k;
    int64_t capacity;
    int64_t features_rows_per_batch;
    int64_t features_stride_batch;
    int64_t features_stride_row;
    int64_t indices_rows_per_batch;
    int64_t indices_stride_batch;
    int64_t indices_stride_row;
    int64_t values_rows_per_batch;
    int64_t values_stride_batch;
    int64_t values_stride_row;
    int64_t count_rows_per_batch;
    int64_t count_stride_batch;
    int64_t count_stride_row;
    int64_t mask_rows_per_batch;
    int64_t mask_stride_batch;
    int64_t mask_stride_row;

    int32_t mask_dtype;
} panattn_sae_features_params;

/*
 * Launch the kernels above on `stream`. Each returns cudaSuccess once launched (or for rows = 0),
 * cudaErrorInvalidValue for an invalid params block (NULL where memory is used, d_sae < 1, negative rows, sizes or
 * strides, rows per batch below 1, k or capacity below 1, an unknown mask dtype, too many blocks), or the launch
 * error.
 */
PANATTN_API int panattn_sae_topk(const panattn_sae_features_params* params, void* stream);
PANATTN_API int panattn_sae_sparse(const panattn_sae_features_params* params, void* stream);
PANATTN_API int panattn_sae_accumulate(const panattn_sae_features_params* params, void* stream);

#ifdef __cplusplus
}
#endif

#endif /* PANATTN_H */
