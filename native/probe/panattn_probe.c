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
    CONSTANT(PANATTN_WINDOW_UNBOUNDED);
    CONSTANT(PANATTN_CUDA_MEMCPY_HOST_TO_HOST);
    CONSTANT(PANATTN_CUDA_MEMCPY_HOST_TO_DEVICE);
    CONSTANT(PANATTN_CUDA_MEMCPY_DEVICE_TO_HOST);
    CONSTANT(PANATTN_CUDA_MEMCPY_DEVICE_TO_DEVICE);
    CONSTANT(PANATTN_CUDA_MEMCPY_DEFAULT);
    STRUCT(panattn_hybrid_params);
    FIELD(panattn_hybrid_params, q);
    FIELD(panattn_hybrid_params, k);
    FIELD(panattn_hybrid_params, v);
    FIELD(panattn_hybrid_params, out);
    FIELD(panattn_hybrid_params, diagnostics);
    FIELD(panattn_hybrid_params, weights_q);
    FIELD(panattn_hybrid_params, weights_k);
    FIELD(panattn_hybrid_params, window_factor);
    FIELD(panattn_hybrid_params, drop_window);
    FIELD(panattn_hybrid_params, key_ring);
    FIELD(panattn_hybrid_params, value_ring);
    FIELD(panattn_hybrid_params, kv_state);
    FIELD(panattn_hybrid_params, z_state);
    FIELD(panattn_hybrid_params, sink_keys);
    FIELD(panattn_hybrid_params, sink_values);
    FIELD(panattn_hybrid_params, batch);
    FIELD(panattn_hybrid_params, heads_q);
    FIELD(panattn_hybrid_params, heads_kv);
    FIELD(panattn_hybrid_params, n);
    FIELD(panattn_hybrid_params, head_dim);
    FIELD(panattn_hybrid_params, head_dim_v);
    FIELD(panattn_hybrid_params, projected);
    FIELD(panattn_hybrid_params, features);
    FIELD(panattn_hybrid_params, start);
    FIELD(panattn_hybrid_params, q_stride_b);
    FIELD(panattn_hybrid_params, q_stride_h);
    FIELD(panattn_hybrid_params, q_stride_n);
    FIELD(panattn_hybrid_params, k_stride_b);
    FIELD(panattn_hybrid_params, k_stride_h);
    FIELD(panattn_hybrid_params, k_stride_n);
    FIELD(panattn_hybrid_params, v_stride_b);
    FIELD(panattn_hybrid_params, v_stride_h);
    FIELD(panattn_hybrid_params, v_stride_n);
    FIELD(panattn_hybrid_params, out_stride_b);
    FIELD(panattn_hybrid_params, out_stride_h);
    FIELD(panattn_hybrid_params, out_stride_n);
    FIELD(panattn_hybrid_params, q_dtype);
    FIELD(panattn_hybrid_params, k_dtype);
    FIELD(panattn_hybrid_params, v_dtype);
    FIELD(panattn_hybrid_params, feature_map);
    FIELD(panattn_hybrid_params, mode);
    FIELD(panattn_hybrid_params, window);
    FIELD(panattn_hybrid_params, sinks);
    FIELD(panattn_hybrid_params, affine);
    FIELD(panattn_hybrid_params, reset);
    FIELD(panattn_hybrid_params, scale);
    CONSTANT(PANATTN_HYBRID_MAX_DIM);
    CONSTANT(PANATTN_HYBRID_MAX_FEATURES);
    CONSTANT(PANATTN_HYBRID_MAX_WINDOW);
    CONSTANT(PANATTN_HYBRID_MAP_HEDGEHOG);
    CONSTANT(PANATTN_HYBRID_MAP_ELU1);
    CONSTANT(PANATTN_HYBRID_MAP_RELU);
    CONSTANT(PANATTN_HYBRID_MAP_EXP);
    CONSTANT(PANATTN_HYBRID_MODE_HYBRID);
    CONSTANT(PANATTN_HYBRID_MODE_WINDOW_ONLY);
    CONSTANT(PANATTN_HYBRID_MODE_LINEAR_ONLY);
    CONSTANT(PANATTN_HYBRID_MODE_SINKS_ONLY);
    CONSTANT(PANATTN_HYBRID_MODE_ZERO);
    return 0;
}
