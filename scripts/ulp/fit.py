# Near-minimax polynomial fits (Lawson-weighted least squares) with coefficients rounded to float32
# one at a time from the lowest order, refitting the rest: the coefficients in assembly/mathf.ts.
# Run: python3 scripts/ulp/fit.py   (needs numpy, mpmath)
import numpy as np, mpmath as mp
mp.mp.dps = 40

def f32(c): return float(np.float32(c))

def fit(xs, target, basis, weight, deg, iters=60):
    """Minimise max |weight*(sum c_k basis^k - target)| over xs; returns float32-rounded coefficients."""
    B = np.vstack([basis ** k for k in range(deg + 1)]).T
    fixed = []
    for j in range(deg + 1):
        resid = target - (B[:, :j] @ np.array(fixed) if j else 0)
        A = B[:, j:] * weight[:, None]; b = resid * weight
        lw = np.ones(len(xs))
        for _ in range(iters):
            sw = np.sqrt(lw)
            c, *_ = np.linalg.lstsq(A * sw[:, None], b * sw, rcond=None)
            e = np.abs(A @ c - b); lw = lw * e; lw /= lw.sum()
        fixed.append(f32(c[0]) if j < deg else f32(c[0]))
    c = np.array(fixed)
    err = np.max(np.abs((B @ c - target) * weight))
    return c, err

def cheb(a, b, n=4000):
    k = np.arange(n); return (a + b) / 2 + (b - a) / 2 * np.cos(np.pi * (k + 0.5) / n)

def show(name, c, err):
    print(f"{name}: max weighted err {err:.3e} ({err/2**-24:.3f} ulp-ish)")
    for i, v in enumerate(c): print(f"  c{i} = {np.float32(v).item()!r}  // {float(v).hex()}")

if __name__ == "__main__":
    import sys
    which = sys.argv[1:] or ["exp", "expm1", "tanh", "erfa", "erfb"]
    if "exp" in which:
        # e^r = 1 + r + r^2 P(r), |r| <= ln2/2 (exp, sigmoid and tanh's reduction), error relative to e^r
        r = cheb(-0.3466, 0.3466); r = r[np.abs(r) > 1e-5]
        P = np.array([float((mp.exp(mp.mpf(v)) - 1 - v) / mp.mpf(v) ** 2) for v in r])
        ex = np.array([float(mp.exp(mp.mpf(v))) for v in r])
        c, e = fit(r, P, r, r * r / ex, 4); show("exp P deg 4", c, e)
    if "expm1" in which:
        for deg in (6, 7):
            r = cheb(-0.6932, 0.6932); r = r[np.abs(r) > 1e-4]
            em = np.array([float(mp.expm1(mp.mpf(v))) for v in r])
            P = np.array([float((mp.expm1(mp.mpf(v)) - v) / mp.mpf(v) ** 2) for v in r])
            c, e = fit(r, P, r, r * r / em, deg); show(f"expm1 P deg {deg}", c, e)
    if "tanh" in which:
        for deg in (4, 5, 6):
            x = cheb(1e-3, 0.5625); z = x * x
            P = np.array([float((mp.tanh(mp.mpf(v)) - v) / mp.mpf(v) ** 3) for v in x])
            t = np.array([float(mp.tanh(mp.mpf(v))) for v in x])
            c, e = fit(x, P, z, x ** 3 / t, deg); show(f"tanh P deg {deg}", c, e)
    if "erfa" in which:
        for deg in (6, 7, 8):
            x = cheb(1e-3, 1.0); s = x * x
            Q = np.array([float(mp.erf(mp.mpf(v)) / mp.mpf(v) - 1) for v in x])
            t = np.array([float(mp.erf(mp.mpf(v))) for v in x])
            c, e = fit(x, Q, s, x / t, deg); show(f"erf Q deg {deg}", c, e)
    if "erfb" in which:
        for deg in (8, 9, 10, 11):
            a = cheb(1.0, 4.0)
            g = np.array([float(mp.exp(mp.mpf(v) ** 2) * mp.erfc(mp.mpf(v))) for v in a])
            ef = np.array([float(mp.erfc(mp.mpf(v))) for v in a])
            er = np.array([float(mp.erf(mp.mpf(v))) for v in a])
            # error of erf = exp(-a^2) * dg, relative to erf; basis u = 1/a mapped
            w = ef / g / er
            u = 1 / a
            c, e = fit(a, g, u, w, deg); show(f"erf g(1/a) deg {deg}", c, e)
