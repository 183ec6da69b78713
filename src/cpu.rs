//! A small pool of dedicated threads for CPU-bound work that must stay off
//! the async runtime (RSA signatures).
//!
//! Unlike tokio's blocking pool, which starts another thread whenever all
//! are busy, this pool has one thread per core: a burst of work queues
//! instead of oversubscribing the CPU with dozens of threads (each with its
//! own malloc arena), so latency stays predictable and memory flat, and
//! other dedicated work (password hashing) keeps its fair share.

use std::sync::LazyLock;

type Task = Box<dyn FnOnce() + Send + 'static>;

static POOL: LazyLock<flume::Sender<Task>> = LazyLock::new(|| {
    start_workers("latchkey-cpu", SIGNING_NICE, |(): &mut (), task: Task| {
        task()
    })
});

/// Starts one thread per core, named `name-N` and at `nice` below the
/// runtime's priority, each taking items from one channel and handing them
/// to `work` with the thread's own `state` (e.g. reusable memory); returns
/// the channel's sending side. A multi-consumer channel: an idle thread
/// waits on the channel itself, so an item wakes exactly one thread (a
/// mutex around a single-consumer receiver cost a second wake-up per item).
pub fn start_workers<T, S>(name: &str, nice: i32, work: fn(&mut S, T)) -> flume::Sender<T>
where
    T: Send + 'static,
    S: Default + 'static,
{
    let (sender, receiver) = flume::unbounded::<T>();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    for n in 0..threads {
        let receiver = receiver.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("{name}-{n}"))
            .spawn(move || {
                lower_priority(nice);
                let mut state = S::default();
                while let Ok(item) = receiver.recv() {
                    work(&mut state, item);
                }
            });
        if let Err(e) = spawned {
            tracing::error!(error = %e, thread = name, "could not start a worker thread");
        }
    }
    sender
}

/// How much less CPU priority (a nice increment) the signing threads get
/// than the async runtime: under load, the runtime's threads (and the
/// database's) preempt a signature in progress instead of waiting behind it.
pub const SIGNING_NICE: i32 = 10;

/// How much less CPU priority the password hashing threads get: a little
/// more than signatures (so sign-ins keep moving beside token traffic), far
/// less than the runtime (so a burst of sign-ins cannot starve the rest of
/// the server). Measured trade-off in docs/benchmarks.md (W8).
pub const HASHING_NICE: i32 = 8;

/// Lowers the calling thread's scheduling priority by `increment` (Linux
/// keeps the nice value per thread). Elsewhere, and on failure, nothing
/// changes: priority only tunes latency, it is never needed for correctness.
pub fn lower_priority(increment: i32) {
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::process::nice(increment) {
        tracing::debug!(error = %e, "could not lower a worker thread's priority");
    }
    #[cfg(not(target_os = "linux"))]
    let _ = increment;
}

/// The work could not be run (the pool is gone, or the work panicked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the CPU worker pool could not run the task")]
pub struct Lost;

/// Runs `f` on the pool inside the caller's tracing span and awaits its result.
pub async fn run<F, R>(f: F) -> Result<R, Lost>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let (reply, answer) = tokio::sync::oneshot::channel();
    let span = tracing::Span::current();
    let task: Task = Box::new(move || {
        // A panic drops `reply`, which the caller sees as `Lost`; the
        // thread itself lives on.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| span.in_scope(f)));
        if let Ok(value) = result {
            let _ = reply.send(value);
        }
    });
    POOL.send(task).map_err(|_| Lost)?;
    answer.await.map_err(|_| Lost)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn runs_work_and_survives_a_panic() {
        assert_eq!(run(|| 6 * 7).await, Ok(42));
        #[allow(clippy::panic)]
        let lost = run(|| -> u8 { panic!("boom") }).await;
        assert_eq!(lost, Err(Lost));
        let many: Vec<_> = (0..64u64).map(|i| run(move || i * 2)).collect();
        for (i, r) in many.into_iter().enumerate() {
            assert_eq!(r.await, Ok(i as u64 * 2));
        }
    }
}
