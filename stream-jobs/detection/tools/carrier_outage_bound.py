#!/usr/bin/env python3
# Evidence for SLA_AND_STALLS.md ("carrier-outage"): rerun with `python3 tools/carrier_outage_bound.py`
# (numpy). Mirrors stream-jobs/simulator ShippingPhase.outage and StageTimes.DC_HANDOFF.
# Monte Carlo of the simulator's carrier-outage label for DC parcels (ShippingPhase.outage):
# what precision/recall can ANY detector reach that sees only the stream (label time L, failures,
# no handoff yet), even one told the outage's end E in advance (an oracle advantage)?
import numpy as np
rng = np.random.default_rng(1)
H = 60.0  # minutes
S, E = 0.0, 4 * H
def ln(med, sig, cap, n): return np.minimum(cap, med * np.exp(sig * rng.standard_normal(n)))
def sample(n):
    L = rng.uniform(S - 8 * H, E, n)           # label times (uniform arrivals)
    D = ln(2 * H, 0.5, 8 * H, n); N = L + D     # natural handoff
    hit = ((L >= S) & (L < E)) | ((N >= S) & (N < E))
    lost = rng.random(n) < 0.12
    B = ln(2 * H, 0.6, 8 * H, n); R = E + B
    Hh = np.maximum(N, R)
    stalled = hit & (lost | (R - N >= 30))
    Hh = np.where(hit & lost, np.inf, np.where(hit, Hh, N))
    return L[hit], Hh[hit], stalled[hit]
# posterior P(stalled | still waiting at tau) on a grid of (L - S, tau - L), 5-min bins
L, Hh, st = sample(4_000_000)
lb = np.clip(((L - (S - 8 * H)) // 5).astype(int), 0, 143)
taus = np.arange(0, 9 * H + 1, 5)
post = np.zeros((144, len(taus)))
for j, x in enumerate(taus):
    w = Hh > L + x
    num = np.bincount(lb[w & st], minlength=144); den = np.bincount(lb[w], minlength=144)
    post[:, j] = np.where(den > 50, num / np.maximum(den, 1), np.nan)
L2, H2, st2 = sample(400_000)
lb2 = np.clip(((L2 - (S - 8 * H)) // 5).astype(int), 0, 143)
print("theta  precision recall   (fire at the first check where P(stalled | waiting) >= theta)")
for theta in [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95]:
    fire = np.full(len(L2), np.inf)
    for j, x in enumerate(taus):
        ok = (post[lb2, j] >= theta) & (H2 > L2 + x) & np.isinf(fire)
        fire[ok] = x
    pred = np.isfinite(fire)
    tp = (pred & st2).sum(); p = tp / max(pred.sum(), 1); r = tp / st2.sum()
    print(f"{theta:5.2f}  {p:9.3f} {r:6.3f}")
# the shipped rule: blocked 2 h after the label if the carrier failed for it by then
fire = (H2 > L2 + 120) & (np.maximum(L2, S) + 5 < L2 + 120) & (L2 + 120 < H2)
tp = (fire & st2).sum(); print("shipped rule (2 h after label, failures seen):", round(tp / fire.sum(), 3), round(tp / st2.sum(), 3))
print("rule: 2 h after the label while the outage lasts; after the carrier recovered, x2 after the label")
for x2 in [120, 150, 180, 210, 240, 270, 300]:
    t1 = L2 + 120
    fire = np.where(t1 < E, (H2 > t1), H2 > np.maximum(L2 + x2, E))
    fire &= (np.maximum(L2, S) + 5 < np.maximum(t1, H2))
    tp = (fire & st2).sum(); print(x2, round(tp / fire.sum(), 3), round(tp / st2.sum(), 3))
