/*
 * Prints the C layout of every struct in panattn.h, one fact per line, for the Java layout test:
 *   struct <name> size <bytes> align <bytes>
 *   field <struct> <field> offset <bytes> size <bytes>
 *   const <name> <value>
 * Built by CMake whether or not CUDA is available (it needs no CUDA header).
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>

#include "panattn.h"

#define STRUCT(type) printf("struct %s size %zu align %zu\n", #type, sizeof(type), alignof(type))
#define FIELD(type, field) \
    printf("field %s %s offset %zu size %zu\n", #type, #field, offsetof(type, field), sizeof(((type*)0)->field))
#define CONSTANT(name) printf("const %s %ld\n", #name, (long)(name))

int main(void) {
    STRUCT(panattn_dense_params);
    FIELD(panattn_dense_params, q);
    FIELD(panattn_dense_params, k);
    FIELD(panattn_dense_params, v);
    FIELD(panattn_dense_params, out);
    FIELD(panattn_dense_params, lse);
    FIELD(panattn_dense_params, batch);
    FIELD(panattn_dense_params, heads_q);
    FIELD(panattn_dense_params, heads_kv);
    FIELD(panattn_dense_params, n_q);
    FIELD(panattn_dense_params, n_k);
    FIELD(panattn_dense_params, head_dim);
    FIELD(panattn_dense_params, head_dim_v);
    FIELD(panattn_dense_params, q_stride_b);
    FIELD(panattn_dense_params, q_stride_h);
    FIELD(panattn_dense_params, q_stride_n);
    FIELD(panattn_dense_params, k_stride_b);
    FIELD(panattn_dense_params, k_stride_h);
    FIELD(panattn_dense_params, k_stride_n);
    FIELD(panattn_dense_params, v_stride_b);
    FIELD(panattn_dense_params, v_stride_h);
    FIELD(panattn_dense_params, v_stride_n);
    FIELD(panattn_dense_params, out_stride_b);
    FIELD(panattn_dense_params, out_stride_h);
    FIELD(panattn_dense_params, out_stride_n);
    FIELD(panattn_dense_params, lse_stride_b);
    FIELD(panattn_dense_params, lse_stride_h);
    FIELD(panattn_dense_params, lse_stride_n);
    FIELD(panattn_dense_params, q_dtype);
    FIELD(panattn_dense_params, k_dtype);
    FIELD(panattn_dense_params, v_dtype);
    FIELD(panattn_dense_params, causal);
    FIELD(panattn_dense_params, window_left);
    FIELD(panattn_dense_params, window_right);
    FIELD(panattn_dense_params, scale);
    CONSTANT(PANATTN_DTYPE_F32);
    CONSTANT(PANATTN_DTYPE_F16);
    CONSTANT(PANATTN_DTYPE_BF16);
    CONSTANT(PANATTN_DENSE_MAX_HEAD_DIM);
    CONSTANT(PANATTN_DENSE_ROWS_PER_BLOCK);
    CONSTANT(PANATTN_WINDOW_UNBOUNDED);
    CONSTANT(PANATTN_CUDA_MEMCPY_HOST_TO_HOST);
    CONSTANT(PANATTN_CUDA_MEMCPY_HOST_TO_DEVICE);
    CONSTANT(PANATTN_CUDA_MEMCPY_DEVICE_TO_HOST);
    CONSTANT(PANATTN_CUDA_MEMCPY_DEVICE_TO_DEVICE);
    CONSTANT(PANATTN_CUDA_MEMCPY_DEFAULT);
    STRUCT(panattn_topk_params);
    FIELD(panattn_topk_params, q);
    FIELD(panattn_topk_params, k);
    FIELD(panattn_topk_params, v);
    FIELD(panattn_topk_params, value_norms);
    FIELD(panattn_topk_params, out);
    FIELD(panattn_topk_params, kept_count);
    FIELD(panattn_topk_params, tail);
    FIELD(panattn_topk_params, certificate);
    FIELD(panattn_topk_params, exact_error);
    FIELD(panattn_topk_params, indices);
    FIELD(panattn_topk_params, scratch);
    FIELD(panattn_topk_params, scratch_bytes);
    FIELD(panattn_topk_params, batch);
    FIELD(panattn_topk_params, heads_q);
    FIELD(panattn_topk_params, heads_kv);
    FIELD(panattn_topk_params, n_q);
    FIELD(panattn_topk_params, n_k);
    FIELD(panattn_topk_params, head_dim);
    FIELD(panattn_topk_params, head_dim_v);
    FIELD(panattn_topk_params, index_capacity);
    FIELD(panattn_topk_params, q_stride_b);
    FIELD(panattn_topk_params, q_stride_h);
    FIELD(panattn_topk_params, q_stride_n);
    FIELD(panattn_topk_params, k_stride_b);
    FIELD(panattn_topk_params, k_stride_h);
    FIELD(panattn_topk_params, k_stride_n);
    FIELD(panattn_topk_params, v_stride_b);
    FIELD(panattn_topk_params, v_stride_h);
    FIELD(panattn_topk_params, v_stride_n);
    FIELD(panattn_topk_params, value_norms_stride_b);
    FIELD(panattn_topk_params, value_norms_stride_h);
    FIELD(panattn_topk_params, value_norms_stride_n);
    FIELD(panattn_topk_params, out_stride_b);
    FIELD(panattn_topk_params, out_stride_h);
    FIELD(panattn_topk_params, out_stride_n);
    FIELD(panattn_topk_params, kept_count_stride_b);
    FIELD(panattn_topk_params, kept_count_stride_h);
    FIELD(panattn_topk_params, kept_count_stride_n);
    FIELD(panattn_topk_params, tail_stride_b);
    FIELD(panattn_topk_params, tail_stride_h);
    FIELD(panattn_topk_params, tail_stride_n);
    FIELD(panattn_topk_params, certificate_stride_b);
    FIELD(panattn_topk_params, certificate_stride_h);
    FIELD(panattn_topk_params, certificate_stride_n);
    FIELD(panattn_topk_params, exact_error_stride_b);
    FIELD(panattn_topk_params, exact_error_stride_h);
    FIELD(panattn_topk_params, exact_error_stride_n);
    FIELD(panattn_topk_params, indices_stride_b);
    FIELD(panattn_topk_params, indices_stride_h);
    FIELD(panattn_topk_params, indices_stride_n);
    FIELD(panattn_topk_params, q_dtype);
    FIELD(panattn_topk_params, k_dtype);
    FIELD(panattn_topk_params, v_dtype);
    FIELD(panattn_topk_params, causal);
    FIELD(panattn_topk_params, certify);
    FIELD(panattn_topk_params, k_fixed);
    FIELD(panattn_topk_params, epsilon);
    FIELD(panattn_topk_params, scale);
    CONSTANT(PANATTN_TOPK_BLOCK);
    CONSTANT(PANATTN_TOPK_MAX_HEAD_DIM);
    CONSTANT(PANATTN_TOPK_CERTIFY_EXACT);
    CONSTANT(PANATTN_TOPK_CERTIFY_BOUND);
    STRUCT(panattn_obcache_params);
    FIELD(panattn_obcache_params, q);
    FIELD(panattn_obcache_params, k);
    FIELD(panattn_obcache_params, v);
    FIELD(panattn_obcache_params, scores);
    FIELD(panattn_obcache_params, kept);
    FIELD(panattn_obcache_params, workspace);
    FIELD(panattn_obcache_params, window_outputs);
    FIELD(panattn_obcache_params, window_lse);
    FIELD(panattn_obcache_params, batch);
    FIELD(panattn_obcache_params, heads_q);
    FIELD(panattn_obcache_params, heads_kv);
    FIELD(panattn_obcache_params, n_q);
    FIELD(panattn_obcache_params, n_k);
    FIELD(panattn_obcache_params, head_dim);
    FIELD(panattn_obcache_params, head_dim_v);
    FIELD(panattn_obcache_params, q_stride_b);
    FIELD(panattn_obcache_params, q_stride_h);
    FIELD(panattn_obcache_params, q_stride_n);
    FIELD(panattn_obcache_params, k_stride_b);
    FIELD(panattn_obcache_params, k_stride_h);
    FIELD(panattn_obcache_params, k_stride_n);
    FIELD(panattn_obcache_params, v_stride_b);
    FIELD(panattn_obcache_params, v_stride_h);
    FIELD(panattn_obcache_params, v_stride_n);
    FIELD(panattn_obcache_params, scores_stride_b);
    FIELD(panattn_obcache_params, scores_stride_h);
    FIELD(panattn_obcache_params, scores_stride_n);
    FIELD(panattn_obcache_params, kept_stride_b);
    FIELD(panattn_obcache_params, kept_stride_h);
    FIELD(panattn_obcache_params, kept_stride_n);
    FIELD(panattn_obcache_params, window);
    FIELD(panattn_obcache_params, budget);
    FIELD(panattn_obcache_params, recent);
    FIELD(panattn_obcache_params, sink);
    FIELD(panattn_obcache_params, q_dtype);
    FIELD(panattn_obcache_params, k_dtype);
    FIELD(panattn_obcache_params, v_dtype);
    FIELD(panattn_obcache_params, score);
    FIELD(panattn_obcache_params, aggregation);
    FIELD(panattn_obcache_params, pool_radius);
    FIELD(panattn_obcache_params, causal);
    FIELD(panattn_obcache_params, accumulate);
    FIELD(panattn_obcache_params, scale);
    CONSTANT(PANATTN_OBCACHE_SCORE_VALUE);
    CONSTANT(PANATTN_OBCACHE_SCORE_KEY);
    CONSTANT(PANATTN_OBCACHE_SCORE_JOINT);
    CONSTANT(PANATTN_OBCACHE_SCORE_ACCUMULATED);
    CONSTANT(PANATTN_OBCACHE_AGG_MEAN);
    CONSTANT(PANATTN_OBCACHE_AGG_MAX);
    CONSTANT(PANATTN_OBCACHE_AGG_NONE);
    CONSTANT(PANATTN_OBCACHE_OP_SCORES);
    CONSTANT(PANATTN_OBCACHE_OP_EVICT);
    return 0;
}
