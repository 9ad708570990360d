//! Progress and cancelling for long jobs (import, export, reindex).
//!
//! A [`Job`] travels from a face into the core: the core reports each step
//! through it (per file, per page, per document) and asks it, between steps,
//! whether the user cancelled. A cancelled job stops at the next step with
//! [`Error::Cancelled`] and leaves what it had finished (an import keeps the
//! files already imported, an export writes no file).
//!
//! Architecture invariant: a leaf; imports only the error type.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::error::{Error, Result};

/// A shareable "stop" switch: the face keeps one clone to flip, the job
/// checks another.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the job to stop at its next step.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// What a running job is given: where to report its steps, and the switch
/// that stops it. `S` is the job's own step type.
pub struct Job<'a, S> {
    report: Box<dyn FnMut(&S) + 'a>,
    cancel: Cancel,
}

impl<'a, S> Job<'a, S> {
    pub fn new(cancel: Cancel, report: impl FnMut(&S) + 'a) -> Self {
        Job { report: Box::new(report), cancel }
    }

    /// A job nobody watches and nobody cancels.
    pub fn quiet() -> Self {
        Job { report: Box::new(|_| {}), cancel: Cancel::new() }
    }

    /// Reports a step.
    pub fn step(&mut self, step: S) {
        (self.report)(&step);
    }

    /// Fails with [`Error::Cancelled`] once the switch was flipped.
    pub fn check(&self) -> Result<()> {
        if self.cancel.is_cancelled() {
            return Err(Error::Cancelled);
        }
        Ok(())
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }
}
