// The autograd parity sweep (scripts/gen-grad-sweep.py): for every differentiable op of torch.*, the Tensor
// methods, torch.linalg.*, torch.special.* and nn.functional.* that tocha has, on small inputs whose float
// tensors require grad: each output's requires_grad, its grad_fn's name, the gradient of every input for
// a fixed grad_output, and PyTorch 1.13's error where it refuses (in backward, or in the forward for an
// input that may not require grad). A case's Tensor-method form is checked against the same numbers.
// Every difference is a failure unless the case is in KNOWN with the reason; a KNOWN case that has come to
// agree fails too, so the table stays true.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture, decode, num, EncTensor } from './fixture.js';

type T = torch.Tensor;
interface Case {
  id: string; op: string; args: unknown[]; kw?: Record<string, unknown>; out?: number[];
  rg?: boolean[]; node?: (string | null)[]; grads?: (EncTensor | null)[]; error?: string; ferror?: string; method?: boolean;
}
const data = fixture('grad-sweep.json') as { inputs: Record<string, EncTensor>; cases: Case[] };

// Float32 composites against PyTorch's kernels: relative to the gradient's size, with an absolute floor.
const TOL = 1e-4;

/**
 * Differences from PyTorch 1.13 that stay, and why. Key: the case id (`op`, `op#2`, ...; `op (method)` for the
 * Tensor-method form, which otherwise shares its function's entry). Each one must still differ (a fixed one is to be removed from here).
 */
const KNOWN: Record<string, string> = {
  sgn: "PyTorch 1.13 bug: sgn's backward on a real tensor fails (\"tolist() shouldn't be called on a tensor with " +
    'unallocated storage"); tocha gives the gradient (zero, as sign)',
  vander: 'PyTorch 1.13 bug: torch.vander\'s backward fails (its in-place copies into the result modify what its cumprod ' +
    'saved: "one of the variables needed for gradient computation has been modified by an inplace operation"); tocha gives ' +
    'the gradient',
  'vander#2': 'PyTorch 1.13 bug: torch.vander\'s backward fails (see vander); tocha gives the gradient',
  as_strided_scatter: 'PyTorch 1.13 bug: as_strided_scatter\'s gradient for input is uninitialized memory outside the scattered ' +
    'region and the output gradient inside it; tocha gives the output gradient outside and zeros inside',
};

const F = torch.nn.functional as unknown as Record<string, unknown>;
const NS: [string, Record<string, unknown>][] = [
  ['F.', F], ['linalg.', torch.linalg as unknown as Record<string, unknown>],
  ['special.', torch.special as unknown as Record<string, unknown>],
  // namespaces of module utilities and autograd plumbing: every function listed in NOT_SWEPT with its reason
  ['utils.', torch.nn.utils as unknown as Record<string, unknown>], ['fusion.', torch.nn.utils.fusion as unknown as Record<string, unknown>],
  ['parametrize.', torch.nn.utils.parametrize as unknown as Record<string, unknown>],
  ['parametrizations.', torch.nn.utils.parametrizations as unknown as Record<string, unknown>],
  ['stateless.', torch.nn.utils.stateless as unknown as Record<string, unknown>],
  ['prune.', torch.nn.utils.prune as unknown as Record<string, unknown>],
  ['autograd.', torch.autograd as unknown as Record<string, unknown>], ['graph.', torch.autograd.graph as unknown as Record<string, unknown>],
  ['swa_utils.', torch.optim.swa_utils as unknown as Record<string, unknown>],
];

/** The tocha function for an op name, or undefined when tocha lacks it. */
function resolve(op: string): ((...a: unknown[]) => unknown) | undefined {
  for (const [p, ns] of NS) if (op.startsWith(p)) return ns[op.slice(p.length)] as never;
  return (torch as unknown as Record<string, unknown>)[op] as never;
}

/** The arguments: '@x' a new leaf requiring grad (in `leaves`, in order), '=x' a constant, 'inf' etc. numbers. */
function materialize(v: unknown, leaves: T[]): unknown {
  if (typeof v === 'string' && (v[0] === '@' || v[0] === '=') && v.slice(1) in data.inputs) {
    const t = decode(data.inputs[v.slice(1)]);
    if (v[0] === '@') { t.requires_grad_(); leaves.push(t); }
    return t;
  }
  if (v === 'inf' || v === '-inf' || v === 'nan') return num(v);
  if (v === 'float32') return torch.float32;
  if (Array.isArray(v)) return v.map((e) => materialize(e, leaves));
  return v;
}

function outputsOf(r: unknown): T[] {
  if (r instanceof torch.Tensor) return [r];
  if (Array.isArray(r)) return r.flatMap(outputsOf);
  // torch.return_types (values, indices) and the decompositions' named tuples
  if (r !== null && typeof r === 'object' && Symbol.iterator in r) return [...(r as Iterable<unknown>)].flatMap(outputsOf);
  return [];
}

/** PyTorch's grad_output k for a shape: ((i + 5k)·37 mod 17 − 8) / 8 (scripts/gen-grad-sweep.py). */
function gradOutput(shape: number[], k: number): T {
  const n = shape.reduce((a, b) => a * b, 1);
  return torch.tensor(Array.from({ length: n }, (_, i) => ((((i + 5 * k) * 37) % 17) - 8) / 8), { dtype: torch.float32 }).reshape(shape);
}

function messageOf(e: unknown): string {
  return (e as Error).message.split('\n')[0];
}

/** How tocha differs from the case (empty: it agrees). */
function differences(c: Case, method: boolean): string[] {
  const leaves: T[] = [];
  const args = c.args.map((a) => materialize(a, leaves));
  const kw = c.kw ? Object.fromEntries(Object.entries(c.kw).map(([k, v]) => [k, materialize(v, leaves)])) : null;
  const all = kw && Object.keys(kw).length ? [...args, kw] : args;
  let r: unknown;
  try {
    if (c.op.startsWith('.') || method) {
      const self = args[0] as unknown as Record<string, unknown>;
      const m = self[c.op.replace(/^\./, '')];
      if (m === undefined) return ['tocha has no such Tensor method'];
      r = typeof m === 'function' ? (m as (...a: unknown[]) => unknown).apply(self, all.slice(1)) : m;
    } else {
      const f = resolve(c.op);
      if (typeof f !== 'function') return ['tocha has no such function'];
      r = f(...all);
    }
  } catch (e) {
    if (c.ferror !== undefined) return messageOf(e) === c.ferror ? [] : [`forward error: ${messageOf(e)} (PyTorch: ${c.ferror})`];
    return [`forward throws: ${messageOf(e)}`];
  }
  if (c.ferror !== undefined) return [`no forward error (PyTorch: ${c.ferror})`];
  const outs = outputsOf(r);
  const sel = c.out ? c.out.map((k) => outs[k]) : outs.filter((t) => t.dtype.isFloatingPoint);
  const diffs: string[] = [];
  if (sel.length !== c.rg!.length) return [`${sel.length} outputs, PyTorch ${c.rg!.length}`];
  sel.forEach((t, k) => {
    if (t.requires_grad !== c.rg![k]) diffs.push(`output ${k}: requires_grad ${t.requires_grad}, PyTorch ${c.rg![k]}`);
    const node = t.grad_fn ? t.grad_fn.name() : null;
    if (node !== c.node![k]) diffs.push(`output ${k}: grad_fn ${node}, PyTorch ${c.node![k]}`);
  });
  const need = sel.map((t, k) => [t, k] as const).filter(([t, k]) => t.requires_grad && c.rg![k]);
  if (!need.length) return diffs;
  try {
    torch.autograd.backward(need.map(([t]) => t), need.map(([t, k]) => gradOutput([...t.shape], k)));
  } catch (e) {
    if (c.error === undefined) diffs.push(`backward throws: ${messageOf(e)}`);
    else if (messageOf(e) !== c.error) diffs.push(`backward error: ${messageOf(e)} (PyTorch: ${c.error})`);
    return diffs;
  }
  if (c.error !== undefined) return [...diffs, `no backward error (PyTorch: ${c.error})`];
  c.grads!.forEach((want, i) => {
    const got = leaves[i].grad;
    if (want === null) {
      if (got !== null) diffs.push(`input ${i}: a gradient where PyTorch has none`);
      return;
    }
    if (got === null) return void diffs.push(`input ${i}: no gradient`);
    if ([...got.shape].join() !== want.shape.join()) return void diffs.push(`input ${i}: gradient shape [${[...got.shape]}], PyTorch [${want.shape}]`);
    const a = got.reshape([-1]).tolist() as number[];
    // the largest |gradient| sets the scale for near-zero entries (float32 cancellation in composites)
    const scale = Math.max(1, ...want.data.map((w) => Math.abs(num(w))).filter(Number.isFinite));
    let worst = -1;
    want.data.forEach((w, j) => {
      const y = num(w);
      const ok = Number.isNaN(y) ? Number.isNaN(a[j]) : !Number.isFinite(y) ? a[j] === y
        : Math.abs(a[j] - y) <= TOL * (Math.abs(y) + 0.1 * scale);
      if (!ok && worst < 0) worst = j;
    });
    if (worst >= 0) diffs.push(`input ${i}: gradient [${worst}] ${a[worst]}, PyTorch ${num(want.data[worst])}`);
  });
  return diffs;
}

// GRAD_SWEEP_REPORT=file writes every case's differences there (one line each), KNOWN or not.
const report: string[] = [];
afterAll(() => {
  if (process.env.GRAD_SWEEP_REPORT) writeFileSync(process.env.GRAD_SWEEP_REPORT, report.join('\n') + '\n');
});

describe('autograd parity with PyTorch 1.13 (requires_grad, grad_fn, gradients, errors)', () => {
  const seen = new Set<string>();
  for (const c of data.cases) {
    const forms: [string, boolean][] = [[c.id, false]];
    // the Tensor method, where PyTorch's gives the same and tocha has one
    if (c.method && typeof (torch.Tensor.prototype as unknown as Record<string, unknown>)[c.op] === 'function') {
      forms.push([`${c.id} (method)`, true]);
    }
    for (const [id, method] of forms) {
      seen.add(id);
      it(id, () => {
        const d = torch.tidy(() => differences(c, method));
        if (d.length) report.push(`${id}${KNOWN[id] ?? (method ? KNOWN[c.id] : undefined) ? ' [KNOWN]' : ''}: ${d.join('; ')}`);
        const why = KNOWN[id] ?? (method ? KNOWN[c.id] : undefined);
        if (why) expect(d.length, `${id} is in KNOWN but now agrees with PyTorch: remove it`).toBeGreaterThan(0);
        else expect(d.join('; ')).toBe('');
      });
    }
  }
  it('KNOWN names only cases of the sweep', () => {
    expect(Object.keys(KNOWN).filter((k) => !seen.has(k))).toEqual([]);
  });

  // Every public function is swept, or listed here with the reason: a new op cannot slip past the sweep.
  const NOT_SWEPT: Record<string, string> = {};
  const notSwept = (names: string, why: string) => { for (const n of names.split(/\s+/).filter(Boolean)) NOT_SWEPT[n] = why; };
  notSwept('arange empty empty_like eye full full_like linspace logspace ones ones_like zeros zeros_like tensor as_tensor ' +
    'from_numpy tril_indices triu_indices', 'creates a tensor: nothing to differentiate');
  notSwept('rand rand_like randn randn_like randint randint_like randperm bernoulli multinomial normal poisson binomial ' +
    'F.alpha_dropout F.dropout1d F.dropout2d F.dropout3d F.feature_alpha_dropout F.gumbel_softmax',
    'random: gradients depend on the draws (their streams and gradients: test/distributions*.test.ts, nn-extra, autograd-functional)');
  notSwept('allclose equal isclose isfinite isinf isneginf isposinf isreal isin is_nonzero is_complex is_floating_point ' +
    'is_tensor numel ne lt le gt ge greater greater_equal less less_equal not_equal logical_and logical_not logical_or ' +
    'logical_xor argmin argwhere bincount bucketize searchsorted', 'bool, integer or index results: no gradient');
  notSwept('bitwise_and bitwise_or bitwise_xor bitwise_not bitwise_left_shift bitwise_right_shift gcd lcm',
    'integer-only ops (test/funcs.test.ts)');
  notSwept('combinations cumulative_trapezoid trapezoid trapz diagonal_scatter select_scatter slice_scatter frexp ldexp ' +
    'igamma igammac special.gammainc special.gammaincc nextafter quantile nanquantile renorm',
    'gradients and node names against PyTorch in test/funcs.test.ts');
  notSwept('repeat slice imag concatenate', 'tocha-only helper or a view builder (repeat: Tensor.repeat in the sweep), an alias of a swept op (concatenate: cat), or always an error');
  notSwept('F.celu_ F.elu_ F.hardtanh_ F.leaky_relu_ F.relu_ F.rrelu_ F.selu_ F.threshold_',
    'in-place activations: their out-of-place forms are swept; in-place autograd in test/inplace-views.test.ts');
  notSwept('F.multi_head_attention_forward', 'test/attention.test.ts against PyTorch');
  notSwept('solve lstsq eig matrix_rank', 'removed in PyTorch 1.13: always its error (test/linalg2.test.ts)');
  notSwept('linalg.eig linalg.eigvals', 'complex results in PyTorch: always an error in tocha (test/linalg2.test.ts)');
  notSwept('svd_lowrank pca_lowrank', 'random draws: values and gradients against PyTorch\'s seeded draws in test/linalg2.test.ts');
  notSwept('F.upsample F.upsample_nearest F.upsample_bilinear',
    'deprecated aliases of F.interpolate (swept; its node names are KNOWN differences): values in test/nn-more.test.ts');
  notSwept('device memory_format dispose keep tidy no_grad enable_grad inference_mode set_grad_enabled is_grad_enabled ' +
    'is_inference_mode_enabled is_anomaly_enabled manual_seed seed initial_seed get_rng_state set_rng_state ' +
    'set_printoptions get_printoptions set_debug_memory set_num_threads get_num_threads threads_ready memory_stats ' +
    'save load can_cast finfo iinfo promote_types result_type get_default_dtype set_default_dtype ' +
    'set_float32_matmul_precision get_float32_matmul_precision',
    'not an op: settings, lifetime, RNG state, dtype queries, I/O');
  notSwept('utils.clip_grad_norm utils.clip_grad_norm_ utils.clip_grad_value_ utils.vector_to_parameters utils.skip_init ' +
    'utils.fuse_conv_bn_eval utils.fuse_conv_bn_weights fusion.fuse_conv_bn_eval fusion.fuse_conv_bn_weights fusion.fuse_linear_bn_eval ' +
    'fusion.fuse_linear_bn_weights swa_utils.update_bn parametrize.is_parametrized parametrize.type_before_parametrizations',
    'work on gradients or parameters in place, without a graph (as PyTorch: no_grad, or new Parameters): ' +
    'values in test/nn-utils.test.ts, test/swa.test.ts, test/nn.test.ts');
  notSwept('utils.parameters_to_vector', 'views and cat of the parameters (both swept)');
  notSwept('utils.weight_norm utils.remove_weight_norm utils.spectral_norm utils.remove_spectral_norm',
    "take a module: gradients through the reparametrized weight against PyTorch's in test/weight-norm.test.ts");
  notSwept('parametrize.register_parametrization parametrize.remove_parametrizations parametrize.transfer_parametrizations_and_params ' +
    'parametrize.cached parametrizations.orthogonal parametrizations.spectral_norm stateless.functional_call',
    "take a module: gradients through the parametrizations and the substituted tensors against PyTorch's in test/nn-utils.test.ts");
  notSwept('prune.identity prune.random_unstructured prune.l1_unstructured prune.random_structured prune.ln_structured ' +
    'prune.global_unstructured prune.custom_from_mask prune.remove prune.is_pruned',
    "take a module: the gradient reaching <name>_orig through the mask against PyTorch's in test/prune.test.ts");
  notSwept('autograd.grad autograd.backward autograd.gradcheck autograd.gradgradcheck autograd.set_detect_anomaly autograd.detect_anomaly ' +
    'autograd.no_grad autograd.enable_grad autograd.set_grad_enabled autograd.inference_mode',
    'the autograd engine, its checks and modes (what this sweep runs): test/autograd*.test.ts');
  notSwept('graph.saved_tensors_hooks graph.save_on_cpu graph.disable_saved_tensors_hooks',
    "run a callback with hooks on the saved tensors: gradients through them against PyTorch's in test/nn-utils.test.ts");
  notSwept('dropout dropout_ alpha_dropout alpha_dropout_ feature_dropout feature_dropout_ feature_alpha_dropout ' +
    'feature_alpha_dropout_ rrelu_', 'random: gradients depend on the draws (values and streams: test/api-gaps.test.ts)');
  notSwept('abs_ acos_ acosh_ arccos_ arccosh_ arcsin_ arcsinh_ arctan_ arctanh_ asin_ asinh_ atan_ atanh_ ceil_ cos_ cosh_ ' +
    'deg2rad_ erf_ erfc_ exp2_ exp_ expm1_ fix_ floor_ frac_ i0_ log10_ log1p_ log2_ log_ neg_ negative_ rad2deg_ reciprocal_ ' +
    'rsqrt_ sigmoid_ sin_ sinc_ sinh_ sqrt_ square_ tan_ tanh_ trunc_ zero_ detach_ conj_physical_ round_ logit_ clamp_ clip_ ' +
    'clamp_min_ clamp_max_ fill_ xlogy_ gcd_ lcm_ ldexp_ nan_to_num_ addmv_ index_put_ celu_ selu_ threshold_ relu_ ' +
    'embedding_renorm_ as_strided_ resize_as_',
    'torch.X_: the Tensor method X_ (values in test/api-gaps.test.ts; in-place autograd in test/parity.test.ts, inplace-views)');
  notSwept('empty_strided range scalar_tensor hamming_window hann_window blackman_window bartlett_window kaiser_window asarray ' +
    'frombuffer', 'creates a tensor: nothing to differentiate (test/api-gaps.test.ts)');
  notSwept('histogram histogramdd', 'counts of bins: no gradient (PyTorch 1.13 has no derivative for them)');
  notSwept('solve eig lstsq matrix_rank', 'removed in PyTorch 1.13: always its error');
  notSwept('broadcast_shapes typename is_signed is_same_size is_inference is_conj is_neg is_distributed get_device is_storage ' +
    'dtype layout', 'not an op: a shape, a name, a predicate or a class');
  notSwept('use_deterministic_algorithms are_deterministic_algorithms_enabled is_deterministic_algorithms_warn_only_enabled ' +
    'set_deterministic_debug_mode get_deterministic_debug_mode set_warn_always is_warn_always_enabled get_num_interop_threads ' +
    'set_num_interop_threads set_flush_denormal set_default_tensor_type is_autocast_enabled set_autocast_enabled ' +
    'is_autocast_cpu_enabled set_autocast_cpu_enabled is_autocast_cache_enabled set_autocast_cache_enabled clear_autocast_cache ' +
    'autocast_increment_nesting autocast_decrement_nesting is_vulkan_available is_anomaly_check_nan_enabled set_anomaly_enabled',
    'not an op: global settings (test/api-gaps.test.ts)');
  it('every public function is swept or listed with a reason', () => {
    const swept = new Set(data.cases.map((c) => c.id.split('#')[0]));
    const names: string[] = [];
    const add = (ns: object, prefix: string) => {
      for (const [k, v] of Object.entries(ns)) if (typeof v === 'function' && !/^[A-Z]/.test(k)) names.push(prefix + k);
    };
    add(torch, '');
    for (const [p, ns] of NS) add(ns, p);
    expect(names.filter((n) => !swept.has(n) && !(n in NOT_SWEPT))).toEqual([]);
    expect(Object.keys(NOT_SWEPT).filter((n) => swept.has(n) || !names.includes(n))).toEqual([]);
  });
});
