#!/usr/bin/python3
"""Builds the ONNX graphs that ONNX Runtime runs in the panattn benchmarks.

Each graph has fixed shapes (so ORT can plan its memory and fold the causal mask into a constant once per
session) and no weights, so the files are a few hundred bytes and are committed next to this script.
Two forms of every computation:
  graph-*.onnx   plain ops: MatMul(Q, K^T) * scale (+ causal mask) -> Softmax -> MatMul(P, V); ORT fuses
                 the transpose and the scale into one com.microsoft.FusedMatMul.
  attn23-*.onnx  the single ONNX Attention op (opset 23), which ORT's CPU provider implements natively,
                 with is_causal and grouped-query attention (q_num_heads a multiple of kv_num_heads).
  mha-*.onnx     prefill only: ORT's contrib op com.microsoft.MultiHeadAttention, which takes q, k, v in the
                 [B, N, H*D] layout (the same numbers as [B,H,N,D] stored token-major; panattn reads that
                 layout as a strided [B,H,N,D] view without a copy). It has no grouped-query form, so decode
                 has none.
The Java benchmarks (org.panattn.bench.OrtModels) pick a file by name; names encode every size.

Needs the Debian package python3-onnx (any onnx >= 1.12): /usr/bin/python3 bench/onnx/make_models.py
"""
import math
import os
import sys

import onnx
from onnx import TensorProto, helper

OUT_DIR = os.path.dirname(os.path.abspath(__file__))
PREFILL_HEADS = 8
PREFILL_SEQ = (1024, 4096)
PREFILL_HEAD_DIM = (64, 128)
DECODE_HEADS_Q = 32
DECODE_HEADS_KV = 4
DECODE_HEAD_DIM = 128
DECODE_KEYS = (4096, 16384, 32768)

# opset 17 covers every plain op used (Trilu >= 14); the Attention op exists from opset 23, which ORT >= 1.23
# supports (IR version 10 is what opset 23 models are stamped with).
PLAIN_OPSET, PLAIN_IR = 17, 8
ATTENTION_OPSET, ATTENTION_IR = 23, 10


def f32(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, list(shape))


def i64(name, values):
    return helper.make_tensor(name, TensorProto.INT64, [len(values)], list(values))


def save(nodes, inputs, outputs, initializers, opset, ir, file_name):
    graph = helper.make_graph(nodes, os.path.splitext(file_name)[0], inputs, outputs, initializer=initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                              producer_name="panattn-bench")
    model.ir_version = ir
    if opset <= onnx.defs.onnx_opset_version():
        onnx.checker.check_model(model, full_check=True)
    path = os.path.join(OUT_DIR, file_name)
    onnx.save(model, path)
    return path


def plain_attention_nodes(scale, causal, seq_q, seq_k):
    """q, k, v -> out with the softmax over the last axis; the causal mask is -inf above the diagonal."""
    nodes = [
        helper.make_node("Transpose", ["k"], ["k_t"], perm=[0, 1, 3, 2]),
        helper.make_node("MatMul", ["q", "k_t"], ["qk"]),
        helper.make_node("Mul", ["qk", "scale"], ["logits"]),
    ]
    initializers = [helper.make_tensor("scale", TensorProto.FLOAT, [], [scale])]
    softmax_in = "logits"
    if causal:
        # A constant subgraph: ORT folds it into one [Nq, Nk] initializer when the session is created.
        nodes += [
            helper.make_node("ConstantOfShape", ["mask_shape"], ["minus_inf"],
                             value=helper.make_tensor("fill", TensorProto.FLOAT, [1], [-math.inf])),
            helper.make_node("Trilu", ["minus_inf", "diagonal"], ["mask"], upper=1),
            helper.make_node("Add", ["logits", "mask"], ["masked"]),
        ]
        initializers += [i64("mask_shape", [seq_q, seq_k]),
                         helper.make_tensor("diagonal", TensorProto.INT64, [], [seq_k - seq_q + 1])]
        softmax_in = "masked"
    nodes += [
        helper.make_node("Softmax", [softmax_in], ["p"], axis=-1),
        helper.make_node("MatMul", ["p", "v"], ["out"]),
    ]
    return nodes, initializers


def prefill_graph(n, d, causal):
    shape = (1, PREFILL_HEADS, n, d)
    nodes, inits = plain_attention_nodes(1.0 / math.sqrt(d), causal, n, n)
    return save(nodes, [f32("q", shape), f32("k", shape), f32("v", shape)], [f32("out", shape)], inits,
                PLAIN_OPSET, PLAIN_IR, prefill_name("graph", n, d, causal))


def prefill_attention23(n, d, causal):
    shape = (1, PREFILL_HEADS, n, d)
    node = helper.make_node("Attention", ["q", "k", "v"], ["out"], is_causal=int(causal),
                            scale=1.0 / math.sqrt(d))
    return save([node], [f32("q", shape), f32("k", shape), f32("v", shape)], [f32("out", shape)], [],
                ATTENTION_OPSET, ATTENTION_IR, prefill_name("attn23", n, d, causal))


def prefill_mha(n, d, causal):
    shape = (1, n, PREFILL_HEADS * d)
    node = helper.make_node("MultiHeadAttention", ["q", "k", "v"], ["out"], domain="com.microsoft",
                            num_heads=PREFILL_HEADS, scale=1.0 / math.sqrt(d), unidirectional=int(causal))
    graph = helper.make_graph([node], os.path.splitext(prefill_name("mha", n, d, causal))[0],
                              [f32("q", shape), f32("k", shape), f32("v", shape)], [f32("out", shape)])
    model = helper.make_model(graph, producer_name="panattn-bench",
                              opset_imports=[helper.make_opsetid("", PLAIN_OPSET),
                                             helper.make_opsetid("com.microsoft", 1)])
    model.ir_version = PLAIN_IR
    path = os.path.join(OUT_DIR, prefill_name("mha", n, d, causal))
    onnx.save(model, path)  # no onnx.checker: it does not know ORT's contrib domain
    return path


def decode_graph(nk):
    """GQA by a grouped reshape: the 8 query heads of a kv group become 8 rows of one matrix product, so each
    K/V head is read once per group and never copied or repeated."""
    group = DECODE_HEADS_Q // DECODE_HEADS_KV
    q_shape = (1, DECODE_HEADS_Q, 1, DECODE_HEAD_DIM)
    kv_shape = (1, DECODE_HEADS_KV, nk, DECODE_HEAD_DIM)
    nodes, inits = plain_attention_nodes(1.0 / math.sqrt(DECODE_HEAD_DIM), False, group, nk)
    nodes[1].input[0] = "q_grouped"
    nodes[-1].output[0] = "out_grouped"
    nodes.insert(0, helper.make_node("Reshape", ["q", "grouped_shape"], ["q_grouped"]))
    nodes.append(helper.make_node("Reshape", ["out_grouped", "out_shape"], ["out"]))
    inits += [i64("grouped_shape", [1, DECODE_HEADS_KV, group, DECODE_HEAD_DIM]), i64("out_shape", list(q_shape))]
    return save(nodes, [f32("q", q_shape), f32("k", kv_shape), f32("v", kv_shape)], [f32("out", q_shape)], inits,
                PLAIN_OPSET, PLAIN_IR, decode_name("graph", nk))


def decode_attention23(nk):
    q_shape = (1, DECODE_HEADS_Q, 1, DECODE_HEAD_DIM)
    kv_shape = (1, DECODE_HEADS_KV, nk, DECODE_HEAD_DIM)
    node = helper.make_node("Attention", ["q", "k", "v"], ["out"], scale=1.0 / math.sqrt(DECODE_HEAD_DIM),
                            q_num_heads=DECODE_HEADS_Q, kv_num_heads=DECODE_HEADS_KV)
    return save([node], [f32("q", q_shape), f32("k", kv_shape), f32("v", kv_shape)], [f32("out", q_shape)], [],
                ATTENTION_OPSET, ATTENTION_IR, decode_name("attn23", nk))


def prefill_name(form, n, d, causal):
    return f"{form}-prefill-h{PREFILL_HEADS}-n{n}-d{d}-{'causal' if causal else 'full'}.onnx"


def decode_name(form, nk):
    return f"{form}-decode-hq{DECODE_HEADS_Q}-hkv{DECODE_HEADS_KV}-nk{nk}-d{DECODE_HEAD_DIM}.onnx"


def main():
    written = []
    for n in PREFILL_SEQ:
        for d in PREFILL_HEAD_DIM:
            for causal in (False, True):
                written.append(prefill_graph(n, d, causal))
                written.append(prefill_attention23(n, d, causal))
                written.append(prefill_mha(n, d, causal))
    for nk in DECODE_KEYS:
        written.append(decode_graph(nk))
        written.append(decode_attention23(nk))
    for path in written:
        print(f"{os.path.getsize(path):6d} B  {os.path.relpath(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
