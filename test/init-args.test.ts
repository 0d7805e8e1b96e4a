// nn.init's arguments after the tensor by name, as PyTorch code passes them (`nn.init.normal_(module.weight, mean=0.0,
// std=0.02)` in nanoGPT and minGPT is `nn.init.normal_(module.weight, { mean: 0.0, std: 0.02 })`), with Python's
// TypeErrors. The values and messages are PyTorch 1.13's for the same calls after torch.manual_seed(0).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';

const { init } = torch.nn;
const close = (t: torch.Tensor, want: unknown) => {
  const got = (t.tolist() as number[][]).flat(2);
  (want as number[][]).flat(2).forEach((w, i) => expect(got[i]).toBeCloseTo(w, 6));
};
const message = (f: () => unknown) => {
  try { f(); } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; }
  return 'no error';
};

describe('nn.init keyword arguments', () => {
  it("take PyTorch's values by name, in PyTorch's draws", () => {
    torch.manual_seed(0);
    close(init.normal_(torch.empty(2, 3), { mean: 1.0, std: 0.02 }), [[1.0308198928833008, 0.9941314458847046, 0.9564242362976074], [1.0113686323165894, 0.9783095717430115, 0.9720280766487122]]);
    close(init.normal_(torch.empty(2, 3), 0.5, { std: 2 }), [[1.30669367313385, 2.1760525703430176, -0.9385151863098145], [-0.30668705701828003, -0.693270742893219, 0.8640729784965515]]);
    close(init.uniform_(torch.empty(2, 3), { b: 0.5 }), [[0.20970416069030762, 0.27645352482795715, 0.47636905312538147], [0.018082410097122192, 0.0926155149936676, 0.18670868873596191]]);
    close(init.trunc_normal_(torch.empty(2, 3), { std: 0.5, a: -0.4 }), [[-0.05991530045866966, 0.8053476214408875, -0.19199557602405548], [-0.09517847001552582, -0.21911735832691193, -0.35822954773902893]]);
    close(init.constant_(torch.empty(2), { val: 0.25 }), [0.25, 0.25]);
    close(init.xavier_uniform_(torch.empty(2, 3), { gain: 2.0 }), [[-1.2789113521575928, 1.8832850456237793, 0.9776155352592468], [1.0618643760681152, 0.11522234231233597, -1.1232333183288574]]);
    close(init.xavier_normal_(torch.empty(2, 3), { gain: 0.5 }), [[-0.06773160398006439, -0.1366005539894104, -0.2238505780696869], [-0.033657390624284744, -0.3929862678050995, -0.15059764683246613]]);
    close(init.kaiming_uniform_(torch.empty(2, 3), { a: 5 ** 0.5, nonlinearity: 'relu' }), [[0.9482108354568481, -0.8326922655105591, 0.26353025436401367], [-1.0964475870132446, -0.980171799659729, -0.7305594682693481]]);
    close(init.orthogonal_(torch.empty(2, 3), { gain: 3 }), [[1.092422604560852, -2.7646098136901855, 0.4044058322906494], [-2.7338619232177734, -1.1472702026367188, -0.4580097794532776]]);
    close(init.sparse_(torch.empty(3, 2), { sparsity: 0.5, std: 0.1 }), [[0.0, -0.05007584020495415], [0.02733677439391613, 0.0], [0.0, 0.0]]);
    close(init.dirac_(torch.empty(2, 2, 1), { groups: 2 }), [[[1.0], [0.0]], [[1.0], [0.0]]]);
    expect(init.calculate_gain('leaky_relu', { param: 0.2 })).toBe(1.3867504905630728);
  });

  it("refuse what Python refuses, in its words", () => {
    // @ts-expect-error: no such argument
    expect(message(() => init.normal_(torch.empty(2), { sd: 1 }))).toBe("TypeError: normal_() got an unexpected keyword argument 'sd'");
    // @ts-expect-error: too many arguments
    expect(message(() => init.normal_(torch.empty(2), 0, 1, 2))).toBe('TypeError: normal_() takes from 1 to 3 positional arguments but 4 were given');
    // @ts-expect-error: val is required
    expect(message(() => init.constant_(torch.empty(2), {}))).toBe("TypeError: constant_() missing 1 required positional argument: 'val'");
    // a given twice
    expect(message(() => init.uniform_(torch.empty(2), 0, { a: 1 }))).toBe("TypeError: uniform_() got multiple values for argument 'a'");
    // @ts-expect-error: no such argument
    expect(message(() => init.kaiming_normal_(torch.empty(2, 2), { fan: 'fan_in' }))).toBe("TypeError: kaiming_normal_() got an unexpected keyword argument 'fan'");
  });
});
