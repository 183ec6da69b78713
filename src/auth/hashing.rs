//! The bounded queue of the password hashing threads.
//!
//! One thread per core takes jobs from two lanes: the priority lane (sign-ins
//! from a browser holding a valid device cookie) before the normal lane, but
//! never more than [`PRIORITY_BURST`] priority jobs in a row while a normal
//! job waits, so a full priority lane slows the normal lane without
//! stopping it.
//! Each lane holds at most `limit` waiting jobs (`LATCHKEY_HASH_QUEUE`); a
//! job that finds its lane full is refused at once (the page answers 503
//! with `Retry-After`), so a flood cannot build a backlog in which every real
//! sign-in times out. A job whose caller has gone (request cancelled or
//! timed out) is skipped instead of computed, so the CPU stops when the
//! flood stops.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Which lane a job waits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// Sign-ins from a trusted device: served first, bounded separately.
    Priority,
    /// Everything else.
    Normal,
}

/// Priority jobs taken in a row before a waiting normal job gets its turn.
pub const PRIORITY_BURST: u32 = 3;

/// The lane is full: try again shortly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the password hashing queue is full")]
pub struct Full;

/// What a hashing thread needs to know about a job.
pub trait Job: Send + 'static {
    /// Whether nobody waits for the result any more.
    fn abandoned(&self) -> bool;
}

struct Lanes<T> {
    priority: VecDeque<T>,
    normal: VecDeque<T>,
    /// Priority jobs taken since the last normal one.
    run: u32,
    /// Test hook: while set, no thread takes a job.
    held: bool,
}

impl<T> Lanes<T> {
    /// The next job in serving order: priority first, except that a waiting
    /// normal job is taken after [`PRIORITY_BURST`] priority jobs in a row.
    fn take(&mut self) -> Option<T> {
        if (self.run >= PRIORITY_BURST || self.priority.is_empty())
            && let Some(job) = self.normal.pop_front()
        {
            self.run = 0;
            return Some(job);
        }
        let job = self.priority.pop_front()?;
        self.run = self.run.saturating_add(1);
        Some(job)
    }
}

/// A bounded two-lane queue served by its own threads.
pub struct Queue<T> {
    lanes: Mutex<Lanes<T>>,
    ready: Condvar,
    limit: AtomicUsize,
    ran: AtomicU64,
    skipped: AtomicU64,
}

impl<T: Job> Queue<T> {
    /// An empty queue holding at most `limit` jobs per lane.
    #[must_use]
    pub fn new(limit: usize) -> Self {
        Self {
            lanes: Mutex::new(Lanes {
                priority: VecDeque::new(),
                normal: VecDeque::new(),
                run: 0,
                held: false,
            }),
            ready: Condvar::new(),
            limit: AtomicUsize::new(limit.max(1)),
            ran: AtomicU64::new(0),
            skipped: AtomicU64::new(0),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Lanes<T>> {
        self.lanes.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Changes how many jobs may wait per lane (at least one).
    pub fn set_limit(&self, limit: usize) {
        self.limit.store(limit.max(1), Ordering::Relaxed);
    }

    /// Queues `job` in `lane`, or refuses it when that lane is full.
    pub fn push(&self, job: T, lane: Lane) -> Result<(), Full> {
        let limit = self.limit.load(Ordering::Relaxed);
        let mut lanes = self.lock();
        let queue = match lane {
            Lane::Priority => &mut lanes.priority,
            Lane::Normal => &mut lanes.normal,
        };
        if queue.len() >= limit {
            return Err(Full);
        }
        queue.push_back(job);
        drop(lanes);
        self.ready.notify_one();
        Ok(())
    }

    /// The next job to run, waiting for one; abandoned jobs are dropped.
    fn next(&self) -> T {
        let mut lanes = self.lock();
        loop {
            if !lanes.held
                && let Some(job) = lanes.take()
            {
                if job.abandoned() {
                    self.skipped.fetch_add(1, Ordering::Relaxed);
                    continue;
                }
                self.ran.fetch_add(1, Ordering::Relaxed);
                return job;
            }
            lanes = self
                .ready
                .wait(lanes)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Starts one thread per core, named `name-N` and at `nice` below the
    /// runtime's priority, each running jobs with its own `state`.
    pub fn start_threads<S: Default + 'static>(
        queue: &'static Self,
        name: &str,
        nice: i32,
        work: fn(&mut S, T),
    ) {
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        for n in 0..threads {
            let spawned = std::thread::Builder::new()
                .name(format!("{name}-{n}"))
                .spawn(move || {
                    crate::cpu::lower_priority(nice);
                    let mut state = S::default();
                    loop {
                        let job = queue.next();
                        work(&mut state, job);
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, thread = name, "could not start a worker thread");
            }
        }
    }

    /// Test hook: while `held`, the threads take no job (jobs already
    /// running finish), so a test can fill the queue without timing.
    pub fn hold(&self, held: bool) {
        self.lock().held = held;
        self.ready.notify_all();
    }

    /// Jobs waiting, over both lanes.
    pub fn waiting(&self) -> usize {
        let lanes = self.lock();
        lanes.priority.len() + lanes.normal.len()
    }

    /// Jobs taken to run, and jobs skipped because their caller had gone.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.ran.load(Ordering::Relaxed),
            self.skipped.load(Ordering::Relaxed),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    struct Probe(tokio::sync::oneshot::Sender<u32>, u32);

    impl Job for Probe {
        fn abandoned(&self) -> bool {
            self.0.is_closed()
        }
    }

    fn run(_: &mut (), Probe(reply, n): Probe) {
        let _ = reply.send(n * 2);
    }

    #[test]
    fn a_busy_priority_lane_lets_every_fourth_job_through_the_normal_lane() {
        let mut lanes = Lanes {
            priority: (0..8).map(|n| ('p', n)).collect(),
            normal: (0..3).map(|n| ('n', n)).collect(),
            run: 0,
            held: false,
        };
        let order: String = std::iter::from_fn(|| lanes.take())
            .map(|(lane, _)| lane)
            .collect();
        assert_eq!(order, "pppnpppnppn");
        assert_eq!(lanes.run, 0);
    }

    static QUEUE: LazyLock<Queue<Probe>> = LazyLock::new(|| Queue::new(2));

    #[tokio::test]
    async fn full_lanes_refuse_priority_goes_first_and_abandoned_jobs_are_skipped() {
        let q: &'static Queue<Probe> = &QUEUE;
        q.hold(true);
        Queue::start_threads(q, "test-hashing", 0, run);
        let mut waiting = Vec::new();
        for n in 0..2 {
            let (tx, rx) = tokio::sync::oneshot::channel();
            q.push(Probe(tx, n), Lane::Normal).unwrap();
            waiting.push(rx);
        }
        let (tx, _rx) = tokio::sync::oneshot::channel();
        assert_eq!(q.push(Probe(tx, 9), Lane::Normal), Err(Full));
        // The priority lane has its own room.
        let (tx, prio) = tokio::sync::oneshot::channel();
        q.push(Probe(tx, 5), Lane::Priority).unwrap();
        // The caller of job 0 goes away before it runs.
        drop(waiting.remove(0));
        assert_eq!(q.waiting(), 3);
        q.hold(false);
        assert_eq!(prio.await, Ok(10));
        assert_eq!(waiting.remove(0).await, Ok(2));
        let (ran, skipped) = q.counts();
        assert_eq!((ran, skipped), (2, 1), "the abandoned job was not run");
    }
}
