// Tensor methods beyond the lean core that library code and torch.* functions call too (`torch.acos_(x)`, nn's
// `index_copy_`): one implementation here, which the methods (src/tensor-methods.ts) and those callers share, so
// that the lean entry, whose Tensor lacks the methods, has them where the library needs them.
import { bool as boolT } from '../dtype.js';
import { is_grad_enabled, no_grad, refused } from '../autograd.js';
import { contiguousStrides, numelOf, sizesOf, sameShape } from './util.js';
import * as E from './elementwise.js';
import * as S from './shape.js';
import * as X from './extra.js';
import * as Fn from './funcs.js';
import * as Sp from './special.js';
import { TensorOrScalar, Tensor } from '../tensor.js';

export function acos_<T extends Tensor>(self: T): T { return self._inplaceOf('acos_', (s) => E.acos(s)); }
export function acosh_<T extends Tensor>(self: T): T { return self._inplaceOf('acosh_', (s) => refused('AcoshBackward1', "the derivative for 'inplace version of acosh' is not implemented.", no_grad(() => E.acosh(s)), [s])); }
export function addmv_<T extends Tensor>(self: T, m: Tensor, v: Tensor, o?: { beta?: number; alpha?: number }): T { return self._inplaceOf('addmv_', (s) => X.addmv(s, m, v, o), m, v); }
export function arccos_<T extends Tensor>(self: T): T { return acos_(self); }
export function arccosh_<T extends Tensor>(self: T): T { return acosh_(self); }
export function arcsin_<T extends Tensor>(self: T): T { return asin_(self); }
export function arcsinh_<T extends Tensor>(self: T): T { return asinh_(self); }
export function arctan_<T extends Tensor>(self: T): T { return atan_(self); }
export function arctanh_<T extends Tensor>(self: T): T { return atanh_(self); }
export function asin_<T extends Tensor>(self: T): T { return self._inplaceOf('asin_', (s) => E.asin(s)); }
export function asinh_<T extends Tensor>(self: T): T { return self._inplaceOf('asinh_', (s) => refused('AsinhBackward1', "the derivative for 'inplace version of asinh' is not implemented.", no_grad(() => E.asinh(s)), [s])); }
export function atan_<T extends Tensor>(self: T): T { return self._inplaceOf('atan_', (s) => E.atan(s)); }
export function atanh_<T extends Tensor>(self: T): T { return self._inplaceOf('atanh_', (s) => refused('AtanhBackward1', "the derivative for 'inplace version of atanh' is not implemented.", no_grad(() => E.atanh(s)), [s])); }
export function ceil_<T extends Tensor>(self: T): T { return self._inplaceOf('ceil_', (s) => E.ceil(s)); }
export function clamp_max_<T extends Tensor>(self: T, max: number | Tensor): T { return self._inplaceOf('clamp_max_', (s) => s.clamp_max(max), max); }
export function clamp_min_<T extends Tensor>(self: T, min: number | Tensor): T { return self._inplaceOf('clamp_min_', (s) => s.clamp_min(min), min); }

/** In place: nothing to do for a real tensor (PyTorch returns it as it is). */
export function conj_physical_<T extends Tensor>(self: T): T { self._bumpVersion(); return self; }
export function cos_<T extends Tensor>(self: T): T { return self._inplaceOf('cos_', (s) => E.cos(s)); }
export function cosh_<T extends Tensor>(self: T): T { return self._inplaceOf('cosh_', (s) => E.cosh(s)); }
export function deg2rad_<T extends Tensor>(self: T): T { return self._inplaceOf('deg2rad_', (s) => X.deg2rad(s)); }
export function erf_<T extends Tensor>(self: T): T { return self._inplaceOf('erf_', (s) => E.erf(s)); }
export function erfc_<T extends Tensor>(self: T): T { return self._inplaceOf('erfc_', (s) => Sp.erfc(s)); }
export function exp2_<T extends Tensor>(self: T): T { return self._inplaceOf('exp2_', (s) => E.exp2(s)); }
export function expm1_<T extends Tensor>(self: T): T { return self._inplaceOf('expm1_', (s) => E.expm1(s)); }
export function fix_<T extends Tensor>(self: T): T { return trunc_(self); }
export function floor_<T extends Tensor>(self: T): T { return self._inplaceOf('floor_', (s) => E.floor(s)); }
export function frac_<T extends Tensor>(self: T): T { return self._inplaceOf('frac_', (s) => E.frac(s)); }
export function gcd_<T extends Tensor>(self: T, other: Tensor): T { return self._inplaceOf('gcd_', (s) => Fn.gcd(s, other), other); }

/** The CUDA device index: -1 on the CPU. */
export function get_device(self: Tensor): number { return -1; }
export function i0_<T extends Tensor>(self: T): T { return self._inplaceOf('i0_', (s) => Sp.i0(s)); }
export function is_conj(self: Tensor): boolean { return false; }
export function is_distributed(self: Tensor): boolean { return false; }
export function is_neg(self: Tensor): boolean { return false; }
export function is_same_size(self: Tensor, other: Tensor): boolean { return sameShape(self._shape, other._shape); }

/** Whether the dtype is signed (float32 and int64 are; bool is not). */
export function is_signed(self: Tensor): boolean { return self.dtype !== boolT; }
export function lcm_<T extends Tensor>(self: T, other: Tensor): T { return self._inplaceOf('lcm_', (s) => Fn.lcm(s, other), other); }

export function ldexp_<T extends Tensor>(self: T, other: Tensor): T {
    // PyTorch 1.13 writes ldexp_ as mul(out=self), which autograd refuses
    if (is_grad_enabled() && (self.requires_grad || other.requires_grad)) {
      throw new Error("mul(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.");
    }
    return self._inplaceOf('ldexp_', (s) => Fn.ldexp(s, other), other);
  }

export function log10_<T extends Tensor>(self: T): T { return self._inplaceOf('log10_', (s) => E.log10(s)); }
export function log1p_<T extends Tensor>(self: T): T { return self._inplaceOf('log1p_', (s) => E.log1p(s)); }
export function log2_<T extends Tensor>(self: T): T { return self._inplaceOf('log2_', (s) => E.log2(s)); }
export function log_<T extends Tensor>(self: T): T { return self._inplaceOf('log_', (s) => E.log(s)); }
export function logit_<T extends Tensor>(self: T, eps?: number | null): T { return self._inplaceOf('logit_', (s) => E.logit(s, eps)); }

export function nan_to_num_<T extends Tensor>(self: T, nan?: number | { nan?: number; posinf?: number | null; neginf?: number | null }, posinf?: number | null, neginf?: number | null): T {
    return E.inplace(self, () => X.nan_to_num(self, nan, posinf, neginf), 'nan_to_num_');
  }

export function narrow_copy(self: Tensor, dim: number, start: number, length: number): Tensor {
    // PyTorch 1.13 has no derivative for narrow_copy: its node raises in backward
    const d = self.detach();
    const v = S.narrow(d, dim, start, length);
    const c = refused('NotImplemented', 'derivative for aten::narrow_copy is not implemented', E.clone(v), [self]);
    v.dispose();
    d.dispose();
    return c;
  }

export function negative_<T extends Tensor>(self: T): T { return self.neg_(); }
export function rad2deg_<T extends Tensor>(self: T): T { return self._inplaceOf('rad2deg_', (s) => X.rad2deg(s)); }
export function reciprocal_<T extends Tensor>(self: T): T { return self._inplaceOf('reciprocal_', (s) => E.reciprocal(s)); }

/** `x.resize_as_(other)`: x.resize_(other.shape). */
export function resize_as_<T extends Tensor>(self: T, other: Tensor): T { return resize_(self, other._shape); }

/** `x.resize_(...sizes)`: x takes the sizes (contiguous strides), its storage grown when too small (its values kept,
 *  the new ones zero; every tensor on the storage sees it). */
export function resize_<T extends Tensor>(self: T, ...sizes: (number | readonly number[])[]): T {
    const shape = sizesOf(sizes);
    if (self._requiresGrad) throw new Error('cannot resize variables that require grad');
    for (const d of shape) if (d < 0) throw new RangeError(`Trying to create tensor with negative dimension ${d}: [${shape.join(', ')}]`);
    const s = self._live();
    s.grow(self._offset + numelOf(shape));
    self._shape = shape;
    self._strides = contiguousStrides(shape);
    self._sizeCache = null;
    return self;
  }

export function round_<T extends Tensor>(self: T, opts?: { decimals?: number }): T { return self._inplaceOf('round_', (s) => E.round(s, opts)); }
export function rsqrt_<T extends Tensor>(self: T): T { return self._inplaceOf('rsqrt_', (s) => E.rsqrt(s)); }
export function sin_<T extends Tensor>(self: T): T { return self._inplaceOf('sin_', (s) => E.sin(s)); }
export function sinc_<T extends Tensor>(self: T): T { return self._inplaceOf('sinc_', (s) => X.sinc(s)); }
export function sinh_<T extends Tensor>(self: T): T { return self._inplaceOf('sinh_', (s) => E.sinh(s)); }
export function square_<T extends Tensor>(self: T): T { return self._inplaceOf('square_', (s) => E.square(s)); }
export function tan_<T extends Tensor>(self: T): T { return self._inplaceOf('tan_', (s) => E.tan(s)); }
export function trunc_<T extends Tensor>(self: T): T { return self._inplaceOf('trunc_', (s) => E.trunc(s)); }
export function xlogy_<T extends Tensor>(self: T, other: TensorOrScalar): T { return self._inplaceOf('xlogy_', (s) => X.xlogy(s, other), other); }

/** `x.transpose_(dim0, dim1)`: in place (TransposeBackward1). */
export function transpose_<T extends Tensor>(self: T, dim0: number, dim1: number): T {
    return self._viewInPlace((x) => S.transpose(x, dim0, dim1), 'TransposeBackward1', (g) => S.transpose(g, dim0, dim1));
  }

export function sign_<T extends Tensor>(self: T): T { return self._inplaceOf('sign_', (s) => E.sign(s)); }

export function index_copy_<T extends Tensor>(self: T, dim: number, index: Tensor, source: Tensor): T {
    return E.inplace(self, () => X.index_copy(self, dim, index, source), 'index_copy_', source);
  }

export function index_fill_<T extends Tensor>(self: T, dim: number, index: Tensor, value: number | Tensor): T {
    return E.inplace(self, () => X.index_fill(self, dim, index, value), 'index_fill_', value);
  }
