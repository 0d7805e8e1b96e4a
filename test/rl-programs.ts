// PyTorch's reinforcement-learning programs (pytorch/examples reinforcement_learning/reinforce.py and
// actor_critic.py, pytorch/tutorials intermediate_source/reinforcement_q_learning.py) written against tocha the way
// a user translating them would write them, on the same inline CartPole-v1 and seeds as scripts/gen-rl.py (which
// records what PyTorch 1.13 prints for each). test/rl.test.ts compares. The environment is plain JavaScript
// numbers (IEEE doubles, as Python's floats: the same +, -, *, / in the same order give the same bits; Math.sin,
// Math.cos and ** may differ from glibc's by an ulp, far below the float32 rounding of the observations); every
// random draw is torch's, here as in the Python (which replaces numpy's and random's draws of the originals).
// Where the translation has to differ from the Python for a reason of language (no operator overloading, no
// `with`, 1 and 1.0 being one number, Python's format()), the line says so.
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { e, n, p, program, pyfloat, type Rec } from './tutorial-harness.js';

const { nn, optim } = torch;
const F = nn.functional;
const { Categorical } = torch.distributions;

const item = (t: Tensor) => Number(t.item());
const len = (t: Tensor) => t.shape[0];  // Python's len() of a tensor

/** gym's CartPole-v1: CartPoleEnv (euler integration) inside its TimeLimit of 500 steps. */
class CartPoleEnv {
  gravity = 9.8;
  masscart = 1.0;
  masspole = 0.1;
  total_mass = this.masspole + this.masscart;
  length = 0.5;  // actually half the pole's length
  polemass_length = this.masspole * this.length;
  force_mag = 10.0;
  tau = 0.02;  // seconds between state updates
  // Angle at which to fail the episode
  theta_threshold_radians = 12 * 2 * Math.PI / 360;
  x_threshold = 2.4;
  max_episode_steps = 500;  // gym.make's TimeLimit for CartPole-v1
  reward_threshold = 475.0;  // env.spec.reward_threshold
  n_actions = 2;  // env.action_space.n
  state: number[] = [];
  elapsed_steps = 0;

  step(action: number): [number[], number, boolean, boolean, object] {
    let [x, x_dot, theta, theta_dot] = this.state;
    const force = action === 1 ? this.force_mag : -this.force_mag;
    const costheta = Math.cos(theta);
    const sintheta = Math.sin(theta);
    const temp = (force + this.polemass_length * theta_dot ** 2 * sintheta) / this.total_mass;
    const thetaacc = (this.gravity * sintheta - costheta * temp) / (
      this.length * (4.0 / 3.0 - this.masspole * costheta ** 2 / this.total_mass));
    const xacc = temp - this.polemass_length * thetaacc * costheta / this.total_mass;
    x = x + this.tau * x_dot;
    x_dot = x_dot + this.tau * xacc;
    theta = theta + this.tau * theta_dot;
    theta_dot = theta_dot + this.tau * thetaacc;
    this.state = [x, x_dot, theta, theta_dot];
    const terminated = x < -this.x_threshold || x > this.x_threshold ||
      theta < -this.theta_threshold_radians || theta > this.theta_threshold_radians;
    this.elapsed_steps += 1;
    const truncated = this.elapsed_steps >= this.max_episode_steps;
    return [[...this.state], 1.0, terminated, truncated, {}];
  }

  reset(): [number[], object] {
    // gym: self.np_random.uniform(low=-0.05, high=0.05, size=(4,)); torch's draw, as in the Python
    this.state = torch.rand(4).mul(0.1).sub(0.05).tolist() as number[];
    this.elapsed_steps = 0;
    return [[...this.state], {}];
  }
}

// -------------------------------------------------------------------------------------------------
// pytorch/examples reinforcement_learning/reinforce.py
class Policy extends nn.Module {
  affine1 = new nn.Linear(4, 128);
  dropout = new nn.Dropout({ p: 0.6 });
  affine2 = new nn.Linear(128, 2);
  saved_log_probs: Tensor[] = [];
  rewards: number[] = [];
  override forward(x: Tensor): Tensor {
    x = this.affine1(x);
    x = this.dropout(x);
    x = F.relu(x);
    const action_scores = this.affine2(x);
    return F.softmax(action_scores, { dim: 1 });
  }
}

const reinforce = program(() => {
  const gamma = 0.99;  // args.gamma
  const seed = 543;  // args.seed
  const log_interval = 1;  // args.log_interval
  const env = new CartPoleEnv();
  torch.manual_seed(seed);
  const policy = new Policy();
  const optimizer = new optim.Adam(policy.parameters(), { lr: 1e-2 });
  const eps = torch.finfo(torch.float32).eps;
  p(policy);
  p(optimizer);
  p(torch.finfo(torch.float32));

  const select_action = (state_: number[]): number => {
    const state = torch.tensor(state_).float().unsqueeze(0);  // the example: torch.from_numpy(state)
    const probs = policy(state);
    const m = new Categorical(probs);
    const action = m.sample();
    policy.saved_log_probs.push(m.log_prob(action));
    return item(action);
  };

  const finish_episode = () => {
    let R = 0;
    const policy_loss: Tensor[] = [];
    const returns_: number[] = [];  // collections.deque
    for (const r of [...policy.rewards].reverse()) {
      R = r + gamma * R;
      returns_.unshift(R);  // returns.appendleft(R)
    }
    let returns = torch.tensor(returns_);
    returns = returns.sub(returns.mean()).div(returns.std().add(eps));
    // for log_prob, R in zip(policy.saved_log_probs, returns): policy_loss.append(-log_prob * R)
    policy.saved_log_probs.forEach((log_prob, i) => policy_loss.push(log_prob.neg().mul(returns.index(i))));
    optimizer.zero_grad();
    const loss = torch.cat(policy_loss).sum();  // policy_loss = ... (a list, then a tensor, in the Python)
    loss.backward();
    optimizer.step();
    n(`loss ${item(loss).toFixed(6)} returns ${returns.index(torch.slice(null, 3))}`);
    policy.rewards.length = 0;  // del policy.rewards[:]
    policy.saved_log_probs.length = 0;
  };

  let running_reward = 10;
  for (let i_episode = 1; i_episode < 21; i_episode++) {
    let [state] = env.reset();
    let ep_reward = 0;
    let t = 1;
    for (; t < 10000; t++) {  // Don't infinite loop while learning
      const action = select_action(state);
      const [next, reward, done] = env.step(action);
      state = next;
      policy.rewards.push(reward);
      ep_reward += reward;
      if (done) break;
    }
    if (i_episode === 1) {
      // policy.rewards[:3] is a list of Python floats, [1.0, 1.0, 1.0]
      n(policy.saved_log_probs.length, policy.saved_log_probs[0], `[${policy.rewards.slice(0, 3).map(pyfloat).join(', ')}]`);
      n(new Categorical(policy(torch.tensor(state).float().unsqueeze(0))));
    }
    running_reward = 0.05 * ep_reward + (1 - 0.05) * running_reward;
    finish_episode();
    if (i_episode % log_interval === 0) {
      n(`Episode ${i_episode}\tLast reward: ${ep_reward.toFixed(2)}\tAverage reward: ${running_reward.toFixed(2)}`);
    }
    if (running_reward > env.reward_threshold) {
      n(`Solved! Running reward is now ${running_reward} and the last episode runs to ${t} time steps!`);
      break;
    }
  }
  n(policy.affine2.bias);
  e(() => policy(torch.tensor(env.reset()[0])));
  const m = new Categorical(torch.tensor([0.3, 0.7]));
  e(() => torch.cat([m.log_prob(m.sample()).neg().mul(1.0), m.log_prob(m.sample()).neg().mul(0.5)]));
  const probs = policy(torch.tensor(env.reset()[0]).unsqueeze(0));
  const loss = new Categorical(probs).log_prob(torch.tensor([1])).neg().sum();
  loss.backward();
  e(() => loss.backward());
  e(() => new Categorical(torch.tensor([0.5, -0.5])));
});

// -------------------------------------------------------------------------------------------------
// pytorch/examples reinforcement_learning/actor_critic.py
type SavedAction = { log_prob: Tensor; value: Tensor };  // namedtuple('SavedAction', ['log_prob', 'value'])

/** implements both actor and critic in one model */
class PolicyAC extends nn.Module {
  affine1 = new nn.Linear(4, 128);
  // actor's layer
  action_head = new nn.Linear(128, 2);
  // critic's layer
  value_head = new nn.Linear(128, 1);
  // action & reward buffer
  saved_actions: SavedAction[] = [];
  rewards: number[] = [];
  /** forward of both actor and critic */
  override forward(x: Tensor): [Tensor, Tensor] {
    x = F.relu(this.affine1(x));
    // actor: choses action to take from state s_t by returning probability of each action
    const action_prob = F.softmax(this.action_head(x), { dim: -1 });
    // critic: evaluates being in the state s_t
    const state_values = this.value_head(x);
    return [action_prob, state_values];
  }
}

const actor_critic = program(() => {
  const gamma = 0.99;
  const seed = 543;
  const log_interval = 1;
  const env = new CartPoleEnv();
  torch.manual_seed(seed);
  const model = new PolicyAC();
  const optimizer = new optim.Adam(model.parameters(), { lr: 3e-2 });
  const eps = torch.finfo(torch.float32).eps;
  p(model);

  const select_action = (state_: number[]): number => {
    const state = torch.tensor(state_).float();  // the example: torch.from_numpy(state).float()
    const [probs, state_value] = model(state);
    // create a categorical distribution over the list of probabilities of actions
    const m = new Categorical(probs);
    // and sample an action using the distribution
    const action = m.sample();
    // save to action buffer
    model.saved_actions.push({ log_prob: m.log_prob(action), value: state_value });
    // the action to take (left or right)
    return item(action);
  };

  /** Training code. Calculates actor and critic loss and performs backprop. */
  const finish_episode = () => {
    let R = 0;
    const saved_actions = model.saved_actions;
    const policy_losses: Tensor[] = [];  // list to save actor (policy) loss
    const value_losses: Tensor[] = [];  // list to save critic (value) loss
    const returns_: number[] = [];  // list to save the true values
    // calculate the true value using rewards returned from the environment
    for (const r of [...model.rewards].reverse()) {
      // calculate the discounted value
      R = r + gamma * R;
      returns_.unshift(R);
    }
    let returns = torch.tensor(returns_);
    returns = returns.sub(returns.mean()).div(returns.std().add(eps));
    saved_actions.forEach(({ log_prob, value }, i) => {
      const Ri = returns.index(i);
      const advantage = Ri.sub(item(value));
      // calculate actor (policy) loss
      policy_losses.push(log_prob.neg().mul(advantage));
      // calculate critic (value) loss using L1 smooth loss
      value_losses.push(F.smooth_l1_loss(value, torch.tensor([Ri])));
    });
    if (value_losses.length === 11) {
      // a namedtuple prints as SavedAction(log_prob=..., value=...)
      n(`SavedAction(log_prob=${saved_actions[0].log_prob}, value=${saved_actions[0].value})`, value_losses[0]);
    }
    // reset gradients
    optimizer.zero_grad();
    // sum up all the values of policy_losses and value_losses
    const loss = torch.stack(policy_losses).sum().add(torch.stack(value_losses).sum());
    // perform backprop
    loss.backward();
    optimizer.step();
    n(`policy loss ${item(torch.stack(policy_losses).sum()).toFixed(6)} value loss ${item(torch.stack(value_losses).sum()).toFixed(6)} ` +
      `first value ${item(saved_actions[0].value).toFixed(6)}`);
    // reset rewards and action buffer
    model.rewards.length = 0;
    model.saved_actions.length = 0;
  };

  let running_reward = 10;
  for (let i_episode = 1; i_episode < 31; i_episode++) {
    // reset environment and episode reward
    let [state] = env.reset();
    let ep_reward = 0;
    // for each episode, only run 9999 steps so that we don't infinite loop while learning
    let t = 1;
    for (; t < 10000; t++) {
      // select action from policy
      const action = select_action(state);
      // take the action
      const [next, reward, done] = env.step(action);
      state = next;
      model.rewards.push(reward);
      ep_reward += reward;
      if (done) break;
    }
    // update cumulative reward
    running_reward = 0.05 * ep_reward + (1 - 0.05) * running_reward;
    // perform backprop
    finish_episode();
    // log results
    if (i_episode % log_interval === 0) {
      n(`Episode ${i_episode}\tLast reward: ${ep_reward.toFixed(2)}\tAverage reward: ${running_reward.toFixed(2)}`);
    }
    // check if we have "solved" the cart pole problem
    if (running_reward > env.reward_threshold) {
      n(`Solved! Running reward is now ${running_reward} and the last episode runs to ${t} time steps!`);
      break;
    }
  }
  n(model(torch.tensor(env.reset()[0]))[1]);
  const [probs, value] = model(torch.tensor(env.reset()[0]));
  const m = new Categorical(probs);
  e(() => m.log_prob(torch.tensor(2)));
  n(F.smooth_l1_loss(value, torch.tensor([0.5, 0.25, 0.125])));
  e(() => new Categorical(torch.zeros(2)));
  e(() => torch.stack([torch.tensor([0.5]), torch.tensor(0.5)]));
  e(() => torch.stack([]));  // finish_episode before any step
  e(() => probs.item());
});

// -------------------------------------------------------------------------------------------------
// pytorch/tutorials intermediate_source/reinforcement_q_learning.py
type Transition = { state: Tensor; action: Tensor; next_state: Tensor | null; reward: Tensor };

class ReplayMemory {
  memory: Transition[] = [];  // deque([], maxlen=capacity)
  constructor(public capacity: number) {}
  /** Save a transition */
  push(state: Tensor, action: Tensor, next_state: Tensor | null, reward: Tensor): void {
    this.memory.push({ state, action, next_state, reward });
    if (this.memory.length > this.capacity) this.memory.shift();
  }
  sample(batch_size: number): Transition[] {
    // the tutorial: random.sample(self.memory, batch_size); torch's draw, as in the Python
    const idx = torch.randperm(this.memory.length).index(torch.slice(null, batch_size)).tolist() as number[];
    return idx.map((i) => this.memory[i]);
  }
  get length(): number { return this.memory.length; }
}

class DQN extends nn.Module {
  layer1: InstanceType<typeof nn.Linear>;
  layer2: InstanceType<typeof nn.Linear>;
  layer3: InstanceType<typeof nn.Linear>;
  constructor(n_observations: number, n_actions: number) {
    super();
    this.layer1 = new nn.Linear(n_observations, 128);
    this.layer2 = new nn.Linear(128, 128);
    this.layer3 = new nn.Linear(128, n_actions);
  }
  // Called with either one element to determine next action, or a batch
  // during optimization. Returns tensor([[left0exp,right0exp]...]).
  override forward(x: Tensor): Tensor {
    x = F.relu(this.layer1(x));
    x = F.relu(this.layer2(x));
    return this.layer3(x);
  }
}

const dqn = program(() => {
  const env = new CartPoleEnv();
  const device = new torch.device('cpu');  // a JS class needs new
  // BATCH_SIZE is the number of transitions sampled from the replay buffer
  // GAMMA is the discount factor
  // EPS_START is the starting value of epsilon
  // EPS_END is the final value of epsilon
  // EPS_DECAY controls the rate of exponential decay of epsilon, higher means a slower decay
  // TAU is the update rate of the target network
  // LR is the learning rate of the ``AdamW`` optimizer
  const BATCH_SIZE = 128;
  const GAMMA = 0.99;
  const EPS_START = 0.9;
  const EPS_END = 0.05;
  const EPS_DECAY = 1000;
  const TAU = 0.005;
  const LR = 1e-4;

  // Get number of actions from gym action space
  const n_actions = env.n_actions;
  // Get the number of state observations
  let [state_] = env.reset();
  const n_observations = state_.length;

  const policy_net = new DQN(n_observations, n_actions).to(device);
  const target_net = new DQN(n_observations, n_actions).to(device);
  p(target_net.load_state_dict(policy_net.state_dict()));
  p(policy_net);
  p(Object.keys(policy_net.state_dict()));

  const optimizer = new optim.AdamW(policy_net.parameters(), { lr: LR, amsgrad: true });
  const memory = new ReplayMemory(10000);
  p(optimizer);
  p(new nn.SmoothL1Loss());

  let steps_done = 0;

  const select_action = (state: Tensor): Tensor => {
    const sample = item(torch.rand(1));  // the tutorial: random.random()
    const eps_threshold = EPS_END + (EPS_START - EPS_END) * Math.exp(-1 * steps_done / EPS_DECAY);
    steps_done += 1;
    if (sample > eps_threshold) {
      return torch.no_grad(() =>
        // t.max(1) will return the largest column value of each row.
        // second column on max result is index of where max element was
        // found, so we pick action with the larger expected reward.
        policy_net(state).max(1)[1].view(1, 1));
    }
    // the tutorial: env.action_space.sample() (numpy's generator)
    return torch.tensor([[item(torch.randint(n_actions, [1]))]], { device, dtype: torch.long });
  };

  const episode_durations: number[] = [];
  let optimize_steps = 0;

  const optimize_model = () => {
    if (memory.length < BATCH_SIZE) return;
    const transitions = memory.sample(BATCH_SIZE);
    // Transpose the batch: Transition(*zip(*transitions))
    const batch = {
      state: transitions.map((t) => t.state), action: transitions.map((t) => t.action),
      next_state: transitions.map((t) => t.next_state), reward: transitions.map((t) => t.reward),
    };
    // Compute a mask of non-final states and concatenate the batch elements
    // (a final state would've been the one after which simulation ended)
    const non_final_mask = torch.tensor(batch.next_state.map((s) => s !== null), { device, dtype: torch.bool });
    const non_final_next_states = torch.cat(batch.next_state.filter((s): s is Tensor => s !== null));
    const state_batch = torch.cat(batch.state);
    const action_batch = torch.cat(batch.action);
    const reward_batch = torch.cat(batch.reward);

    // Compute Q(s_t, a) - the model computes Q(s_t), then we select the
    // columns of actions taken. These are the actions which would've been taken
    // for each batch state according to policy_net
    const state_action_values = policy_net(state_batch).gather(1, action_batch);

    // Compute V(s_{t+1}) for all next states.
    // Expected values of actions for non_final_next_states are computed based
    // on the "older" target_net; selecting their best reward with max(1)[0].
    // This is merged based on the mask, such that we'll have either the expected
    // state value or 0 in case the state was final.
    const next_state_values = torch.zeros(BATCH_SIZE, { device });
    torch.no_grad(() => {
      // next_state_values[non_final_mask] = target_net(non_final_next_states).max(1)[0]
      next_state_values.set(non_final_mask, target_net(non_final_next_states).max(1)[0]);
    });
    // Compute the expected Q values
    const expected_state_action_values = next_state_values.mul(GAMMA).add(reward_batch);

    // Compute Huber loss
    const criterion = new nn.SmoothL1Loss();
    const loss = criterion(state_action_values, expected_state_action_values.unsqueeze(1));

    // Optimize the model
    optimizer.zero_grad();
    loss.backward();
    // In-place gradient clipping
    torch.nn.utils.clip_grad_value_(policy_net.parameters(), 100);
    optimizer.step();
    if (optimize_steps % 25 === 0) {
      n(`step ${optimize_steps} loss ${item(loss).toFixed(6)} Q ${state_action_values.index(torch.slice(null, 3)).view(-1)}`);
    }
    optimize_steps += 1;
  };

  const num_episodes = 20;  // the tutorial: 600 with a GPU, 50 on a CPU

  for (let i_episode = 0; i_episode < num_episodes; i_episode++) {
    // Initialize the environment and get it's state
    [state_] = env.reset();
    let state: Tensor | null = torch.tensor(state_, { dtype: torch.float32, device }).unsqueeze(0);
    for (let t = 0; ; t++) {
      const action = select_action(state!);
      const [observation, reward_, terminated, truncated] = env.step(item(action));
      // torch.tensor([reward]): reward is the float 1.0 in Python, which a JS number cannot say
      const reward = torch.tensor([reward_], { device, dtype: torch.float32 });
      const done = terminated || truncated;

      const next_state = terminated ? null : torch.tensor(observation, { dtype: torch.float32, device }).unsqueeze(0);

      // Store the transition in memory
      memory.push(state!, action, next_state, reward);
      if (memory.length === 1) {
        const t0 = memory.memory[0];  // a namedtuple prints as Transition(state=..., ...)
        n(`Transition(state=${t0.state}, action=${t0.action}, next_state=${t0.next_state ?? 'None'}, reward=${t0.reward})`);
      }

      // Move to the next state
      state = next_state;

      // Perform one step of the optimization (on the policy network)
      optimize_model();

      // Soft update of the target network's weights
      // θ′ ← τ θ + (1 −τ )θ′
      // (its 18 temporaries, ~210 KB a step, wait for the garbage collector, which a synchronous loop never lets run:
      // a run as long as the tutorial's would wrap this in torch.no_grad, which releases them; README "Memory")
      const target_net_state_dict = target_net.state_dict();
      const policy_net_state_dict = policy_net.state_dict();
      for (const key of Object.keys(policy_net_state_dict)) {
        target_net_state_dict[key] = policy_net_state_dict[key].mul(TAU).add(target_net_state_dict[key].mul(1 - TAU));
      }
      target_net.load_state_dict(target_net_state_dict);

      if (done) {
        episode_durations.push(t + 1);
        n(`Episode ${i_episode} duration ${t + 1} steps_done ${steps_done}`);
        break;
      }
    }
  }

  p('Complete');
  n(episode_durations, memory.length);
  // plot_durations' 100-episode averages, over windows of 5 (20 episodes here)
  const durations_t = torch.tensor(episode_durations, { dtype: torch.float });
  if (len(durations_t) >= 5) {
    let means = durations_t.unfold(0, 5, 1).mean(1).view(-1);
    means = torch.cat([torch.zeros(4), means]);
    n(means);
  }
  n(durations_t.mean());
  const probe = torch.tensor([[0.01, -0.02, 0.03, 0.04], [0.0, 0.5, -0.1, -0.5]]);
  torch.no_grad(() => {
    n(policy_net(probe));
    n(target_net(probe));
    n(policy_net(probe).max(1));
  });
  n(target_net.layer3.bias);
  const state_batch = torch.cat(memory.memory.slice(0, 4).map((t) => t.state));
  e(() => policy_net(torch.tensor(env.reset()[0])).max(1));
  e(() => policy_net(state_batch).gather(1, torch.tensor([0, 1, 1, 0])));
  e(() => policy_net(state_batch).gather(1, torch.tensor([[0], [1], [1], [0]], { dtype: torch.float32 })));  // [[0.], ...]
  e(() => policy_net(state_batch).gather(1, torch.tensor([[0], [1], [2], [0]])));
  e(() => new nn.SmoothL1Loss()(policy_net(state_batch), torch.zeros(4, 3)));
  e(() => torch.cat(memory.memory.map((t) => t.next_state) as Tensor[]));  // the final states' None left in
  e(() => policy_net(state_batch).max(1)[1].view(1, 1));
  // expected values without unsqueeze(1): (4, 1) against (4,) broadcasts to (4, 4), a warning and a wrong loss
  torch.no_grad(() => {
    n(new nn.SmoothL1Loss()(policy_net(state_batch).gather(1, torch.cat(memory.memory.slice(0, 4).map((t) => t.action))),
      target_net(state_batch).max(1)[0]));
  });
  // last, because PyTorch copies the entries that fit before it raises (tocha's failed load changes nothing)
  e(() => target_net.load_state_dict(new DQN(n_observations, 3).state_dict()));
});

export const programs: Record<string, () => Rec[]> = { reinforce, actor_critic, dqn };
