//! The bounded pool that does the argon2 work of the server: one worker thread per core,
//! each with its one reused [`Hasher`] buffer, fed by a bounded queue. A job that finds the
//! queue full is refused at once (the caller answers 503 with `Retry-After`), so a flood of
//! logins costs a bounded amount of memory and every accepted request is answered in time.

use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread;

use tokio::sync::{oneshot, OwnedSemaphorePermit, Semaphore};

use crate::domain::password::{HashParams, Hasher};

/// One unit of work: runs on a worker with that worker's hasher.
type Job = Box<dyn FnOnce(&mut Hasher) + Send>;

/// The queue is full: try again in a moment.
#[derive(Debug)]
pub struct Busy;

/// A fixed set of hashing workers behind a bounded queue.
pub struct HashPool {
    queue: SyncSender<Job>,
    workers: usize,
    /// One permit per job the pool can hold (the workers' plus the queue's): a request
    /// that will need a hash takes one before any other work.
    admission: Arc<Semaphore>,
}

/// A request's place in the pool, from before its first read to its last write: while
/// it is held, the request counts against the queue.
pub struct Admission {
    _permit: OwnedSemaphorePermit,
}

impl HashPool {
    /// Starts `workers` threads (at least one) and a queue of `capacity` waiting jobs.
    pub fn start(workers: usize, capacity: usize) -> std::io::Result<HashPool> {
        let workers = workers.max(1);
        let (queue, jobs) = sync_channel::<Job>(capacity);
        let jobs = Arc::new(Mutex::new(jobs));
        for n in 0..workers {
            let jobs = Arc::clone(&jobs);
            thread::Builder::new()
                .name(format!("usermgr-hash-{n}"))
                .spawn(move || {
                    // The buffer is allocated on the first hash and reused after.
                    let mut hasher = Hasher::new(HashParams::default());
                    loop {
                        // Holding the lock only while waiting for the next job.
                        let job = match jobs.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(&mut hasher),
                            Err(_) => return,
                        }
                    }
                })?;
        }
        Ok(HashPool {
            queue,
            workers,
            admission: Arc::new(Semaphore::new(workers + capacity)),
        })
    }

    /// A pool of one worker per core.
    pub fn per_core(queue_per_worker: usize) -> std::io::Result<HashPool> {
        let cores = thread::available_parallelism().map_or(1, usize::from);
        HashPool::start(cores, cores * queue_per_worker)
    }

    /// How many workers hash at once.
    pub fn workers(&self) -> usize {
        self.workers
    }

    /// Admits a request that will need one hash, or [`Busy`] at once when as many are
    /// already in flight as the pool holds: the request is refused before it does any work,
    /// so a flood costs neither reads nor memory.
    pub fn admit(&self) -> Result<Admission, Busy> {
        Arc::clone(&self.admission)
            .try_acquire_owned()
            .map(|p| Admission { _permit: p })
            .map_err(|_| Busy)
    }

    /// Queues `f`; [`Busy`] at once when the queue is full. `f` does not run if the
    /// receiver is dropped before a worker takes it up (the request was abandoned).
    pub fn submit<R, F>(&self, f: F) -> Result<oneshot::Receiver<R>, Busy>
    where
        R: Send + 'static,
        F: FnOnce(&mut Hasher) -> R + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |h| {
            // The request gave up before its job started (its client hung up or timed out):
            // nothing of it happens, so a flood of abandoned logins does not keep the
            // workers busy, and an abandoned reset is not committed unseen (its token stays
            // usable for the retry). A job that has started runs to its end.
            if tx.is_closed() {
                return;
            }
            let _ = tx.send(f(h));
        });
        match self.queue.try_send(job) {
            Ok(()) => Ok(rx),
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => Err(Busy),
        }
    }

    /// Queues `f` and waits for its answer; [`Busy`] at once when the queue is full.
    pub async fn run<R, F>(&self, f: F) -> Result<R, Busy>
    where
        R: Send + 'static,
        F: FnOnce(&mut Hasher) -> R + Send + 'static,
    {
        self.submit(f)?.await.map_err(|_| Busy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keeps the pool's one worker busy until the returned sender is used; the job then
    /// answers `answer`.
    fn occupy<R: Send + 'static>(
        pool: &HashPool,
        answer: R,
    ) -> (oneshot::Receiver<R>, std::sync::mpsc::Sender<()>) {
        let (started_tx, started_rx) = std::sync::mpsc::channel::<()>();
        let (hold_tx, hold_rx) = std::sync::mpsc::channel::<()>();
        let running = pool
            .submit(move |_| {
                let _ = started_tx.send(());
                let _ = hold_rx.recv();
                answer
            })
            .unwrap();
        started_rx.recv().unwrap();
        (running, hold_tx)
    }

    #[test]
    fn a_full_queue_refuses_at_once_and_the_accepted_jobs_complete() {
        let pool = HashPool::start(1, 1).unwrap();
        let (running, hold_tx) = occupy(&pool, 1);
        let queued = pool.submit(|_| 2).unwrap();
        assert!(pool.submit(|_| 3).is_err(), "a third job must not wait");
        let first = pool.admit().unwrap();
        let second = pool.admit().unwrap();
        assert!(pool.admit().is_err(), "a pool of 1 + 1 admits two requests");
        drop(first);
        assert!(pool.admit().is_ok(), "a finished request makes room");
        drop(second);
        hold_tx.send(()).unwrap();
        assert_eq!(running.blocking_recv().unwrap(), 1);
        assert_eq!(queued.blocking_recv().unwrap(), 2);
    }

    #[test]
    fn a_job_whose_request_gave_up_is_not_run() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let pool = HashPool::start(1, 2).unwrap();
        let (running, hold_tx) = occupy(&pool, ());
        let ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&ran);
        let abandoned = pool
            .submit(move |_| flag.store(true, Ordering::SeqCst))
            .unwrap();
        drop(abandoned);
        let after = pool.submit(|_| "after").unwrap();
        hold_tx.send(()).unwrap();
        running.blocking_recv().unwrap();
        assert_eq!(after.blocking_recv().unwrap(), "after");
        assert!(!ran.load(Ordering::SeqCst), "the abandoned job ran");
    }
}
