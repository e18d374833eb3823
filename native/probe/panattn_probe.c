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
    /* SAE */
    STRUCT(panattn_sae_gemm_params);
    FIELD(panattn_sae_gemm_params, a);
    FIELD(panattn_sae_gemm_params, b);
    FIELD(panattn_sae_gemm_params, bias);
    FIELD(panattn_sae_gemm_params, threshold);
    FIELD(panattn_sae_gemm_params, center);
    FIELD(panattn_sae_gemm_params, c);
    FIELD(panattn_sae_gemm_params, rows);
    FIELD(panattn_sae_gemm_params, k);
    FIELD(panattn_sae_gemm_params, n);
    FIELD(panattn_sae_gemm_params, a_rows_per_batch);
    FIELD(panattn_sae_gemm_params, a_stride_batch);
    FIELD(panattn_sae_gemm_params, a_stride_row);
    FIELD(panattn_sae_gemm_params, b_stride);
    FIELD(panattn_sae_gemm_params, bias_stride);
    FIELD(panattn_sae_gemm_params, threshold_stride);
    FIELD(panattn_sae_gemm_params, center_stride);
    FIELD(panattn_sae_gemm_params, c_rows_per_batch);
    FIELD(panattn_sae_gemm_params, c_stride_batch);
    FIELD(panattn_sae_gemm_params, c_stride_row);
    FIELD(panattn_sae_gemm_params, a_dtype);
    FIELD(panattn_sae_gemm_params, b_dtype);
    FIELD(panattn_sae_gemm_params, bias_dtype);
    FIELD(panattn_sae_gemm_params, threshold_dtype);
    FIELD(panattn_sae_gemm_params, center_dtype);
    FIELD(panattn_sae_gemm_params, activation);
    STRUCT(panattn_sae_steer_params);
    FIELD(panattn_sae_steer_params, x);
    FIELD(panattn_sae_steer_params, out);
    FIELD(panattn_sae_steer_params, w_enc);
    FIELD(panattn_sae_steer_params, b_enc);
    FIELD(panattn_sae_steer_params, threshold);
    FIELD(panattn_sae_steer_params, center);
    FIELD(panattn_sae_steer_params, w_dec);
    FIELD(panattn_sae_steer_params, mask);
    FIELD(panattn_sae_steer_params, tokens);
    FIELD(panattn_sae_steer_params, d_in);
    FIELD(panattn_sae_steer_params, d_sae);
    FIELD(panattn_sae_steer_params, x_rows_per_batch);
    FIELD(panattn_sae_steer_params, x_stride_batch);
    FIELD(panattn_sae_steer_params, x_stride_row);
    FIELD(panattn_sae_steer_params, out_rows_per_batch);
    FIELD(panattn_sae_steer_params, out_stride_batch);
    FIELD(panattn_sae_steer_params, out_stride_row);
    FIELD(panattn_sae_steer_params, mask_rows_per_batch);
    FIELD(panattn_sae_steer_params, mask_stride_batch);
    FIELD(panattn_sae_steer_params, mask_stride_row);
    FIELD(panattn_sae_steer_params, w_enc_stride);
    FIELD(panattn_sae_steer_params, b_enc_stride);
    FIELD(panattn_sae_steer_params, threshold_stride);
    FIELD(panattn_sae_steer_params, center_stride);
    FIELD(panattn_sae_steer_params, w_dec_stride);
    FIELD(panattn_sae_steer_params, x_dtype);
    FIELD(panattn_sae_steer_params, out_dtype);
    FIELD(panattn_sae_steer_params, w_enc_dtype);
    FIELD(panattn_sae_steer_params, b_enc_dtype);
    FIELD(panattn_sae_steer_params, threshold_dtype);
    FIELD(panattn_sae_steer_params, center_dtype);
    FIELD(panattn_sae_steer_params, w_dec_dtype);
    FIELD(panattn_sae_steer_params, mask_dtype);
    FIELD(panattn_sae_steer_params, activation);
    FIELD(panattn_sae_steer_params, edits);
    FIELD(panattn_sae_steer_params, feature);
    FIELD(panattn_sae_steer_params, mode);
    FIELD(panattn_sae_steer_params, value);
    CONSTANT(PANATTN_SAE_ACT_NONE);
    CONSTANT(PANATTN_SAE_ACT_RELU);
    CONSTANT(PANATTN_SAE_ACT_JUMP_RELU);
    CONSTANT(PANATTN_SAE_MASK_I32);
    CONSTANT(PANATTN_SAE_MAX_EDITS);
    CONSTANT(PANATTN_SAE_CLAMP);
    CONSTANT(PANATTN_SAE_ADD);
    return 0;
}
