#!/usr/bin/env python3
"""Renders a panattn JMH JSON result file to a Markdown table and an SVG bar chart beside it.

    python3 bench/render.py target/bench/results.json   ->  results.md, results.svg (same folder)

Plain python3, standard library only. Work per call comes from the benchmark parameters (the JSON carries every
size): dense attention FLOPs = 2 * B * Hq * keys * (D + Dv) with keys = n*n, or n*(n+1)/2 when causal (as
org.panattn.dense.DenseProblem.flops()); decode and read-bandwidth bytes = 2 * Hkv * nk * D * 4 (K and V, fp32).
Ratios compare implementations within this one run: "x ORT" = ORT's time / this time (above 1 = faster than
ONNX Runtime, using ORT's fastest graph form measured at that shape); "of read BW" = decode GB/s / the read
bandwidth measured over a buffer of the same size with the same threads.
"""
import html
import json
import os
import sys

TIME_UNIT_SECONDS = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}
IMPL_ORDER = {"panattn": 0, "ort-attn23": 1, "ort-graph": 2, "ort-mha": 3, "ref": 4, "read": 5}
IMPL_COLOURS = {"panattn": "#1f77b4", "ort-attn23": "#ff7f0e", "ort-graph": "#ffbb78", "ort-mha": "#d62728",
                "ref": "#7f7f7f", "read": "#2ca02c"}


def seconds_per_op(record):
    metric = record["primaryMetric"]
    unit = metric["scoreUnit"]
    if unit not in TIME_UNIT_SECONDS:
        raise SystemExit(f"{record['benchmark']}: expected a time per operation, got unit {unit}")
    return metric["score"] * TIME_UNIT_SECONDS[unit]


def attention_flops(heads, n, d, causal):
    keys = n * (n + 1) // 2 if causal else n * n
    return 2.0 * heads * keys * (d + d)


def kv_bytes(heads_kv, nk, d):
    return 2.0 * heads_kv * nk * d * 4


def relative_error(record):
    """JMH's 99.9% confidence half-width as a fraction of the score; None when it has none (e.g. one shot)."""
    metric = record["primaryMetric"]
    error, score = metric.get("scoreError"), metric["score"]
    if not isinstance(error, (int, float)) or error != error or not score:
        return None
    return error / score


def classify(record):
    """One row: (section, shape label, threads, impl, seconds, work, work unit), or None for other benchmarks.
    The read-bandwidth rows get the label of the decode shape whose K+V they match, so they share its group."""
    name = record["benchmark"].rsplit(".", 2)[-2]
    p = record.get("params", {})
    t = seconds_per_op(record)
    threads = int(p.get("threads", record.get("threads", 1)))
    if name in ("PrefillBench", "ReferencePrefillBench"):
        heads, n, d, causal = int(p["heads"]), int(p["n"]), int(p["d"]), p["causal"] == "true"
        shape = f"prefill H{heads} N{n} D{d} {'causal' if causal else 'full'}"
        return ("prefill", shape, threads, p["impl"], t, attention_flops(heads, n, d, causal), "GFLOP/s")
    if name == "DecodeBench":
        shape = f"decode Hkv{p['headsKv']} Nk{p['nk']} D{p['headDim']}"
        return ("decode", shape, threads, p["impl"], t,
                kv_bytes(int(p["headsKv"]), int(p["nk"]), int(p["headDim"])), "GB/s")
    if name == "ReadBandwidthBench":
        shape = f"decode Hkv{p['headsKv']} Nk{p['nk']} D{p['headDim']}"
        return ("decode", shape, threads, "read", t,
                kv_bytes(int(p["headsKv"]), int(p["nk"]), int(p["headDim"])), "GB/s")
    return None


def shape_key(shape):
    """Sort shapes by their numbers, so N1024 precedes N4096 and Nk4096 precedes Nk16384."""
    parts = []
    for token in shape.split():
        digits = "".join(c for c in token if c.isdigit())
        parts.append((0, int(digits), token) if digits and token[0].isalpha() and token[-1].isdigit()
                     else (1, 0, token))
    return parts


def build_rows(records):
    rows = []
    for record in records:
        row = classify(record)
        if row is not None:
            section, shape, threads, impl, t, work, unit = row
            rows.append({"section": section, "shape": shape, "threads": threads, "impl": impl, "seconds": t,
                         "error": relative_error(record), "rate": work / t / 1e9, "unit": unit,
                         "heads_q": int(record.get("params", {}).get("headsQ", 0)) or None})
    groups = {}
    for row in rows:
        groups.setdefault((row["shape"], row["threads"]), []).append(row)
    for group in groups.values():
        ort = [r["seconds"] for r in group if r["impl"].startswith("ort-")]
        read = [r["rate"] for r in group if r["impl"] == "read"]
        for row in group:
            row["vs_ort"] = min(ort) / row["seconds"] if ort else None
            row["of_read_bw"] = row["rate"] / read[0] if read and row["impl"] != "read" else None
    rows.sort(key=lambda r: (r["section"] != "prefill", shape_key(r["shape"]), r["threads"],
                             IMPL_ORDER.get(r["impl"], 9), r["impl"]))
    return rows


def format_time(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} us"


def markdown(rows, source):
    out = [f"Results of `{source}`. Ratios are within this one run; ± is JMH's 99.9% confidence half-width as a "
           "share of the time (empty for single-shot runs).", ""]
    heads_q = sorted({r["heads_q"] for r in rows if r.get("heads_q")})
    decode_title = "GQA decode (1 query" + "".join(f", Hq={h}" for h in heads_q) + ", fp32)"
    for section, title in (("prefill", "Dense prefill (B=1, fp32)"), ("decode", decode_title)):
        part = [r for r in rows if r["section"] == section]
        if not part:
            continue
        unit = part[0]["unit"]
        out += [f"### {title}", ""]
        if section == "prefill":
            out += [f"| shape | threads | impl | time/op | ± | {unit} | x ORT |", "|---|---:|---|---:|---:|---:|---:|"]
        else:
            out += [f"| shape | threads | impl | time/op | ± | {unit} | x ORT | of read BW |",
                    "|---|---:|---|---:|---:|---:|---:|---:|"]
        for r in part:
            ratio = f"{r['vs_ort']:.2f}" if r["vs_ort"] is not None and r["impl"] != "read" else ""
            error = f"{r['error']:.0%}" if r["error"] is not None else ""
            cells = [r["shape"], str(r["threads"]), r["impl"], format_time(r["seconds"]), error, f"{r['rate']:.1f}",
                     ratio]
            if section == "decode":
                cells.append(f"{r['of_read_bw']:.0%}" if r["of_read_bw"] is not None else "")
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def svg(rows, title):
    """Horizontal grouped bars, one panel per section; each panel scaled to its own largest rate."""
    bar_h, gap, label_w, plot_w, right_w = 14, 10, 300, 520, 70
    width = label_w + plot_w + right_w
    parts = []
    y = 40
    parts.append(f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">'
                 f'{html.escape(title)}</text>')
    for section, heading in (("prefill", "Dense prefill, GFLOP/s (higher is better)"),
                             ("decode", "GQA decode, effective GB/s of K+V (higher is better)")):
        part = [r for r in rows if r["section"] == section]
        if not part:
            continue
        top = max(r["rate"] for r in part) or 1.0
        parts.append(f'<text x="8" y="{y + 4}" font-size="13" font-weight="bold">{html.escape(heading)}</text>')
        y += 14
        group_key = None
        for r in part:
            key = (r["shape"], r["threads"])
            if key != group_key:
                y += gap
                group_key = key
                parts.append(f'<text x="{label_w - 8}" y="{y + bar_h - 3}" text-anchor="end" font-size="11">'
                             f'{html.escape(r["shape"])}, {r["threads"]}T</text>')
            length = max(1.0, plot_w * r["rate"] / top)
            colour = IMPL_COLOURS.get(r["impl"], "#9467bd")
            parts.append(f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h - 2}" fill="{colour}">'
                         f'<title>{html.escape(r["impl"])}: {r["rate"]:.2f} {r["unit"]}</title></rect>')
            parts.append(f'<text x="{label_w + length + 4:.1f}" y="{y + bar_h - 4}" font-size="10">'
                         f'{html.escape(r["impl"])} {r["rate"]:.1f}</text>')
            y += bar_h
        y += 30
    legend_x = 8
    for impl in sorted({r["impl"] for r in rows}, key=lambda i: IMPL_ORDER.get(i, 9)):
        parts.append(f'<rect x="{legend_x}" y="{y - 10}" width="12" height="12" '
                     f'fill="{IMPL_COLOURS.get(impl, "#9467bd")}"/>')
        parts.append(f'<text x="{legend_x + 16}" y="{y}" font-size="11">{html.escape(impl)}</text>')
        legend_x += 30 + 7 * len(impl)
    height = y + 14
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 60}" height="{height}" '
            f'font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n'
            + "\n".join(parts) + "\n</svg>\n")


def main(argv):
    if len(argv) != 2:
        print("usage: render.py RESULTS.json  (writes RESULTS.md and RESULTS.svg beside it)", file=sys.stderr)
        return 2
    source = argv[1]
    with open(source, encoding="utf-8") as f:
        records = json.load(f)
    rows = build_rows(records)
    if not rows:
        print(f"{source}: no panattn benchmark results in it", file=sys.stderr)
        return 2
    stem = os.path.splitext(source)[0]
    table = markdown(rows, os.path.basename(source))
    with open(stem + ".md", "w", encoding="utf-8") as f:
        f.write(table + "\n")
    with open(stem + ".svg", "w", encoding="utf-8") as f:
        f.write(svg(rows, "panattn vs ONNX Runtime (" + os.path.basename(source) + ")"))
    print(table)
    print(f"wrote {stem}.md and {stem}.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
