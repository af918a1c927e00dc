//! The limit loop: the least work an agent-month of `scenarios/silkeborg.toml` needs — one draw
//! from one random stream, a threshold-row lookup, the month's benefit and refusion summed and
//! the refusion clock advanced — with no § 6 record, no per-citizen streams, no interventions
//! and nothing written out. The engine's cost per agent-month divided by this loop's is a
//! ratio that holds on any machine (`cargo bench --bench limit` beside `--bench engine`).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kohort::engine::{Plan, Table};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

struct Limit {
    rows: Vec<Table>,
    benefit: Vec<f64>,
    refund: Vec<f64>,
    covered: Vec<u16>,
    cap: u16,
    citizens: usize,
    months: usize,
}

impl Limit {
    /// One trial of every arm, each arm at the caseload of its first month.
    fn trial(&self, seed: u64, state: &mut [Vec<u8>], clock: &mut [Vec<u16>]) -> f64 {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let k1 = self.cap as usize + 1;
        for (st, cl) in state.iter_mut().zip(clock.iter_mut()) {
            st.iter_mut().for_each(|s| *s = 0);
            cl.iter_mut().for_each(|c| *c = 60);
        }
        let mut total = 0.0;
        for _ in 0..self.months {
            for i in 0..self.citizens {
                let u = rng.next_u64();
                for a in 0..self.rows.len() {
                    let from = state[a][i];
                    let to = self.rows[a].rows[from as usize].next(from, u);
                    state[a][i] = to;
                    let c = clock[a][i];
                    total += self.benefit[to as usize]
                        - self.refund[to as usize * k1 + c.min(self.cap) as usize];
                    clock[a][i] = c + self.covered[to as usize];
                }
            }
        }
        total
    }
}

fn limit(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/silkeborg.toml");
    let model = kohort::scenario::load(&path).expect("shipped scenario");
    // The engine's own refusion table (øre, [state · (K + 1) + clock]), in kr.
    let plan = Plan::new(&model);
    let refund = plan.refund.iter().map(|&ore| ore as f64 / 100.0).collect();
    let cases: f64 = model.cohort_size as f64;
    let rows = (0..model.arms.len())
        .map(|a| {
            let mut t = Table::new(&model);
            t.set_caseload(&model, model.staff(a, 1, cases).caseload);
            t
        })
        .collect();
    let l = Limit {
        rows,
        benefit: model.states.iter().map(|s| s.benefit).collect(),
        refund,
        covered: (0..model.states.len() as u8)
            .map(|s| plan.covered(s) as u16)
            .collect(),
        cap: plan.clock_cap,
        citizens: model.cohort_size as usize,
        months: model.months as usize,
    };
    let arms = model.arms.len();
    let mut state = vec![vec![0u8; l.citizens]; arms];
    let mut clock = vec![vec![0u16; l.citizens]; arms];
    let mut group = c.benchmark_group("limit");
    group.throughput(Throughput::Elements((l.citizens * l.months * arms) as u64));
    let mut seed = 0;
    group.bench_function("silkeborg_arms_2", |b| {
        b.iter(|| {
            seed += 1;
            black_box(l.trial(seed, &mut state, &mut clock))
        })
    });
    group.finish();
}

criterion_group!(benches, limit);
criterion_main!(benches);
