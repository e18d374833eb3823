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
 * Strides count elements (not bytes); the last dimension is always contiguous. q, k and v each carry their own
 * dtype (PANATTN_DTYPE_*), so mixed storage types need no conversion pass; they are widened to fp32 on load.
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
 * Sparse-autoencoder kernels (org.panattn.sae): one GEMM with a fused epilogue for encode and decode, one fused
 * steering kernel. Token rows of [T, w] or [B, T, w] tensors are addressed as
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

#ifdef __cplusplus
}
#endif

#endif /* PANATTN_H */
