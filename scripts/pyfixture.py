# Helpers shared by the scripts/gen-*.py fixture writers (run from the repository root:
# `/usr/bin/python3 scripts/gen-x.py`, which puts scripts/ on the import path).


def err(f, first_line=False):
    """What calling f raises, as {'type', 'message'} (None if it does not raise)."""
    try:
        f()
    except Exception as e:
        msg = str(e)
        return {'type': type(e).__name__, 'message': msg.split('\n')[0] if first_line else msg}
    return None


def L(t):
    """A tensor's values as nested lists (None stays None)."""
    return None if t is None else t.detach().tolist()


def enc(t, digits=None):
    """A tensor as {'dtype', 'shape', 'data'} (inf and nan as strings; float32 values to `digits`
    significant digits when given), lists and tuples element-wise, None and other values as they are."""
    import torch
    if isinstance(t, torch.Tensor):
        t = t.detach()
        dt = {torch.float32: 'float32', torch.int64: 'int64', torch.bool: 'bool'}[t.dtype]
        short = digits is not None and t.dtype == torch.float32
        data = [(float('%.*g' % (digits, x)) if short else x) if x == x and abs(x) != float('inf') else str(x)
                for x in t.flatten().tolist()]
        return {'dtype': dt, 'shape': list(t.shape), 'data': data}
    if isinstance(t, (list, tuple)):
        return [enc(x, digits) for x in t]
    return t


def message(f, with_type=False):
    """The message of what calling f raises ('Type: message' with with_type); f must raise."""
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the message is the point
        return type(e).__name__ + ': ' + str(e) if with_type else str(e)
    raise AssertionError('no error')


def dec(e):
    """The tensor an enc() record describes ('inf' and 'nan' strings back to floats)."""
    import torch
    return torch.tensor([float(x) if isinstance(x, str) else x for x in e['data']],
                        dtype={'float32': torch.float32, 'int64': torch.int64, 'bool': torch.bool}[e['dtype']]).reshape(e['shape'])



def tensor_arg(v, dtype='int64'):
    """A tensor argument of a call in a fixture, {'tensor': value, 'dtype': ...}: torch.tensor(value, dtype=...)."""
    return {'tensor': v, 'dtype': dtype}


def real_tensor(v):
    """A fixture call's argument with its tensor_arg()s (in lists too) made tensors."""
    import torch
    if isinstance(v, dict) and 'tensor' in v: return torch.tensor(v['tensor'], dtype=getattr(torch, v['dtype']))
    if isinstance(v, list): return [real_tensor(e) for e in v]
    return v

# ---------------------------------------------------------------- torch.distributions fixtures
# A spec is {'cls': name, 'args': [...], 'kwargs': {...}}; an argument is a number, None, a list of
# arguments, a tensor {'t': enc, 'grad': bool}, a distribution {'dist': spec} or a transform
# {'transform': spec, 'inv': bool}. test/dist-harness.ts builds the same object from it in tocha.


def build(spec, params):
    """The distribution or transform a spec describes; the tensors marked grad are appended to params."""
    import torch.distributions as D
    import torch.distributions.transforms as T_

    def arg(v):
        if isinstance(v, list):
            return [arg(x) for x in v]
        if isinstance(v, dict) and 't' in v:
            t = dec(v['t'])
            if v['grad']:
                t.requires_grad_(True)
                params.append(t)
            return t
        if isinstance(v, dict) and 'dist' in v:
            return build(v['dist'], params)
        if isinstance(v, dict) and 'transform' in v:
            t = build(v['transform'], params)
            return t.inv if v.get('inv') else t
        return v
    mod = T_ if spec['cls'].endswith('Transform') else D
    return getattr(mod, spec['cls'])(*[arg(a) for a in spec.get('args', [])],
                                     **{k: arg(v) for k, v in spec.get('kwargs', {}).items()})


class DistFixture:
    """Writes the records test/dist-harness.ts reads: tensors (float32 to `digits` significant digits
    when given, as enc), parameters for specs, attempts, one distribution's case and one KL pair."""

    def __init__(self, digits=None):
        self.digits = digits

    def enc(self, t):
        return enc(t, self.digits)

    def T(self, *data, grad=False):
        """A float32 parameter from values: T(0.5), T(0.1, 0.2), T([[...]])."""
        import torch
        t = torch.tensor(data[0] if len(data) == 1 else list(data), dtype=torch.float32)
        return {'t': self.enc(t), 'grad': grad}

    def R(self, *shape, grad=False, pos=False, scale=1.0, shift=0.0):
        """A random float32 parameter, randn * scale + shift (|.| + 0.2 with pos)."""
        import torch
        t = torch.randn(*shape) * scale + shift
        if pos:
            t = t.abs() + 0.2
        return {'t': self.enc(t), 'grad': grad}

    def attempt(self, f):
        """{'value': what f returns} or {'error': {'type', 'message'}}."""
        try:
            return {'value': self.enc(f())}
        except Exception as e:  # noqa: BLE001 - the error is the record
            return {'error': {'type': type(e).__name__, 'message': str(e)}}

    def case(self, cid, spec, value, q, samples, grad_of=('entropy', 'mean', 'variance'), rsample_grad_seeds=None,
             extras=False):
        """One distribution against PyTorch: repr, shapes, support, moments, entropy, log_prob / cdf at value,
        icdf at q, enumerate_support; gradients of sum(piece * g) over grad_of and the densities (finite
        pieces only); expand; for each (seed, shape) of samples the draws, the stream after them and
        rsample with its gradients (for the seeds in rsample_grad_seeds, all if None; PyTorch's error where
        its backward fails). extras adds
        perplexity, enumerate_support(False), the expanded mean and the repr after sampling."""
        import torch
        attempt = self.attempt
        params = []
        d = build(spec, params)
        c = {'id': cid, 'spec': spec, 'value': value, 'q': q, 'repr': repr(d), 'batch_shape': list(d.batch_shape),
             'event_shape': list(d.event_shape), 'has_rsample': d.has_rsample, 'has_enumerate_support': d.has_enumerate_support}
        c['support'] = attempt(lambda: repr(d.support))
        c['arg_constraints'] = {k: repr(v) for k, v in d.arg_constraints.items()}
        for p in ['mean', 'mode', 'variance', 'stddev']:
            c[p] = attempt(lambda: getattr(d, p))
        c['entropy'] = attempt(lambda: d.entropy())
        if extras:
            c['perplexity'] = attempt(lambda: d.perplexity())
        v = dec(value['t']) if value else None
        qq = dec(q['t']) if q else None
        if v is not None:
            c['log_prob'] = attempt(lambda: d.log_prob(v))
            c['cdf'] = attempt(lambda: d.cdf(v))
        if qq is not None:
            c['icdf'] = attempt(lambda: d.icdf(qq))
        if d.has_enumerate_support:
            c['enumerate'] = attempt(lambda: d.enumerate_support())
            if extras:
                c['enumerate_false'] = attempt(lambda: d.enumerate_support(False))
        if params:
            params = []
            d = build(spec, params)
            pieces = {name: (lambda name=name: getattr(d, name)() if name == 'entropy' else getattr(d, name)) for name in grad_of}
            if v is not None:
                pieces['log_prob'] = lambda: d.log_prob(v)
                pieces['cdf'] = lambda: d.cdf(v)
            if qq is not None:
                pieces['icdf'] = lambda: d.icdf(qq)
            total = 0
            gs = {}
            for name, f in pieces.items():
                try:
                    t = f()
                except Exception:  # noqa: BLE001 - not defined for this distribution
                    continue
                if not t.requires_grad or not torch.isfinite(t).all():
                    continue
                g = torch.randn(t.shape)
                gs[name] = self.enc(g)
                total = total + (t * g).sum()
            if gs:
                total.backward()
                c['grad_out'] = gs
                c['grads'] = [self.enc(p.grad) for p in params]
        e = d.expand([2] + list(d.batch_shape))
        c['expand'] = {'repr': repr(e), 'batch_shape': list(e.batch_shape), 'event_shape': list(e.event_shape),
                       'entropy': attempt(lambda: e.entropy())}
        if extras:
            c['expand']['mean'] = attempt(lambda: e.mean)
        if v is not None:
            c['expand']['log_prob'] = attempt(lambda: e.log_prob(v))
        c['samples'] = []
        for seed, shape in samples:
            params = []
            d = build(spec, params)
            torch.manual_seed(seed)
            s = {'seed': seed, 'shape': shape, 'sample': attempt(lambda: d.sample(shape)), 'after': self.enc(torch.rand(2))}
            if d.has_rsample:
                torch.manual_seed(seed)
                rs = d.rsample(shape)
                s['rsample'] = self.enc(rs)
                s['rsample_requires_grad'] = rs.requires_grad
                if rs.requires_grad and (rsample_grad_seeds is None or seed in rsample_grad_seeds):
                    g = torch.randn(rs.shape)
                    try:
                        (rs * g).sum().backward()
                    except RuntimeError as e:  # PyTorch's own backward fails (Wishart's in-place mask)
                        s['grad_error'] = {'type': type(e).__name__, 'message': str(e)}
                    else:
                        s['grad_out'] = self.enc(g)
                        s['grads'] = [self.enc(p.grad) for p in params]
            c['samples'].append(s)
        if extras:
            c['repr_after'] = repr(d)
        return c

    def transform(self, tid, spec, x, inverse=False):
        """One transform (its inverse with inverse) against PyTorch: reprs, domains, bijective, sign, event_dim,
        y = t(x), t.inv(y), log |det J|, the shape maps, and the gradients of sum(y * g1) + sum(ladj * g2) for x
        and the parameters."""
        import torch
        attempt = self.attempt
        params = []
        t = build(spec, params)
        if inverse:
            t = t.inv
        xx = dec(x['t']).requires_grad_()
        c = {'id': tid, 'spec': spec, 'inverse': inverse, 'x': x['t'], 'repr': repr(t), 'inv_repr': repr(t.inv),
             'domain': repr(t.domain), 'codomain': repr(t.codomain), 'bijective': t.bijective,
             'sign': attempt(lambda: t.sign), 'event_dim': attempt(lambda: t.event_dim),
             'domain_event_dim': t.domain.event_dim, 'codomain_event_dim': t.codomain.event_dim}
        y = t(xx)
        c['y'] = self.enc(y)
        c['inv_y'] = self.enc(t.inv(y.detach()))
        c['ladj'] = attempt(lambda: t.log_abs_det_jacobian(xx, y))
        c['forward_shape'] = attempt(lambda: list(t.forward_shape(xx.shape)))
        c['inverse_shape'] = attempt(lambda: list(t.inverse_shape(y.shape)))
        g1 = torch.randn(y.shape)
        loss = (y * g1).sum()
        c['g_y'] = self.enc(g1)
        if 'value' in c['ladj']:
            ladj = t.log_abs_det_jacobian(xx, y)
            g2 = torch.randn(ladj.shape)
            c['g_ladj'] = self.enc(g2)
            loss = loss + (ladj * g2).sum()
        loss.backward()
        c['x_grad'] = self.enc(xx.grad) if xx.grad is not None else None
        c['param_grads'] = [self.enc(p.grad) if p.grad is not None else None for p in params]
        return c

    def kl(self, kid, sp, sq, finite_only=True):
        """kl_divergence(p, q) against PyTorch: the value and the gradients of sum(kl * g) (None for a
        parameter that gets none; with finite_only, only where every value is finite), or the error."""
        import torch
        import torch.distributions as D
        params = []
        p = build(sp, params)
        q = build(sq, params)
        k = {'id': kid, 'p': sp, 'q': sq}
        try:
            r = D.kl_divergence(p, q)
            k['value'] = self.enc(r)
            if r.requires_grad and (not finite_only or torch.isfinite(r).all()):
                g = torch.randn(r.shape)
                (r * g).sum().backward()
                k['grad_out'] = self.enc(g)
                k['grads'] = [self.enc(t.grad) for t in params]
        except Exception as e:  # noqa: BLE001 - the error is the record
            k['error'] = {'type': type(e).__name__, 'message': str(e)}
        return k


class LinalgFixture:
    """The cases of test/linalg*.test.ts (scripts/gen-linalg*.py): each pairs a JavaScript expression with the
    Python call it mirrors; the JSON holds the inputs, every output, the gradients of sum(out_i * w_i) for the
    inputs that require grad, grad_fn names, and the error messages (raised by the call, or by backward)."""

    def __init__(self):
        self.cases = []
        self.errors = []

    @staticmethod
    def enc(t):
        import torch
        if t is None:
            return None
        t = t.detach()
        if t.dtype == torch.int32:  # pivots and info: int64 in tocha
            t = t.long()
        dt = {torch.float32: 'float32', torch.int64: 'int64', torch.bool: 'bool'}[t.dtype]
        inf = float('inf')
        data = [x if isinstance(x, bool) or (x == x and abs(x) != inf) else str(x) for x in t.flatten().tolist()]
        return {'dtype': dt, 'shape': list(t.shape), 'data': data}

    @staticmethod
    def flat(res):
        import torch
        if isinstance(res, torch.Tensor):
            return [res]
        return [o for x in res for o in LinalgFixture.flat(x)]

    def case(self, id, js, py, grad=True, node=False, signs=None, tol=None, gtol=None, **inputs):
        """signs: {output index: 'col' | 'row'} sign-ambiguous vectors; tol/gtol: relative tolerances of
        values/gradients where conditioning needs more than the test's default."""
        import torch
        enc = self.enc
        ins = {k: v.clone().requires_grad_(grad and v.is_floating_point()) for k, v in inputs.items()}
        outs = self.flat(py(**ins))
        c = {'id': id, 'js': js, 'inputs': {k: enc(v) for k, v in inputs.items()},
             'requires_grad': [k for k, v in ins.items() if v.requires_grad], 'outs': [enc(o) for o in outs]}
        if signs:
            c['signs'] = signs
        if tol:
            c['tol'] = tol
        if gtol:
            c['gtol'] = gtol
        if node:
            c['grad_fn'] = [type(o.grad_fn).__name__ if o.grad_fn else None for o in outs]
        diff = [i for i, o in enumerate(outs) if o.requires_grad and o.numel() > 0]
        if diff and grad:
            ws = [torch.randn(outs[i].shape) for i in diff]
            loss = sum((outs[i] * w).sum() for i, w in zip(diff, ws))
            leaves = [ins[k] for k in c['requires_grad']]
            gs = torch.autograd.grad(loss, leaves, allow_unused=True)
            c['diff'] = diff
            c['weights'] = [enc(w) for w in ws]
            c['grads'] = [enc(g) for g in gs]
        self.cases.append(c)

    def err(self, id, js, py, backward=False, **inputs):
        """backward: the call succeeds and the error comes from backward() of its sum."""
        ins = {k: v.clone().requires_grad_(backward and v.is_floating_point()) for k, v in inputs.items()}
        try:
            out = py(**ins)
            if backward:
                sum(o.sum() for o in self.flat(out) if o.requires_grad).backward()
        except Exception as e:  # noqa: BLE001 - the message is the point
            self.errors.append({'id': id, 'js': js, 'inputs': {k: self.enc(v) for k, v in inputs.items()},
                                'backward': backward, 'message': str(e).split('\n')[0]})
            return
        raise AssertionError(f'no error: {id}')

    def write(self, path):
        import json
        with open(path, 'w') as f:
            json.dump({'cases': self.cases, 'errors': self.errors}, f, separators=(',', ':'))
        print(f'{len(self.cases)} cases, {len(self.errors)} errors')
        for e in self.errors:
            print(e['id'], '|', e['message'])


def write_grouped(path, header, const, groups):
    """A TypeScript module exporting `const`, a table of `groups` ({spec: [member, ...]}): each group a `spec:` token
    then its members, the largest groups first, wrapped at 118 columns (src/method-kwargs.ts, src/class-kwargs.ts).
    `header`: the module's comment lines, without their `// `."""
    with open(path, 'w') as fh:
        fh.write(''.join(f'// {line}\n' for line in header) + f'export const {const} = `\n')
        for spec, members in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
            line = spec + ':'
            for m in members:
                if len(line) + 1 + len(m) > 118:
                    fh.write(line + '\n')
                    line = ' '
                line += ' ' + m
            fh.write(line + '\n')
        fh.write('`;\n')


def wrap_items(items, width=116):
    """`items` joined by spaces into lines of at most `width` columns, for the generated tables in src/ (an item longer
    than that stands alone on its line)."""
    lines, line = [], ''
    for r in items:
        if line and len(line) + len(r) + 1 > width:
            lines.append(line.rstrip())
            line = ''
        line += r + ' '
    return '\n'.join(lines + [line.rstrip()])


def tocha_names():
    """The names tocha has, as sets: torch.*'s exports ('torch'), torch.nn.functional's ('F') and Tensor's members with
    its prototypes' ('Tensor'), from src/index.ts run by tsx. A generated table lists only what tocha has: it is in
    the bundle."""
    import json
    import subprocess
    js = ("import * as torch from './src/index.ts';"
          "const own = (o) => { const s = new Set(); for (let p = o; p && p !== Object.prototype; p = Object.getPrototypeOf(p))"
          " for (const k of Object.getOwnPropertyNames(p)) s.add(k); return [...s]; };"
          "console.log(JSON.stringify({ torch: Object.keys(torch), F: Object.keys(torch.nn.functional),"
          " Tensor: own(torch.Tensor.prototype) }));")
    have = json.loads(subprocess.run(['npx', 'tsx', '-e', js], check=True, capture_output=True, text=True).stdout)
    return {k: set(v) for k, v in have.items()}


def lean_more_methods():
    """The Tensor methods beyond the lean core: the names src/tensor-methods.ts declares on Tensor (its `declare module`
    block), which an app of 'tocha/lean' has only with `import 'tocha/tensor-methods'`; their tables go with that
    module, not in every app (src/method-kwargs-more.ts)."""
    import re
    s = open('src/tensor-methods.ts').read()
    i = s.index("declare module './tensor.js' {")
    block = s[i:s.index('\n}\n', i)]
    return set(re.findall(r'^    (?:readonly |get )?([A-Za-z_$][\w$]*)\??\s*[(<:]', block, re.M))


def schema_args(name):
    """The argument lists of ATen's schemas for aten::<name>, less the out= overloads (a keyword-only argument it writes)."""
    import torch
    out = []
    for s in torch._C._jit_get_schemas_for_operator('aten::' + name):
        if any(a.alias_info is not None and a.alias_info.is_write and a.kwarg_only for a in s.arguments):
            continue
        out.append(s.arguments)
    return out


def legacy_stub(defs):
    """Whether a built-in function's stub (_VariableFunctions.pyi) is nn.functional's legacy signature: the losses'
    (binary_cross_entropy_with_logits, kl_div, ...) list size_average and reduce, and reduction as a str, in F's order,
    which the built-in does not take (its parser's is ATen's schema: weight, pos_weight, reduction as an int)."""
    return any(p.arg == 'size_average' for d in defs for p in d.args.posonlyargs + d.args.args)


def schema_signature(name):
    """torch.<name>'s one signature as its parser binds it, from ATen's schema (its `self` is `input` there):
    [positional names, keyword-only names, how many it requires]."""
    args = schema_args(name)[0]
    pos = ['input' if a.name == 'self' else a.name for a in args if not a.kwarg_only]
    kw = [a.name for a in args if a.kwarg_only]
    return [pos, kw, sum(1 for a in args if not a.kwarg_only and not a.has_default_value())]


def _later_entry(key, i, kw, m, m_kw=None):
    """A later tensor argument (test/fixtures/tensor-args.json's `later`) as src/tensor-args.ts reads it: `index:keyword`,
    then `:function:position` where the message names another function or position, `+` where the argument given by name
    keeps its position in the message (a Python function passes it on by position)."""
    import re
    simple = re.compile(r"^(\w+)\(\): argument '(\w+)' \(position (\d+)\) must be Tensor, not list$")
    fn = key.split('.')[1]
    g = simple.match(m)
    mf, mp = (g.group(1), int(g.group(3))) if g else (fn, i + 1)
    keeps = m_kw is not None and simple.match(m_kw) is not None
    return f'{i}:{kw}' + (f':{mf}:{mp}' if (mf, mp) != (fn, i + 1) else '') + ('+' if keeps else '')


def _named(message):
    """The function, argument and position a simple message names (`relu(): argument 'input' (position 1) ...`)."""
    import re
    g = re.match(r"^(\w+)\(\): argument '(\w+)' \(position (\d+)\)", message)
    return g.group(1), g.group(2), int(g.group(3))


def _method_dims(name, enc, torch_dims):
    """A method's signatures written out (test/fixtures/dim-args.json's `methods`: its own, '' for the function's of the
    same name less out, `@f` for f's less out), as src/dim-args.ts parses them."""
    if enc and enc[0] != '@':
        return enc
    sigs = torch_dims[enc[1:] or name].split('|')
    return '|'.join(','.join(p for p in s.split(',') if p and (p == '*' or p[1:].rstrip('!') != 'out')) for s in sigs)


JS_RESERVED = {'var', 'new', 'delete', 'in', 'typeof', 'void', 'function', 'class', 'const', 'let', 'default', 'with'}


def write_params(have=None):
    """src/torch-params.ts, src/nn/F-params.ts, src/method-params.ts and src/method-params-more.ts, the argument checks'
    data, from the fixtures of scripts/gen-tensor-args.py, gen-int-args.py and gen-dim-args.py (each runs this after
    writing its own; `python3 scripts/pyfixture.py` runs it alone). A torch.* or nn.functional function's data is an
    export of its own, which src/torch.ts and src/nn/F.ts pass to the function they make, so that an app's bundler
    drops it with the function; a Tensor method's is in the lean core's table or, for the methods src/tensor-methods.ts
    adds (lean_more_methods), in its own."""
    import json
    have = have or tocha_names()
    more = lean_more_methods()
    ta = json.load(open('test/fixtures/tensor-args.json'))
    ia = json.load(open('test/fixtures/int-args.json'))
    da = json.load(open('test/fixtures/dim-args.json'))
    records = {'torch': {}, 'F': {}}

    def put(key, field, value):
        prefix, name = key.split('.')
        if prefix in records and name in have[prefix]:
            records[prefix].setdefault(name, {})[field] = value

    # the first argument: the function and argument PyTorch's message names, where they are not its own and 'input'
    # (an nn.functional function's `first` says it checks one: 'input' there too)
    for key, m in sorted(ta['messages'].items()):
        fn, arg, _ = _named(m)
        if (fn, arg) != (key.split('.')[1], 'input'):
            put(key, 'first', f'{fn}:{arg}' if fn != key.split('.')[1] else arg)
        elif key.startswith('F.'):
            put(key, 'first', 'input')
    for key in ta['scalar_first']:
        put(key, 'scalar', True)
    # the second: its name, or function:name[:position] where the message's are others
    for key, m in sorted(ta['second'].items()):
        fn, arg, pos = _named(m)
        name = key.split('.')[1]
        put(key, 'second', arg if (fn, pos) == (name, 2) else f'{fn}:{arg}' if pos == 2 else f'{fn}:{arg}:{pos}')
    later = {k: ','.join(_later_entry(k, *e) for e in v) for k, v in ta['later'].items()}
    for key, v in sorted(later.items()):
        put(key, 'later', v)
    for name, arg in sorted(ta['combo_first'].items()):
        put('torch.' + name, 'combo', arg)
    for name in ta['f_builtin']:
        put('F.' + name, 'builtin', True)
    ints = {k: ','.join(f'{i}:{n}:{kind}' for i, n, kind in v) for k, v in ia['params'].items()}
    for key, v in sorted(ints.items()):
        put(key, 'ints', v)
    for name, v in sorted(da['torch'].items()):
        put('torch.' + name, 'dims', v)

    def literal(v):
        return 'true' if v is True else "'" + v + "'"

    order = ['first', 'scalar', 'second', 'later', 'combo', 'builtin', 'ints', 'dims']
    common = ["// An entry's fields (src/tensor-args.ts reads them): `first`, the function and argument PyTorch's message names",
              "// for an array as the first argument (`function:argument`, or the argument alone where the function is its own)",
              "// where they are not its own and 'input'; `scalar`, a number passes there (an overload takes one); `second`, the",
              "// second argument where an array is PyTorch's error too (`function:argument:position` as the message names them);",
              "// `later`, the later tensor arguments (`index:keyword`, then `:function:position` where the message names others,",
              "// `+` where one given by name keeps its position in it); `ints`, the arguments PyTorch's parser takes as an int",
              "// or a tuple of ints (`index:name:kind`, the index after the input; kind `i` an int, `t` a tuple of ints, `T` of",
              "// SymInts, `1` where a single int passes too, `*` a method taking the tuple's elements as its arguments, `?`",
              "// where null passes, `+` where one given by name keeps its position in the message); `dims`, the signatures",
              "// PyTorch lists for a function with a dim overload, as its parser tries them (the input left out: each argument",
              "// a letter for its type, T Tensor, i int, t tuple of ints where a single int passes too, l one where it does",
              "// not, n name, N tuple of names, b bool, d torch.dtype, f float, s str, L tuple of Tensors, S Number, then its",
              "// name, `!` where required; `*` before the keyword-only ones; `|` between signatures)."]
    for prefix, path, what, extra in [
            ('torch', 'src/torch-params.ts', ("torch.* function", "src/torch.ts"),
             ["// `combo`: an array as the first argument is PyTorch's invalid combination of arguments (an overload takes a",
              "// number there), named by this argument."]),
            ('F', 'src/nn/F-params.ts', ("nn.functional function", "src/nn/F.ts"),
             ["// `first` is there for every function whose first argument must be a Tensor; `builtin`, the function is",
              "// ATen's own (an argument given it by name has no position in PyTorch's message; the others, written in",
              "// Python, pass it on by position)."])]:
        with open(path, 'w') as fh:
            fh.write('// Generated by scripts/pyfixture.py write_params (run by scripts/gen-tensor-args.py, gen-int-args.py and\n'
                     f"// gen-dim-args.py) from PyTorch 1.13's messages: each {what[0]}'s argument checks, an export of\n"
                     f"// its own, which {what[1]} passes to the function it makes, so that an app's bundler drops it with the function.\n")
            fh.write('\n'.join(common + extra) + '\n')
            for name, r in sorted(records[prefix].items()):
                body = '{ ' + ', '.join(f'{k}: {literal(r[k])}' for k in order if k in r) + ' }'
                if name in JS_RESERVED:
                    fh.write(f'const {name}_ = {body};\nexport {{ {name}_ as {name} }};\n')
                else:
                    fh.write(f'export const {name} = {body};\n')

    # Tensor's methods: three tables each, the lean core's and those of the methods src/tensor-methods.ts adds
    tables = {'METHOD_FIRST': {k: _named(m)[1] for k, m in ta['methods'].items()},
              'METHOD_INTS': {k[7:]: v for k, v in ints.items() if k.startswith('Tensor.')},
              'METHOD_LATER': {k[7:]: v for k, v in later.items() if k.startswith('Tensor.')},
              'METHOD_DIMS': {k: _method_dims(k, v, da['torch']) for k, v in da['methods'].items()}}
    tables = {t: {k: v for k, v in rows.items() if k in have['Tensor']} for t, rows in tables.items()}
    for path, suffix, lead in [
            ('src/method-params.ts', '', ["// Generated by scripts/pyfixture.py write_params (run by scripts/gen-tensor-args.py, gen-int-args.py and",
                                          "// gen-dim-args.py) from PyTorch 1.13's messages: the argument checks' data of the lean core's Tensor",
                                          "// methods (src/tensor-args.ts checkTensorMethods); src/method-params-more.ts has the others'. Each table",
                                          "// is `name=entry`: METHOD_FIRST the argument PyTorch's message names for an array as the first argument",
                                          "// (`x.add([1, 2])`), the others as src/torch-params.ts describes its fields, METHOD_INTS `ints` (the index",
                                          "// after self), METHOD_LATER `later` (from the first argument), METHOD_DIMS `dims`."]),
            ('src/method-params-more.ts', '_MORE', ["// Generated by scripts/pyfixture.py write_params: src/method-params.ts's tables for the Tensor methods",
                                                    "// beyond the lean core (src/tensor-methods.ts declares them, and passes these tables to",
                                                    "// src/tensor-args.ts's checkTensorMethods when it installs them)."])]:
        with open(path, 'w') as fh:
            fh.write('\n'.join(lead) + '\n')
            for t, rows in tables.items():
                part = {k: v for k, v in rows.items() if (k in more) == (suffix == '_MORE')}
                fh.write(f'export const {t}{suffix} = `\n{wrap_items(f"{k}={v}" for k, v in sorted(part.items()))}\n`;\n')
    print('argument checks:', len(records['torch']), 'torch.*,', len(records['F']), 'nn.functional functions')


if __name__ == '__main__':
    write_params()
