# PyTorch's reinforcement-learning programs (pytorch/examples: reinforcement_learning/reinforce.py and
# actor_critic.py; pytorch/tutorials: intermediate_source/reinforcement_q_learning.py, the DQN) as PyTorch 1.13
# runs them, on gym's CartPole-v1 written inline (gym/envs/classic_control/cartpole.py's equations in plain
# Python floats, which are IEEE doubles as JavaScript's numbers are: the same +, -, *, / in the same order give the
# same bits in both languages; math.sin, math.cos and ** are libm's, and glibc's and V8's differ by an ulp for ~2%
# of the angles CartPole sees (x ** 2 for ~0.1%), which moves a state by ~1e-16, far below the float32 rounding of
# the observations the networks get, over episodes this short). Every random draw is torch's: gym's reset (numpy's np_random.uniform), the DQN's
# random.random() / action_space.sample() and ReplayMemory.sample's random.sample are replaced with torch draws
# here and in tocha's port, so both follow one stream. Runs are a few episodes long: the actions depend on float32
# results (sampling, argmax), so long runs could drift apart on a rounding. test/rl.test.ts runs the same programs
# written against tocha (test/rl-programs.ts) and compares what they print.
#   /usr/bin/python3 scripts/gen-rl.py   (writes test/fixtures/rl.json)
# scripts/tutorial_harness.py says what a record is.
import math
from collections import deque, namedtuple
from itertools import count

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.distributions import Categorical

from tutorial_harness import e, n, p, program, write


class CartPoleEnv:
    """gym's CartPole-v1: CartPoleEnv (euler integration) inside its TimeLimit of 500 steps."""

    def __init__(self):
        self.gravity = 9.8
        self.masscart = 1.0
        self.masspole = 0.1
        self.total_mass = self.masspole + self.masscart
        self.length = 0.5  # actually half the pole's length
        self.polemass_length = self.masspole * self.length
        self.force_mag = 10.0
        self.tau = 0.02  # seconds between state updates
        # Angle at which to fail the episode
        self.theta_threshold_radians = 12 * 2 * math.pi / 360
        self.x_threshold = 2.4
        self.max_episode_steps = 500  # gym.make's TimeLimit for CartPole-v1
        self.reward_threshold = 475.0  # env.spec.reward_threshold
        self.n_actions = 2  # env.action_space.n
        self.state = None
        self.elapsed_steps = 0

    def step(self, action):
        x, x_dot, theta, theta_dot = self.state
        force = self.force_mag if action == 1 else -self.force_mag
        costheta = math.cos(theta)
        sintheta = math.sin(theta)
        temp = (force + self.polemass_length * theta_dot**2 * sintheta) / self.total_mass
        thetaacc = (self.gravity * sintheta - costheta * temp) / (
            self.length * (4.0 / 3.0 - self.masspole * costheta**2 / self.total_mass))
        xacc = temp - self.polemass_length * thetaacc * costheta / self.total_mass
        x = x + self.tau * x_dot
        x_dot = x_dot + self.tau * xacc
        theta = theta + self.tau * theta_dot
        theta_dot = theta_dot + self.tau * thetaacc
        self.state = [x, x_dot, theta, theta_dot]
        terminated = bool(
            x < -self.x_threshold
            or x > self.x_threshold
            or theta < -self.theta_threshold_radians
            or theta > self.theta_threshold_radians
        )
        self.elapsed_steps += 1
        truncated = self.elapsed_steps >= self.max_episode_steps
        # gym returns np.array(self.state, dtype=np.float32): the programs make float32 tensors of it
        return list(self.state), 1.0, terminated, truncated, {}

    def reset(self):
        # gym: self.np_random.uniform(low=-0.05, high=0.05, size=(4,)); torch's draw here, so tocha's is the same
        self.state = (torch.rand(4) * 0.1 - 0.05).tolist()
        self.elapsed_steps = 0
        return list(self.state), {}


# --------------------------------------------------------------------------------------------------
# pytorch/examples reinforcement_learning/reinforce.py: 20 episodes, logged every episode (--log-interval 1),
# with the loss of each update printed too
program('reinforce')
gamma = 0.99  # args.gamma
seed = 543  # args.seed
log_interval = 1  # args.log_interval (10 in the example: the run here is 20 episodes)
env = CartPoleEnv()
torch.manual_seed(seed)


class Policy(nn.Module):
    def __init__(self):
        super(Policy, self).__init__()
        self.affine1 = nn.Linear(4, 128)
        self.dropout = nn.Dropout(p=0.6)
        self.affine2 = nn.Linear(128, 2)

        self.saved_log_probs = []
        self.rewards = []

    def forward(self, x):
        x = self.affine1(x)
        x = self.dropout(x)
        x = F.relu(x)
        action_scores = self.affine2(x)
        return F.softmax(action_scores, dim=1)


policy = Policy()
optimizer = optim.Adam(policy.parameters(), lr=1e-2)
eps = torch.finfo(torch.float32).eps  # the example: np.finfo(np.float32).eps.item()
p(policy)
p(optimizer)
p(torch.finfo(torch.float32))


def select_action(state):
    state = torch.tensor(state).float().unsqueeze(0)  # the example: torch.from_numpy(state)
    probs = policy(state)
    m = Categorical(probs)
    action = m.sample()
    policy.saved_log_probs.append(m.log_prob(action))
    return action.item()


def finish_episode():
    R = 0
    policy_loss = []
    returns = deque()
    for r in policy.rewards[::-1]:
        R = r + gamma * R
        returns.appendleft(R)
    returns = torch.tensor(returns)
    returns = (returns - returns.mean()) / (returns.std() + eps)
    for log_prob, R in zip(policy.saved_log_probs, returns):
        policy_loss.append(-log_prob * R)
    optimizer.zero_grad()
    policy_loss = torch.cat(policy_loss).sum()
    policy_loss.backward()
    optimizer.step()
    n('loss {:.6f} returns {}'.format(policy_loss.item(), returns[:3]))
    del policy.rewards[:]
    del policy.saved_log_probs[:]


running_reward = 10
for i_episode in range(1, 21):  # the example: count(1), until solved
    state, _ = env.reset()
    ep_reward = 0
    for t in range(1, 10000):  # Don't infinite loop while learning
        action = select_action(state)
        state, reward, done, _, _ = env.step(action)
        policy.rewards.append(reward)
        ep_reward += reward
        if done:
            break

    if i_episode == 1:
        n(len(policy.saved_log_probs), policy.saved_log_probs[0], policy.rewards[:3])
        n(Categorical(policy(torch.tensor(state).float().unsqueeze(0))))
    running_reward = 0.05 * ep_reward + (1 - 0.05) * running_reward
    finish_episode()
    if i_episode % log_interval == 0:
        n('Episode {}\tLast reward: {:.2f}\tAverage reward: {:.2f}'.format(
            i_episode, ep_reward, running_reward))
    if running_reward > env.reward_threshold:
        n("Solved! Running reward is now {} and "
          "the last episode runs to {} time steps!".format(running_reward, t))
        break
n(policy.affine2.bias)
# the mistakes: a state without its batch dim (softmax over dim 1 of a vector), log-probs of 0-dim tensors
# given to torch.cat (the actor-critic's Categorical over a vector gives those), a second backward
e(lambda: policy(torch.tensor(env.reset()[0])))
m = Categorical(torch.tensor([0.3, 0.7]))
e(lambda: torch.cat([-m.log_prob(m.sample()) * 1.0, -m.log_prob(m.sample()) * 0.5]))
probs = policy(torch.tensor(env.reset()[0]).unsqueeze(0))
loss = -Categorical(probs).log_prob(torch.tensor([1])).sum()
loss.backward()
e(lambda: loss.backward())
e(lambda: Categorical(torch.tensor([0.5, -0.5])))

# --------------------------------------------------------------------------------------------------
# pytorch/examples reinforcement_learning/actor_critic.py: 30 episodes, logged every episode, with the losses
program('actor_critic')
gamma = 0.99
seed = 543
log_interval = 1  # args.log_interval (10 in the example)
env = CartPoleEnv()
torch.manual_seed(seed)

SavedAction = namedtuple('SavedAction', ['log_prob', 'value'])


class PolicyAC(nn.Module):
    """
    implements both actor and critic in one model
    """
    def __init__(self):
        super(PolicyAC, self).__init__()
        self.affine1 = nn.Linear(4, 128)

        # actor's layer
        self.action_head = nn.Linear(128, 2)

        # critic's layer
        self.value_head = nn.Linear(128, 1)

        # action & reward buffer
        self.saved_actions = []
        self.rewards = []

    def forward(self, x):
        """
        forward of both actor and critic
        """
        x = F.relu(self.affine1(x))

        # actor: choses action to take from state s_t
        # by returning probability of each action
        action_prob = F.softmax(self.action_head(x), dim=-1)

        # critic: evaluates being in the state s_t
        state_values = self.value_head(x)

        # return values for both actor and critic as a tuple of 2 values:
        # 1. a list with the probability of each action over the action space
        # 2. the value from state s_t
        return action_prob, state_values


model = PolicyAC()
optimizer = optim.Adam(model.parameters(), lr=3e-2)
eps = torch.finfo(torch.float32).eps  # the example: np.finfo(np.float32).eps.item()
p(model)


def select_action_ac(state):
    state = torch.tensor(state).float()  # the example: torch.from_numpy(state).float()
    probs, state_value = model(state)

    # create a categorical distribution over the list of probabilities of actions
    m = Categorical(probs)

    # and sample an action using the distribution
    action = m.sample()

    # save to action buffer
    model.saved_actions.append(SavedAction(m.log_prob(action), state_value))

    # the action to take (left or right)
    return action.item()


def finish_episode_ac():
    """
    Training code. Calculates actor and critic loss and performs backprop.
    """
    R = 0
    saved_actions = model.saved_actions
    policy_losses = []  # list to save actor (policy) loss
    value_losses = []  # list to save critic (value) loss
    returns = []  # list to save the true values

    # calculate the true value using rewards returned from the environment
    for r in model.rewards[::-1]:
        # calculate the discounted value
        R = r + gamma * R
        returns.insert(0, R)

    returns = torch.tensor(returns)
    returns = (returns - returns.mean()) / (returns.std() + eps)

    for (log_prob, value), R in zip(saved_actions, returns):
        advantage = R - value.item()

        # calculate actor (policy) loss
        policy_losses.append(-log_prob * advantage)

        # calculate critic (value) loss using L1 smooth loss
        value_losses.append(F.smooth_l1_loss(value, torch.tensor([R])))

    if len(value_losses) == 11:
        n(saved_actions[0], value_losses[0])

    # reset gradients
    optimizer.zero_grad()

    # sum up all the values of policy_losses and value_losses
    loss = torch.stack(policy_losses).sum() + torch.stack(value_losses).sum()

    # perform backprop
    loss.backward()
    optimizer.step()
    n('policy loss {:.6f} value loss {:.6f} first value {:.6f}'.format(
        torch.stack(policy_losses).sum().item(), torch.stack(value_losses).sum().item(),
        saved_actions[0].value.item()))

    # reset rewards and action buffer
    del model.rewards[:]
    del model.saved_actions[:]


running_reward = 10
for i_episode in range(1, 31):  # the example: count(1), until solved
    # reset environment and episode reward
    state, _ = env.reset()
    ep_reward = 0

    # for each episode, only run 9999 steps so that we don't
    # infinite loop while learning
    for t in range(1, 10000):
        # select action from policy
        action = select_action_ac(state)

        # take the action
        state, reward, done, _, _ = env.step(action)

        model.rewards.append(reward)
        ep_reward += reward
        if done:
            break

    # update cumulative reward
    running_reward = 0.05 * ep_reward + (1 - 0.05) * running_reward

    # perform backprop
    finish_episode_ac()

    # log results
    if i_episode % log_interval == 0:
        n('Episode {}\tLast reward: {:.2f}\tAverage reward: {:.2f}'.format(
            i_episode, ep_reward, running_reward))

    # check if we have "solved" the cart pole problem
    if running_reward > env.reward_threshold:
        n("Solved! Running reward is now {} and "
          "the last episode runs to {} time steps!".format(running_reward, t))
        break
n(model(torch.tensor(env.reset()[0]))[1])
# the mistakes: an action outside the distribution's support, the value against a target of another shape
# (a warning, then broadcasting: the loss is a number all the same), a probs vector that sums to zero
probs, value = model(torch.tensor(env.reset()[0]))
m = Categorical(probs)
e(lambda: m.log_prob(torch.tensor(2)))
n(F.smooth_l1_loss(value, torch.tensor([0.5, 0.25, 0.125])))
e(lambda: Categorical(torch.zeros(2)))
e(lambda: torch.stack([torch.tensor([0.5]), torch.tensor(0.5)]))
e(lambda: torch.stack([]))  # finish_episode before any step
e(lambda: probs.item())

# --------------------------------------------------------------------------------------------------
# pytorch/tutorials intermediate_source/reinforcement_q_learning.py: the DQN on CartPole-v1's state vector,
# 20 episodes (the tutorial runs 600 on a GPU, 50 on a CPU), printing each episode's duration, the loss of every
# 25th optimization step and a few Q values
program('dqn')
env = CartPoleEnv()
device = torch.device("cpu")

Transition = namedtuple('Transition', ('state', 'action', 'next_state', 'reward'))


class ReplayMemory(object):

    def __init__(self, capacity):
        self.memory = deque([], maxlen=capacity)

    def push(self, *args):
        """Save a transition"""
        self.memory.append(Transition(*args))

    def sample(self, batch_size):
        # the tutorial: random.sample(self.memory, batch_size); torch's draw here, so tocha's is the same
        return [self.memory[i] for i in torch.randperm(len(self.memory))[:batch_size].tolist()]

    def __len__(self):
        return len(self.memory)


class DQN(nn.Module):

    def __init__(self, n_observations, n_actions):
        super(DQN, self).__init__()
        self.layer1 = nn.Linear(n_observations, 128)
        self.layer2 = nn.Linear(128, 128)
        self.layer3 = nn.Linear(128, n_actions)

    # Called with either one element to determine next action, or a batch
    # during optimization. Returns tensor([[left0exp,right0exp]...]).
    def forward(self, x):
        x = F.relu(self.layer1(x))
        x = F.relu(self.layer2(x))
        return self.layer3(x)


# BATCH_SIZE is the number of transitions sampled from the replay buffer
# GAMMA is the discount factor as mentioned in the previous section
# EPS_START is the starting value of epsilon
# EPS_END is the final value of epsilon
# EPS_DECAY controls the rate of exponential decay of epsilon, higher means a slower decay
# TAU is the update rate of the target network
# LR is the learning rate of the ``AdamW`` optimizer
BATCH_SIZE = 128
GAMMA = 0.99
EPS_START = 0.9
EPS_END = 0.05
EPS_DECAY = 1000
TAU = 0.005
LR = 1e-4

# Get number of actions from gym action space
n_actions = env.n_actions
# Get the number of state observations
state, info = env.reset()
n_observations = len(state)

policy_net = DQN(n_observations, n_actions).to(device)
target_net = DQN(n_observations, n_actions).to(device)
p(target_net.load_state_dict(policy_net.state_dict()))
p(policy_net)
p(list(policy_net.state_dict().keys()))

optimizer = optim.AdamW(policy_net.parameters(), lr=LR, amsgrad=True)
memory = ReplayMemory(10000)
p(optimizer)
p(nn.SmoothL1Loss())

steps_done = 0


def select_action_dqn(state):
    global steps_done
    sample = torch.rand(1).item()  # the tutorial: random.random()
    eps_threshold = EPS_END + (EPS_START - EPS_END) * \
        math.exp(-1. * steps_done / EPS_DECAY)
    steps_done += 1
    if sample > eps_threshold:
        with torch.no_grad():
            # t.max(1) will return the largest column value of each row.
            # second column on max result is index of where max element was
            # found, so we pick action with the larger expected reward.
            return policy_net(state).max(1)[1].view(1, 1)
    else:
        # the tutorial: env.action_space.sample() (numpy's generator)
        return torch.tensor([[torch.randint(n_actions, (1,)).item()]], device=device, dtype=torch.long)


episode_durations = []
optimize_steps = 0


def optimize_model():
    global optimize_steps
    if len(memory) < BATCH_SIZE:
        return
    transitions = memory.sample(BATCH_SIZE)
    # Transpose the batch (see https://stackoverflow.com/a/19343/3343043 for
    # detailed explanation). This converts batch-array of Transitions
    # to Transition of batch-arrays.
    batch = Transition(*zip(*transitions))

    # Compute a mask of non-final states and concatenate the batch elements
    # (a final state would've been the one after which simulation ended)
    non_final_mask = torch.tensor(tuple(map(lambda s: s is not None,
                                            batch.next_state)), device=device, dtype=torch.bool)
    non_final_next_states = torch.cat([s for s in batch.next_state
                                       if s is not None])
    state_batch = torch.cat(batch.state)
    action_batch = torch.cat(batch.action)
    reward_batch = torch.cat(batch.reward)

    # Compute Q(s_t, a) - the model computes Q(s_t), then we select the
    # columns of actions taken. These are the actions which would've been taken
    # for each batch state according to policy_net
    state_action_values = policy_net(state_batch).gather(1, action_batch)

    # Compute V(s_{t+1}) for all next states.
    # Expected values of actions for non_final_next_states are computed based
    # on the "older" target_net; selecting their best reward with max(1)[0].
    # This is merged based on the mask, such that we'll have either the expected
    # state value or 0 in case the state was final.
    next_state_values = torch.zeros(BATCH_SIZE, device=device)
    with torch.no_grad():
        next_state_values[non_final_mask] = target_net(non_final_next_states).max(1)[0]
    # Compute the expected Q values
    expected_state_action_values = (next_state_values * GAMMA) + reward_batch

    # Compute Huber loss
    criterion = nn.SmoothL1Loss()
    loss = criterion(state_action_values, expected_state_action_values.unsqueeze(1))

    # Optimize the model
    optimizer.zero_grad()
    loss.backward()
    # In-place gradient clipping
    torch.nn.utils.clip_grad_value_(policy_net.parameters(), 100)
    optimizer.step()
    if optimize_steps % 25 == 0:
        n('step {} loss {:.6f} Q {}'.format(optimize_steps, loss.item(), state_action_values[:3].view(-1)))
    optimize_steps += 1


num_episodes = 20  # the tutorial: 600 with a GPU, 50 on a CPU

for i_episode in range(num_episodes):
    # Initialize the environment and get it's state
    state, info = env.reset()
    state = torch.tensor(state, dtype=torch.float32, device=device).unsqueeze(0)
    for t in count():
        action = select_action_dqn(state)
        observation, reward, terminated, truncated, _ = env.step(action.item())
        reward = torch.tensor([reward], device=device)
        done = terminated or truncated

        if terminated:
            next_state = None
        else:
            next_state = torch.tensor(observation, dtype=torch.float32, device=device).unsqueeze(0)

        # Store the transition in memory
        memory.push(state, action, next_state, reward)
        if len(memory) == 1:
            n(memory.memory[0])

        # Move to the next state
        state = next_state

        # Perform one step of the optimization (on the policy network)
        optimize_model()

        # Soft update of the target network's weights
        # θ′ ← τ θ + (1 −τ )θ′
        target_net_state_dict = target_net.state_dict()
        policy_net_state_dict = policy_net.state_dict()
        for key in policy_net_state_dict:
            target_net_state_dict[key] = policy_net_state_dict[key]*TAU + target_net_state_dict[key]*(1-TAU)
        target_net.load_state_dict(target_net_state_dict)

        if done:
            episode_durations.append(t + 1)
            n('Episode {} duration {} steps_done {}'.format(i_episode, t + 1, steps_done))
            break

p('Complete')
n(episode_durations, len(memory))
# plot_durations' 100-episode averages, over windows of 5 (20 episodes here)
durations_t = torch.tensor(episode_durations, dtype=torch.float)
if len(durations_t) >= 5:
    means = durations_t.unfold(0, 5, 1).mean(1).view(-1)
    means = torch.cat((torch.zeros(4), means))
    n(means)
n(durations_t.mean())
probe = torch.tensor([[0.01, -0.02, 0.03, 0.04], [0.0, 0.5, -0.1, -0.5]])
with torch.no_grad():
    n(policy_net(probe))
    n(target_net(probe))
    n(policy_net(probe).max(1))
n(target_net.layer3.bias)
# the mistakes: a state without its batch dim (max over dim 1 of a vector), actions of the wrong shape or
# dtype (stored as floats) or out of range given to gather, Q values against targets of another shape, the final
# states' None left in the batch, the greedy action of a whole batch, a state_dict from another network
state_batch = torch.cat([t.state for t in list(memory.memory)[:4]])
e(lambda: policy_net(torch.tensor(env.reset()[0])).max(1))
e(lambda: policy_net(state_batch).gather(1, torch.tensor([0, 1, 1, 0])))
e(lambda: policy_net(state_batch).gather(1, torch.tensor([[0.], [1.], [1.], [0.]])))
e(lambda: policy_net(state_batch).gather(1, torch.tensor([[0], [1], [2], [0]])))
e(lambda: nn.SmoothL1Loss()(policy_net(state_batch), torch.zeros(4, 3)))
e(lambda: torch.cat([t.next_state for t in memory.memory]))  # the final states' None left in
e(lambda: policy_net(state_batch).max(1)[1].view(1, 1))
# expected values without unsqueeze(1): (4, 1) against (4,) broadcasts to (4, 4), a warning and a wrong loss
with torch.no_grad():
    n(nn.SmoothL1Loss()(policy_net(state_batch).gather(1, torch.cat([t.action for t in list(memory.memory)[:4]])),
                        target_net(state_batch).max(1)[0]))
# last, because PyTorch copies the entries that fit before it raises (tocha's failed load changes nothing)
e(lambda: target_net.load_state_dict(DQN(n_observations, 3).state_dict()))

write('test/fixtures/rl.json')
