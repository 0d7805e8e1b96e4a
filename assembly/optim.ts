// Fused optimizer updates: one pass over a parameter and its state, in PyTorch's order of float32
// operations (torch/optim/sgd.py and adam.py, single-tensor versions). The composed tensor-op
// versions in src/optim stay as the test oracle. Scalars arrive already rounded to float32.

/**
 * SGD on n contiguous floats. flags: 1 nesterov, 2 maximize, 4 first step (buf = d), 8 momentum on,
 * 16 weight decay on. buf may be 0 when momentum is off.
 */
export function sgd_f32(p: usize, g: usize, buf: usize, n: i32, negLr: f32, momentum: f32, oneMinusDamp: f32,
  wd: f32, flags: i32): void {
  const nesterov = (flags & 1) != 0;
  const maximize = (flags & 2) != 0;
  const first = (flags & 4) != 0;
  const mom = (flags & 8) != 0;
  const decay = (flags & 16) != 0;
  let i = 0;
  const vLr = f32x4.splat(negLr);
  if ((flags & ~4) == 0) {
    // Plain SGD (the tutorial's): p += -lr·g, a loop without the options' branches.
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 2;
      v128.store(p + o, f32x4.add(v128.load(p + o), f32x4.mul(vLr, v128.load(g + o))));
      v128.store(p + o, f32x4.add(v128.load(p + o, 16), f32x4.mul(vLr, v128.load(g + o, 16))), 16);
    }
  }
  const vMom = f32x4.splat(momentum);
  const vDamp = f32x4.splat(oneMinusDamp);
  const vWd = f32x4.splat(wd);
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const pv = v128.load(p + o);
    let d = v128.load(g + o);
    if (maximize) d = f32x4.neg(d);
    if (decay) d = f32x4.add(d, f32x4.mul(vWd, pv));
    if (mom) {
      let b: v128;
      if (first) b = d;
      else b = f32x4.add(f32x4.mul(v128.load(buf + o), vMom), f32x4.mul(vDamp, d));
      v128.store(buf + o, b);
      d = nesterov ? f32x4.add(d, f32x4.mul(vMom, b)) : b;
    }
    v128.store(p + o, f32x4.add(pv, f32x4.mul(vLr, d)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const pv = load<f32>(p + o);
    let d = load<f32>(g + o);
    if (maximize) d = -d;
    if (decay) d = d + wd * pv;
    if (mom) {
      const b = first ? d : load<f32>(buf + o) * momentum + oneMinusDamp * d;
      store<f32>(buf + o, b);
      d = nesterov ? d + momentum * b : b;
    }
    store<f32>(p + o, pv + negLr * d);
  }
}

/**
 * Adam / AdamW on n contiguous floats. flags: 1 amsgrad, 2 maximize, 4 decoupled weight decay
 * (AdamW: p *= decay first), 8 coupled weight decay (Adam: d += wd * p).
 * decay = 1 - lr * wd (AdamW); negStepSize = -lr / (1 - beta1^t); bc2Sqrt = sqrt(1 - beta2^t).
 */
export function adam_f32(p: usize, g: usize, m: usize, v: usize, vmax: usize, n: i32, beta1: f32, oneMinusBeta1: f32,
  beta2: f32, oneMinusBeta2: f32, eps: f32, wd: f32, decay: f32, negStepSize: f32, bc2Sqrt: f32, flags: i32): void {
  const amsgrad = (flags & 1) != 0;
  const maximize = (flags & 2) != 0;
  const decoupled = (flags & 4) != 0;
  const coupled = (flags & 8) != 0;
  const vB1 = f32x4.splat(beta1);
  const vOB1 = f32x4.splat(oneMinusBeta1);
  const vB2 = f32x4.splat(beta2);
  const vOB2 = f32x4.splat(oneMinusBeta2);
  const vEps = f32x4.splat(eps);
  const vWd = f32x4.splat(wd);
  const vDecay = f32x4.splat(decay);
  const vStep = f32x4.splat(negStepSize);
  const vBc2 = f32x4.splat(bc2Sqrt);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    let pv = v128.load(p + o);
    let d = v128.load(g + o);
    if (maximize) d = f32x4.neg(d);
    if (decoupled) pv = f32x4.mul(pv, vDecay);
    else if (coupled) d = f32x4.add(d, f32x4.mul(vWd, pv));
    const mv = f32x4.add(f32x4.mul(v128.load(m + o), vB1), f32x4.mul(vOB1, d));
    const vv = f32x4.add(f32x4.mul(v128.load(v + o), vB2), f32x4.mul(f32x4.mul(vOB2, d), d));
    v128.store(m + o, mv);
    v128.store(v + o, vv);
    let s = vv;
    if (amsgrad) {
      const old = v128.load(vmax + o);
      s = v128.bitselect(old, vv, f32x4.gt(old, vv));
      s = v128.bitselect(f32x4.add(old, vv), s, v128.or(f32x4.ne(old, old), f32x4.ne(vv, vv)));
      v128.store(vmax + o, s);
    }
    const denom = f32x4.add(f32x4.div(f32x4.sqrt(s), vBc2), vEps);
    v128.store(p + o, f32x4.add(pv, f32x4.div(f32x4.mul(vStep, mv), denom)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    let pv = load<f32>(p + o);
    let d = load<f32>(g + o);
    if (maximize) d = -d;
    if (decoupled) pv = pv * decay;
    else if (coupled) d = d + wd * pv;
    const mv = load<f32>(m + o) * beta1 + oneMinusBeta1 * d;
    const vv = load<f32>(v + o) * beta2 + oneMinusBeta2 * d * d;
    store<f32>(m + o, mv);
    store<f32>(v + o, vv);
    let s = vv;
    if (amsgrad) {
      const old = load<f32>(vmax + o);
      s = old != old || vv != vv ? old + vv : (old > vv ? old : vv);
      store<f32>(vmax + o, s);
    }
    const denom = sqrt<f32>(s) / bc2Sqrt + eps;
    store<f32>(p + o, pv + negStepSize * mv / denom);
  }
}

/** sgd_f32 with the f32 scalars as their bits: a chunk of one parameter's update on a thread. */
export function sgd_bits_f32(p: usize, g: usize, buf: usize, n: i32, negLr: i32, momentum: i32, oneMinusDamp: i32,
  wd: i32, flags: i32): void {
  sgd_f32(p, g, buf, n, reinterpret<f32>(negLr), reinterpret<f32>(momentum), reinterpret<f32>(oneMinusDamp),
    reinterpret<f32>(wd), flags);
}

/** adam_f32 with the f32 scalars as their bits: a chunk of one parameter's update on a thread. */
export function adam_bits_f32(p: usize, g: usize, m: usize, v: usize, vmax: usize, n: i32, beta1: i32,
  oneMinusBeta1: i32, beta2: i32, oneMinusBeta2: i32, eps: i32, wd: i32, decay: i32, negStepSize: i32, bc2Sqrt: i32,
  flags: i32): void {
  adam_f32(p, g, m, v, vmax, n, reinterpret<f32>(beta1), reinterpret<f32>(oneMinusBeta1), reinterpret<f32>(beta2),
    reinterpret<f32>(oneMinusBeta2), reinterpret<f32>(eps), reinterpret<f32>(wd), reinterpret<f32>(decay),
    reinterpret<f32>(negStepSize), reinterpret<f32>(bc2Sqrt), flags);
}
