// tocha/lean (src/lean.ts): Tensor has the lean core's methods only, a training run gives the default entry's numbers
// bit for bit, and src/tensor-methods.ts adds the rest back with their argument checks. Its own file, so that vitest
// gives it a module graph of its own (no other file's import of src/index.ts installs the methods first).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as torch from '../src/lean.js';
import { METHOD_KW_MORE } from '../src/method-kwargs-more.js';

/** The error f throws (test/fixture.ts has the same, but imports src/index.ts, which installs every method). */
function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
}

const proto = torch.Tensor.prototype as unknown as Record<string, unknown>;

type Mode = 'full' | 'lean' | 'lean+methods';
interface Run {
  erfinv: string; geluBare: string; erfinvCall: string; erfinvAll: string; printed: string[];
  powCore: string[]; powBare: string[]; powMath: string[];
}
const runs = new Map<Mode, Run>();

/** test/lean-run.ts through one entry, in a process of its own (each entry's WebAssembly provided first); once per
 *  entry, the tests reading what it printed. */
function run(mode: Mode): Run {
  if (!runs.has(mode)) {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/lean-run.ts', mode], { cwd: root, encoding: 'utf8' });
    runs.set(mode, JSON.parse(out));
  }
  return runs.get(mode)!;
}

describe('tocha/lean', () => {
  it("carries the keyword table of the core's methods alone (src/method-kwargs-more.ts has the rest's)", () => {
    const more = METHOD_KW_MORE.split(/\s+/).filter((w) => w && !w.endsWith(':'));
    expect(more.length).toBeGreaterThan(300);
    expect(more.filter((name) => name in proto)).toEqual([]);
  });

  it("has the core's methods and getters, not the rest", () => {
    const x = torch.tensor([0.5, -0.25]);
    for (const m of ['add', 'mul_', 'sum', 'view', 'matmul', 'softmax', 'backward', 'item', 'tolist', 'clamp_min']) {
      expect(typeof proto[m], m).toBe('function');
    }
    expect(x.shape).toEqual([2]);
    expect(torch.ones(2, 3).T.shape).toEqual([3, 2]);
    for (const m of ['erfinv', 'erfinv_', 'acos_', 'topk', 'kthvalue', 'index_copy_', 'resize_', 'lgamma', 'new']) {
      expect(proto[m], m).toBeUndefined();
    }
    expect('layout' in x).toBe(false);
    // the core's methods carry their argument checks (src/torch.ts)
    expect(messageOf(() => (x.exp as (o: object) => unknown)({ foo: 1 }))).toBe('exp() takes no keyword arguments');
  });

  it("keeps every torch.* function, including those a moved method's code serves", () => {
    // (in this process vitest's setupFiles provided the default build's WebAssembly first: every kernel is there)
    const x = torch.tensor([0.5, -0.25]);
    expect(typeof torch.erfinv).toBe('function');
    const y = x.clone();
    expect(torch.acos_(y)).toBe(y);
    expect(y.tolist()).toEqual(torch.acos(x).tolist());
    expect(torch.topk(torch.tensor([3, 1, 2]), 2).values.tolist()).toEqual([3, 2]);
  });

  it("trains as the default entry does, bit for bit (each entry in a process of its own)", () => {
    const full = run('full');
    const lean = run('lean');
    expect(full.erfinv).toBe('function');
    expect(lean.erfinv).toBe('undefined');
    expect(lean.printed.length).toBe(full.printed.length);
    expect(lean.printed).toEqual(full.printed);
    expect(run('lean+methods').printed).toEqual(full.printed);
    // a kernel the lean core cut says so, and what to import, before reaching the WebAssembly; once its part is
    // imported, it gives the default entry's result
    expect(full.geluBare).toBe('tensor([0.3457])');
    expect(lean.geluBare).toBe("tocha/lean: gelu is not in the lean core's kernels (unary_flat_f32 keeps no " +
      "U.gelu); import 'tocha/lean/kernels/math' adds it (or import everything from 'tocha' instead of 'tocha/lean')");
    expect(full.erfinvCall).toBe('tensor([0.4769])');
    expect(lean.erfinvCall).toBe("tocha/lean: erfinv is not in the lean core's kernels (unary_flat_f32 keeps no " +
      "U.erfinv); import 'tocha/lean/kernels/all' adds it (or import everything from 'tocha' instead of 'tocha/lean')");
    expect(lean.erfinvAll).toBe(full.erfinvAll);
    expect(full.erfinvAll).toBe('tensor([0.4769])');
  });

  it("computes pow's special exponents and integer powers in the core, any other pow through the math part", () => {
    const full = run('full');
    const lean = run('lean');
    // x ** 0.5, 3, -1, 2 with their gradients, and int64 powers: the default entry's numbers, bit for bit
    expect(lean.powCore).toEqual(full.powCore);
    // (PyTorch 1.13: x = torch.tensor([0.5, 2, 3, -1.5], requires_grad=True); x.pow(e).sum().backward(); NaN as null)
    expect(full.powCore).toEqual([
      '[[0.7071067690849304,1.4142135381698608,1.7320507764816284,null],[0.7071067690849304,0.3535533845424652,0.28867512941360474,null]]',
      '[[0.125,8,27,-3.375],[0.75,12,27,6.75]]',
      '[[2,0.5,0.3333333432674408,-0.6666666865348816],[-4,-0.25,-0.1111111119389534,-0.4444444477558136]]',
      '[[0.25,4,9,2.25],[1,4,6,-3]]',
      'tensor([  0,   1,   8,  27,  64, 125])', 'tensor([ 1,  1,  4, 27])',
    ]);
    // a general exponent, a tensor exponent, a number base: the guard names the math part, which then computes them
    const message = (op: string, kernel: string) => `tocha/lean: ${op} is not in the lean core's kernels (${kernel} keeps ` +
      `no ${op === 'pow' ? 'B' : 'U'}.${op}); import 'tocha/lean/kernels/math' adds it (or import everything from 'tocha' instead of 'tocha/lean')`;
    expect(lean.powBare).toEqual([message('pow_scalar', 'unary_flat_f32'), message('pow', 'binary_flat_f32'),
      message('rpow_scalar', 'unary_flat_f32')]);
    expect(lean.powMath).toEqual(full.powMath);
    expect(full.powBare).toEqual(full.powMath.slice(0, 3));
  });

  it('src/tensor-methods.ts adds the other methods back, each with its argument checks, once', async () => {
    const exp = proto.exp;
    await import('../src/tensor-methods.js');
    const x = torch.tensor([0.5, -0.25]);
    const t = x as unknown as Record<string, (...a: unknown[]) => torch.Tensor>;
    expect(typeof t.erfinv).toBe('function');
    expect(t.erfinv().tolist()).toEqual(torch.erfinv(x).tolist());
    expect(messageOf(() => t.erfinv({ foo: 1 }))).toBe('erfinv() takes no keyword arguments');
    // (PyTorch's positions: a method's k is its first argument, the function's its second)
    expect(messageOf(() => t.topk([1]))).toBe("topk(): argument 'k' (position 1) must be int, not list");
    expect(messageOf(() => torch.topk(x, [1] as unknown as number))).toBe("topk(): argument 'k' (position 2) must be int, not list");
    // the core's methods are not wrapped a second time
    expect(proto.exp).toBe(exp);
    const d = Object.getOwnPropertyDescriptor(proto, 'erfinv')!;
    expect([d.enumerable, d.writable, d.configurable]).toEqual([false, true, true]);
    const g = Object.getOwnPropertyDescriptor(proto, 'layout')!;
    expect([typeof g.get, g.enumerable, g.configurable]).toEqual(['function', false, true]);
    expect(String(t.layout)).toBe('torch.strided');
  });
});
