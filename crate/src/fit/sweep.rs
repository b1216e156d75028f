//! Runs a [`Grid`]: row by row, each row an upward ν_e sweep that stops above the maximum rate,
//! then refined where the output jumps. A point's random stream depends only on the seed, the
//! purpose, the cell, its row and its place on the finest ν_e lattice, so the results do not
//! depend on how the work is sliced.

use super::cell::{simulate, Sample};
use crate::neuron::Pop;
use crate::rng::SeededRng;
use crate::transfer::coefficients::CellNeuron;
use crate::transfer::grid::Grid;
use crate::transfer::{InDegrees, Synapses};
use std::collections::VecDeque;

/// Random-stream purpose of the fit's own points.
pub const PURPOSE_FIT: u64 = 1;
/// Random-stream purpose of the held-out check points.
pub const PURPOSE_CHECK: u64 = 2;

struct Row {
    pop: Pop,
    index: usize,
    nu_i: f64,
    w: f64,
    next_base: usize,
    stopped: bool,
    level: u32,
    queue: VecDeque<f64>,
    done: Vec<(f64, Sample)>,
}

/// A grid being simulated for one or two cells.
pub struct Sweep {
    grid: Grid,
    cells: Vec<(Pop, CellNeuron)>,
    synapses: Synapses,
    in_degrees: InDegrees,
    seed: u64,
    purpose: u64,
    base: Vec<f64>,
    rows: Vec<Row>,
    current: usize,
}

impl Sweep {
    /// A sweep of `grid` for `cells`, nothing simulated yet.
    #[must_use]
    pub fn new(
        grid: Grid,
        cells: Vec<(Pop, CellNeuron)>,
        synapses: Synapses,
        in_degrees: InDegrees,
        seed: u64,
        purpose: u64,
    ) -> Self {
        let rows = cells
            .iter()
            .flat_map(|(pop, _)| {
                grid.rows(*pop)
                    .into_iter()
                    .enumerate()
                    .map(|(index, (nu_i, w))| Row {
                        pop: *pop,
                        index,
                        nu_i,
                        w,
                        next_base: 0,
                        stopped: false,
                        level: 0,
                        queue: VecDeque::new(),
                        done: Vec::new(),
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        Self {
            base: grid.nu_e_base(),
            grid,
            cells,
            synapses,
            in_degrees,
            seed,
            purpose,
            rows,
            current: 0,
        }
    }

    /// Rows in all.
    #[must_use]
    pub fn rows_total(&self) -> usize {
        self.rows.len()
    }

    /// Rows finished.
    #[must_use]
    pub fn rows_done(&self) -> usize {
        self.current
    }

    /// Points simulated so far.
    #[must_use]
    pub fn points_done(&self) -> usize {
        self.rows.iter().map(|r| r.done.len()).sum()
    }

    /// Whether every row is finished.
    #[must_use]
    pub fn finished(&self) -> bool {
        self.current >= self.rows.len()
    }

    /// The next ν_e of row `r`, or `None` when the row is finished.
    fn next_input(&mut self, r: usize) -> Option<f64> {
        let (max, jump, levels) = (
            self.grid.max_rate_hz,
            self.grid.refine_jump_hz,
            self.grid.refine_levels,
        );
        let row = &mut self.rows[r];
        loop {
            if !row.stopped && row.next_base < self.base.len() {
                return Some(self.base[row.next_base]);
            }
            if let Some(x) = row.queue.pop_front() {
                return Some(x);
            }
            if row.level >= levels {
                return None;
            }
            row.level += 1;
            row.done.sort_by(|a, b| a.0.total_cmp(&b.0));
            for pair in row.done.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                if a.1.rate_hz.min(b.1.rate_hz) <= max && (b.1.rate_hz - a.1.rate_hz).abs() > jump {
                    row.queue.push_back(0.5 * (a.0 + b.0));
                }
            }
        }
    }

    /// Simulates up to `n` more points; returns whether the sweep is finished.
    pub fn step(&mut self, n: usize) -> bool {
        let mut left = n;
        while left > 0 && !self.finished() {
            let r = self.current;
            let Some(nu_e) = self.next_input(r) else {
                self.current += 1;
                continue;
            };
            let row = &self.rows[r];
            let Some((_, cell)) = self.cells.iter().find(|(p, _)| *p == row.pop) else {
                self.current += 1;
                continue;
            };
            let lattice =
                ((nu_e - self.grid.nu_e_from_hz) / self.grid.nu_e_fine_step()).round() as u64;
            let pop_bit = match row.pop {
                Pop::Exc => 0,
                Pop::Inh => 1,
            };
            let stream =
                (self.purpose << 40) | (pop_bit << 32) | ((row.index as u64) << 16) | lattice;
            let mut rng = SeededRng::stream(self.seed, stream);
            let sample = simulate(
                cell,
                &self.synapses,
                &self.in_degrees,
                (nu_e, row.nu_i, row.w),
                &self.grid.sim,
                &mut rng,
            );
            let row = &mut self.rows[r];
            if !row.stopped && row.next_base < self.base.len() {
                row.next_base += 1;
                row.stopped = sample.rate_hz > self.grid.max_rate_hz;
            }
            row.done.push((nu_e, sample));
            left -= 1;
        }
        self.finished()
    }

    /// The simulated points of cell `pop`, row by row, ν_e ascending: ((ν_e, ν_i, w), sample).
    #[must_use]
    pub fn results(&self, pop: Pop) -> Vec<((f64, f64, f64), Sample)> {
        let mut out = Vec::new();
        for row in self.rows.iter().filter(|r| r.pop == pop) {
            let mut done = row.done.clone();
            done.sort_by(|a, b| a.0.total_cmp(&b.0));
            out.extend(done.into_iter().map(|(e, s)| ((e, row.nu_i, row.w), s)));
        }
        out
    }
}
