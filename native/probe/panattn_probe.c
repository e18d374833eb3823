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
    STRUCT(panattn_dit_params);
    FIELD(panattn_dit_params, q);
    FIELD(panattn_dit_params, k);
    FIELD(panattn_dit_params, v);
    FIELD(panattn_dit_params, window_out);
    FIELD(panattn_dit_params, full_out);
    FIELD(panattn_dit_params, residual_out);
    FIELD(panattn_dit_params, batch);
    FIELD(panattn_dit_params, heads_q);
    FIELD(panattn_dit_params, heads_kv);
    FIELD(panattn_dit_params, n);
    FIELD(panattn_dit_params, head_dim);
    FIELD(panattn_dit_params, head_dim_v);
    FIELD(panattn_dit_params, q_stride_b);
    FIELD(panattn_dit_params, q_stride_h);
    FIELD(panattn_dit_params, q_stride_n);
    FIELD(panattn_dit_params, k_stride_b);
    FIELD(panattn_dit_params, k_stride_h);
    FIELD(panattn_dit_params, k_stride_n);
    FIELD(panattn_dit_params, v_stride_b);
    FIELD(panattn_dit_params, v_stride_h);
    FIELD(panattn_dit_params, v_stride_n);
    FIELD(panattn_dit_params, window_stride_b);
    FIELD(panattn_dit_params, window_stride_h);
    FIELD(panattn_dit_params, window_stride_n);
    FIELD(panattn_dit_params, full_stride_b);
    FIELD(panattn_dit_params, full_stride_h);
    FIELD(panattn_dit_params, full_stride_n);
    FIELD(panattn_dit_params, residual_stride_b);
    FIELD(panattn_dit_params, residual_stride_h);
    FIELD(panattn_dit_params, residual_stride_n);
    FIELD(panattn_dit_params, q_dtype);
    FIELD(panattn_dit_params, k_dtype);
    FIELD(panattn_dit_params, v_dtype);
    FIELD(panattn_dit_params, window);
    FIELD(panattn_dit_params, scale);
    STRUCT(panattn_dit_residual_add_params);
    FIELD(panattn_dit_residual_add_params, window);
    FIELD(panattn_dit_residual_add_params, residual);
    FIELD(panattn_dit_residual_add_params, out);
    FIELD(panattn_dit_residual_add_params, batch);
    FIELD(panattn_dit_residual_add_params, heads);
    FIELD(panattn_dit_residual_add_params, n);
    FIELD(panattn_dit_residual_add_params, head_dim_v);
    FIELD(panattn_dit_residual_add_params, window_stride_b);
    FIELD(panattn_dit_residual_add_params, window_stride_h);
    FIELD(panattn_dit_residual_add_params, window_stride_n);
    FIELD(panattn_dit_residual_add_params, residual_stride_b);
    FIELD(panattn_dit_residual_add_params, residual_stride_h);
    FIELD(panattn_dit_residual_add_params, residual_stride_n);
    FIELD(panattn_dit_residual_add_params, out_stride_b);
    FIELD(panattn_dit_residual_add_params, out_stride_h);
    FIELD(panattn_dit_residual_add_params, out_stride_n);
    CONSTANT(PANATTN_DIT_MAX_HEAD_DIM);
    return 0;
}
